import { useState } from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { ArrowUndo16Regular, BrainCircuit20Regular, CloudArrowUp16Regular, DataHistogram16Regular, Dismiss20Regular } from "@fluentui/react-icons";
import {
  commands,
  type IpcError,
  type ScoringModelSummary_Serialize as ScoringModelSummary,
  type ScoringSummary,
  type VersionSummary_Serialize as VersionSummary,
} from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { AccuracyBadge, VersionStateBadge } from "./badges";
import { ConfirmDialog } from "./ConfirmDialog";
import { scoringNumbers } from "./numbers";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  toolbar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
  },
  hint: {
    color: tokens.colorNeutralForeground3,
    flex: "1 1 320px",
  },
  progress: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  table: {
    tableLayout: "auto",
    width: "100%",
  },
  nowrap: {
    whiteSpace: "nowrap",
  },
  version: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
  },
  numeric: {
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
    "& > div, & > button": {
      justifyContent: "flex-end",
    },
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  learner: {
    minWidth: "96px",
  },
  actions: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
  },
  empty: {
    color: tokens.colorNeutralForeground2,
  },
});

export type TrainingState =
  | { status: "idle" }
  | { status: "running" }
  | { status: "trained"; version: VersionSummary }
  | { status: "failed"; error: IpcError };

/** Training under way, its result, or why it was refused (the 40/40 rule said in words). */
export function TrainingFeedback({
  model,
  min,
  training,
  onDismiss,
  onPublish,
}: {
  model: ScoringModelSummary;
  /** The 40/40 rule's minimum per outcome. */
  min: number;
  training: TrainingState;
  onDismiss?: () => void;
  onPublish?: (version: VersionSummary) => void;
}) {
  const { t, locale } = useI18n();
  const styles = useStyles();
  const numbers = scoringNumbers(locale);
  const close = onDismiss ? (
    <Button appearance="transparent" size="small" icon={<Dismiss20Regular />} aria-label={t("common.close")} onClick={onDismiss} />
  ) : undefined;
  switch (training.status) {
    case "idle":
      return null;
    case "running":
      return (
        <div className={styles.progress} role="status" data-testid="training-progress">
          <Text>{t("scoring.train.running", { qualified: model.qualified, disqualified: model.disqualified })}</Text>
          <ProgressBar thickness="large" aria-label={t("scoring.train.progressLabel")} />
        </div>
      );
    case "trained": {
      const v = training.version;
      return (
        <MessageBar intent="success" layout="multiline" data-testid="training-done">
          <MessageBarBody>
            <MessageBarTitle>{t("scoring.train.done", { version: v.version })}</MessageBarTitle>
            {t("scoring.train.doneBody", { auc: numbers.decimal(v.rocAuc), status: v.accuracyLabel })}
          </MessageBarBody>
          <MessageBarActions containerAction={close}>
            {onPublish ? (
              <Button size="small" onClick={() => onPublish(v)} data-testid="training-publish">
                {t("scoring.versions.publishVersion", { version: v.version })}
              </Button>
            ) : null}
          </MessageBarActions>
        </MessageBar>
      );
    }
    case "failed": {
      const short = model.qualified < min || model.disqualified < min;
      if (training.error.code === "invalidInput" && short) {
        return (
          <MessageBar intent="error" layout="multiline" data-testid="training-refused" data-error-code={training.error.code}>
            <MessageBarBody>
              <MessageBarTitle>{t("scoring.train.tooFewTitle")}</MessageBarTitle>
              {t("scoring.train.tooFew", { qualified: model.qualified, disqualified: model.disqualified, min })}
              <Text size={200} className={styles.muted} block>
                {t("common.technicalDetails", { message: training.error.message })}
              </Text>
            </MessageBarBody>
            <MessageBarActions containerAction={close} />
          </MessageBar>
        );
      }
      return (
        <div data-testid="training-refused" data-error-code={training.error.code}>
          <ErrorMessageBar error={training.error} title={t("scoring.train.failed")} />
        </div>
      );
    }
  }
}

