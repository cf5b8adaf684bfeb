import { useId, useState } from "react";
import {
  Button,
  Field,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Radio,
  RadioGroup,
  Text,
  Textarea,
  Tooltip,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ThumbDislike20Filled, ThumbDislike20Regular, ThumbLike20Filled, ThumbLike20Regular } from "@fluentui/react-icons";
import type { Feedback, Feedback_Deserialize, IpcError } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useI18n } from "../i18n/I18nContext";
import { HELPFUL_REASONS, NOT_HELPFUL_REASONS, REASON_LABELS } from "./labels";

const useStyles = makeStyles({
  surface: {
    width: "320px",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  title: {
    margin: 0,
  },
  buttons: {
    display: "flex",
    flexWrap: "wrap",
    justifyContent: "flex-end",
    gap: tokens.spacingHorizontalS,
  },
  clear: {
    marginRight: "auto",
  },
  chosen: {
    color: tokens.colorBrandForeground1,
  },
});

/** Longest comment kept. */
const MAX_COMMENT = 500;

export type SaveFeedback = (feedback: Feedback_Deserialize | null) => Promise<IpcError | null>;

interface FormProps {
  helpful: boolean;
  current: Feedback | null | undefined;
  onSave: SaveFeedback;
  onDone: () => void;
}

/** Reason and comment for one polarity; mounted afresh each time the popover opens. */
function FeedbackForm({ helpful, current, onSave, onDone }: FormProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const titleId = useId();
  const same = current?.helpful === helpful ? current : null;
  const [reason, setReason] = useState<string>(same?.reason ?? "");
  const [comment, setComment] = useState(same?.comment ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const reasons = helpful ? HELPFUL_REASONS : NOT_HELPFUL_REASONS;

  async function save(feedback: Feedback_Deserialize | null) {
    setBusy(true);
    setError(null);
    const failure = await onSave(feedback);
    setBusy(false);
    if (failure) setError(failure);
    else onDone();
  }

  return (
    <form
      className={styles.surface}
      aria-labelledby={titleId}
      data-testid="feedback-form"
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = comment.trim();
        void save({ helpful, reason: reason || null, comment: trimmed ? trimmed : null });
      }}
    >
      <Text as="h3" id={titleId} weight="semibold" size={400} className={styles.title}>
        {helpful ? t("opp.feedback.titleHelpful") : t("opp.feedback.titleNotHelpful")}
      </Text>
      <Field label={t("opp.feedback.reason")}>
        <RadioGroup value={reason} onChange={(_, data) => setReason(data.value)} data-testid="feedback-reasons">
          {reasons.map((key) => {
            const label = REASON_LABELS[key];
            return <Radio key={key} value={key} label={label ? t(label) : key} data-testid={`feedback-reason-${key}`} />;
          })}
        </RadioGroup>
      </Field>
      <Field label={t("opp.feedback.comment")}>
        <Textarea
          value={comment}
          maxLength={MAX_COMMENT}
          resize="vertical"
          onChange={(_, data) => setComment(data.value)}
          data-testid="feedback-comment"
        />
      </Field>
      {error ? <ErrorMessageBar error={error} title={t("opp.feedback.saveFailed")} /> : null}
      <div className={styles.buttons}>
        {current ? (
          <Button className={styles.clear} appearance="subtle" disabled={busy} onClick={() => void save(null)} data-testid="feedback-clear">
            {t("opp.feedback.clear")}
          </Button>
        ) : null}
        <Button disabled={busy} onClick={onDone}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" appearance="primary" disabled={busy} data-testid="feedback-save">
          {t("opp.feedback.save")}
        </Button>
      </div>
    </form>
  );
}

interface FeedbackPopoverProps {
  helpful: boolean;
  customer: string;
  current: Feedback | null | undefined;
  onSave: SaveFeedback;
  /** -1 keeps the button out of the tab order (rows other than the active one). */
  tabIndex: number;
}

/**
 * A thumbs-up or thumbs-down button, pressed when that is the stored feedback, that opens a
 * small form for a reason and a comment (SPEC §3.3: helpful or not, reason, comment).
 */
export function FeedbackPopover({ helpful, customer, current, onSave, tabIndex }: FeedbackPopoverProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const pressed = current?.helpful === helpful;
  const Icon = helpful ? (pressed ? ThumbLike20Filled : ThumbLike20Regular) : pressed ? ThumbDislike20Filled : ThumbDislike20Regular;
  const label = helpful ? t("opp.feedback.helpfulFor", { customer }) : t("opp.feedback.notHelpfulFor", { customer });
  return (
    <Popover open={open} onOpenChange={(_, data) => setOpen(data.open)} trapFocus withArrow positioning="below-end">
      <PopoverTrigger disableButtonEnhancement>
        <Tooltip content={helpful ? t("opp.feedback.helpful") : t("opp.feedback.notHelpful")} relationship="description" withArrow>
          <Button
            appearance="subtle"
            size="small"
            icon={<Icon className={pressed ? styles.chosen : undefined} />}
            aria-label={label}
            aria-pressed={pressed}
            tabIndex={tabIndex}
            data-testid={helpful ? "feedback-helpful" : "feedback-not-helpful"}
          />
        </Tooltip>
      </PopoverTrigger>
      <PopoverSurface>
        <FeedbackForm helpful={helpful} current={current} onSave={onSave} onDone={() => setOpen(false)} />
      </PopoverSurface>
    </Popover>
  );
}