/** The button that trains a new version, busy while training runs. */
export function TrainButton({ training, onTrain, primary = false }: { training: TrainingState; onTrain: () => void; primary?: boolean }) {
  const { t } = useI18n();
  return (
    <Button
      appearance={primary ? "primary" : "secondary"}
      icon={<BrainCircuit20Regular />}
      disabled={training.status === "running"}
      onClick={onTrain}
      data-testid="train-model"
    >
      {training.status === "running" ? t("scoring.train.buttonRunning") : t("scoring.train.button")}
    </Button>
  );
}

type Pending = { kind: "publish" | "revert"; version: number } | null;
type Done = { kind: "publish" | "revert"; version: number; summary: ScoringSummary } | null;

interface VersionsTabProps {
  model: ScoringModelSummary;
  minPerOutcome: number;
  training: TrainingState;
  onTrain: () => void;
  onDismissTraining: () => void;
  /** Shows a version's performance. */
  onView: (version: number) => void;
  onChanged: () => void;
}

/**
 * Every version, newest first: trained when, state, accuracy status, AUC, accuracy, the leads it
 * learnt from and its learner; Publish on drafts, Revert on versions older than the published one
 * (each confirmed: the open leads are rescored), and Train new version.
 */
export function VersionsTab({ model, minPerOutcome, training, onTrain, onDismissTraining, onView, onChanged }: VersionsTabProps) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const numbers = scoringNumbers(locale);
  const [pending, setPending] = useState<Pending>(null);
  const [done, setDone] = useState<Done>(null);
  const published = model.publishedVersion;

  async function apply(kind: "publish" | "revert", version: number): Promise<IpcError | null> {
    const result = await settle(kind === "publish" ? commands.publishScoringVersion(model.id, version) : commands.revertScoringModel(model.id, version));
    if (result.status === "error") return result.error;
    setDone({ kind, version, summary: result.data });
    onDismissTraining();
    onChanged();
    return null;
  }

  return (
    <div className={styles.root} data-testid="versions-tab">
      <div className={styles.toolbar}>
        <TrainButton training={training} onTrain={onTrain} primary={model.versions.length === 0} />
        <Text size={200} className={styles.hint}>
          {t("scoring.versions.hint", { qualified: model.qualified, disqualified: model.disqualified })}
        </Text>
      </div>
      <TrainingFeedback model={model} min={minPerOutcome} training={training} onDismiss={onDismissTraining} onPublish={(v) => setPending({ kind: "publish", version: v.version })} />
      {done ? (
        <MessageBar intent="success" layout="multiline" data-testid="versions-done">
          <MessageBarBody>
            <MessageBarTitle>
              {done.kind === "publish" ? t("scoring.versions.published", { version: done.version }) : t("scoring.versions.reverted", { version: done.version })}
            </MessageBarTitle>
            {t("scoring.versions.rescored", { scored: done.summary.scored, changed: done.summary.changed, unscored: done.summary.unscored })}
          </MessageBarBody>
          <MessageBarActions
            containerAction={<Button appearance="transparent" size="small" icon={<Dismiss20Regular />} aria-label={t("common.close")} onClick={() => setDone(null)} />}
          />
        </MessageBar>
      ) : null}
      {model.versions.length === 0 ? (
        <Text className={styles.empty} data-testid="versions-empty">
          {t("scoring.versions.empty")}
        </Text>
      ) : (
        <Table size="small" className={styles.table} aria-label={t("scoring.versions.tableLabel")} data-testid="versions-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.nowrap}>{t("scoring.versions.col.version")}</TableHeaderCell>
              <TableHeaderCell className={styles.nowrap}>{t("scoring.versions.col.trained")}</TableHeaderCell>
              <TableHeaderCell className={styles.nowrap}>{t("scoring.versions.col.status")}</TableHeaderCell>
              <TableHeaderCell className={mergeClasses(styles.nowrap, styles.numeric)}>{t("scoring.versions.col.auc")}</TableHeaderCell>
              <TableHeaderCell className={mergeClasses(styles.nowrap, styles.numeric)}>{t("scoring.versions.col.accuracy")}</TableHeaderCell>
              <TableHeaderCell className={mergeClasses(styles.nowrap, styles.numeric)}>{t("scoring.versions.col.leads")}</TableHeaderCell>
              <TableHeaderCell>{t("scoring.versions.col.learner")}</TableHeaderCell>
              <TableHeaderCell className={styles.nowrap}>
                <span className={styles.muted}>{t("scoring.versions.col.actions")}</span>
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {model.versions.map((v) => {
              const canPublish = v.state === "draft";
              const canRevert = !canPublish && published !== null && v.version < published;
              return (
                <TableRow key={v.version} data-testid="version-row" data-version={v.version} data-state={v.state}>
                  <TableCell>
                    <div className={styles.version}>
                      <Text weight="semibold">{t("scoring.version.name", { version: v.version })}</Text>
                      <VersionStateBadge state={v.state} />
                    </div>
                  </TableCell>
                  <TableCell className={styles.nowrap}>
                    <Tooltip content={format.dateTime(v.trainedAt)} relationship="description">
                      <span>{format.day(v.trainedAt)}</span>
                    </Tooltip>
                  </TableCell>
                  <TableCell>
                    <AccuracyBadge status={v.accuracyStatus} label={v.accuracyLabel} />
                  </TableCell>
                  <TableCell className={styles.numeric} data-testid="version-auc">
                    {numbers.decimal(v.rocAuc)}
                  </TableCell>
                  <TableCell className={styles.numeric}>{numbers.percent(v.accuracy)}</TableCell>
                  <TableCell className={mergeClasses(styles.numeric, styles.nowrap)}>
                    <Tooltip content={t("scoring.versions.leadsHint", { qualified: v.qualified, disqualified: v.disqualified })} relationship="description">
                      <span>
                        {format.number(v.qualified)} / {format.number(v.disqualified)}
                      </span>
                    </Tooltip>
                  </TableCell>
                  <TableCell className={styles.learner}>
                    <Text size={200}>{v.learner}</Text>
                  </TableCell>
                  <TableCell>
                    <div className={styles.actions}>
                      {canPublish ? (
                        <Button size="small" appearance="primary" icon={<CloudArrowUp16Regular />} onClick={() => setPending({ kind: "publish", version: v.version })} data-testid="version-publish">
                          {t("scoring.versions.publish")}
                        </Button>
                      ) : null}
                      {canRevert ? (
                        <Button size="small" icon={<ArrowUndo16Regular />} onClick={() => setPending({ kind: "revert", version: v.version })} data-testid="version-revert">
                          {t("scoring.versions.revert")}
                        </Button>
                      ) : null}
                      <Tooltip content={t("scoring.versions.view", { version: v.version })} relationship="label">
                        <Button size="small" appearance="subtle" icon={<DataHistogram16Regular />} onClick={() => onView(v.version)} data-testid="version-view" />
                      </Tooltip>
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {pending ? (
        <ConfirmDialog
          testId={`${pending.kind}-dialog`}
          title={
            pending.kind === "publish"
              ? t("scoring.versions.publishTitle", { version: pending.version })
              : t("scoring.versions.revertTitle", { version: pending.version })
          }
          body={
            pending.kind === "publish"
              ? t("scoring.versions.publishBody", { version: pending.version, name: model.name, leads: model.scoredLeads })
              : t("scoring.versions.revertBody", { version: pending.version, published: published ?? 0, name: model.name, leads: model.scoredLeads })
          }
          confirm={pending.kind === "publish" ? t("scoring.versions.publish") : t("scoring.versions.revert")}
          failed={pending.kind === "publish" ? t("scoring.versions.publishFailed") : t("scoring.versions.revertFailed")}
          onConfirm={() => apply(pending.kind, pending.version)}
          onClose={() => setPending(null)}
        />
      ) : null}
    </div>
  );
}

