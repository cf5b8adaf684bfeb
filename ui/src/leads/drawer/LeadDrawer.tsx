import { useEffect, useState } from "react";
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  OverlayDrawer,
  Spinner,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import {
  Archive20Regular,
  Checkmark20Regular,
  Dismiss20Regular,
  Dismiss24Regular,
  Edit20Regular,
  Trophy20Regular,
  ThumbDislike20Regular,
} from "@fluentui/react-icons";
import {
  commands,
  type ActionKind,
  type IpcError,
  type LeadAction_Deserialize,
  type LeadDetail_Serialize as LeadDetail,
  type LeadRow_Serialize as LeadRow,
} from "../../bindings";
import { ErrorMessageBar } from "../../feedback/ErrorMessageBar";
import { useI18n } from "../../i18n/I18nContext";
import { settle } from "../../ipc/settle";
import { useColorScheme } from "../../theme/useColorScheme";
import { FlameIcon, HeartButton, StatusBadge, timeLeftText } from "../badges";
import { AcceptDialog } from "../forms/AcceptDialog";
import { CloseDialog } from "../forms/CloseDialog";
import { ACTION_LABELS, SUBSTATUS_LABELS } from "../labels";
import { ChecksSection } from "./ChecksSection";
import { ContactSection } from "./ContactSection";
import { CustomerSection } from "./CustomerSection";
import { DealSection, FactsSection } from "./FactsSection";
import { HistorySection } from "./HistorySection";
import { NoScoreSection, ScoreSection } from "./ScoreSection";
import { useLeadDetail } from "./useLeadDetail";
import { useLeadScore, utcOffsetMinutes } from "./useLeadScore";

const useStyles = makeStyles({
  drawer: {
    width: "min(720px, 100vw)",
  },
  header: {
    gap: tokens.spacingVerticalXS,
  },
  titleText: {
    overflowWrap: "anywhere",
  },
  titleActions: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXXS,
  },
  offer: {
    color: tokens.colorNeutralForeground3,
  },
  badges: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  timeLeft: {
    color: tokens.colorNeutralForeground2,
  },
  urgent: {
    color: tokens.colorPaletteRedForeground1,
  },
  body: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXL,
    paddingBottom: tokens.spacingVerticalXXL,
  },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  loading: {
    padding: tokens.spacingVerticalXXL,
  },
});

const ACTION_ICONS = {
  accept: <Checkmark20Regular />,
  decline: <Dismiss20Regular />,
  edit: <Edit20Regular />,
  win: <Trophy20Regular />,
  lose: <ThumbDislike20Regular />,
} as const;

/** Button order: the answer first, then the closing ones. */
const ACTION_ORDER: readonly ActionKind[] = ["accept", "decline", "edit", "win", "lose"];

interface LeadDrawerProps {
  /** The lead shown; null shows nothing. */
  leadId: string | null;
  /** Its row when it was clicked in the list: the header shows at once. */
  row: LeadRow | null;
  open: boolean;
  onClose: () => void;
  generation: string;
  /** An action succeeded: the list and overview reload, and a message says so. */
  onActed: (detail: LeadDetail, action: ActionKind) => void;
  /** An action was refused because the lead changed meanwhile: reload everything. */
  onStale: () => void;
  /** Sets or clears the heart; resolves to the row as it is now, or null when it failed. */
  onToggleFavourite: (row: LeadRow) => Promise<LeadRow | null>;
  /** The customer's details were corrected (and the lead rescored): the list shows the new row. */
  onCustomerEdited?: (detail: LeadDetail) => void;
}

/** How long the drawer shows a score's change ("52 → 71") after the customer's details are saved. */
const CHANGE_SHOWN_MS = 12_000;

type OpenForm = { kind: "accept" | "edit" } | { kind: "decline" | "win" | "lose" };

/**
 * The lead details drawer (SPEC §4): customer, status and heart; the actions the lead allows now;
 * the contact with quick-copy (hidden once expired); the validity checks next to the notice that
 * Microsoft does not verify referrals; the lead's facts, the deal and its history.
 */
export function LeadDrawer({ leadId, row, open, onClose, generation, onActed, onStale, onToggleFavourite, onCustomerEdited }: LeadDrawerProps) {
  const { t, language } = useI18n();
  const styles = useStyles();
  const dark = useColorScheme() === "dark";
  const { detail, error, replace } = useLeadDetail(open ? leadId : null, generation);
  const score = useLeadScore(language, open ? leadId : null, dark, generation);
  // The score before the customer's details were saved, shown next to the new one for a while.
  const [change, setChange] = useState<{ id: string; from: number | null } | null>(null);
  useEffect(() => {
    if (!change) return;
    const timer = window.setTimeout(() => setChange(null), CHANGE_SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [change]);
  const [form, setForm] = useState<OpenForm | null>(null);
  const [refused, setRefused] = useState<{ id: string; error: IpcError } | null>(null);
  // A refusal is news for the drawer it happened in: closing the drawer forgets it.
  const [wasOpen, setWasOpen] = useState(open);
  if (wasOpen !== open) {
    setWasOpen(open);
    if (!open) setRefused(null);
  }
  const shown = detail?.row ?? (row?.id === leadId ? row : null);
  const refusal = refused?.id === leadId ? refused.error : null;

  async function act(action: LeadAction_Deserialize): Promise<IpcError | null> {
    if (!leadId) return null;
    const result = await settle(commands.actOnLead(leadId, action));
    if (result.status === "ok") {
      setForm(null);
      setRefused(null);
      replace(result.data);
      onActed(result.data, action.kind);
      return null;
    }
    if (result.error.code === "invalidInput") return result.error;
    // The lead changed meanwhile (expired, archived, gone): say why and show it as it is now.
    setForm(null);
    setRefused({ id: leadId, error: result.error });
    onStale();
    return null;
  }

  async function saveCustomer(industry: string, companySize: string): Promise<IpcError | null> {
    if (!leadId) return null;
    const id = leadId;
    const before = score.score?.score ?? null;
    const result = await settle(commands.editLeadCustomer(id, { industry, companySize }));
    if (result.status === "error") return result.error;
    replace(result.data);
    // The lead was rescored in the same write: show its new score and reasons at once.
    const fresh = await settle(commands.leadScoreDetail(language, id, dark, utcOffsetMinutes()));
    if (fresh.status === "ok") score.replace(id, fresh.data);
    setChange({ id, from: before });
    onCustomerEdited?.(result.data);
    return null;
  }

  async function toggleFavourite() {
    if (!detail) return;
    const optimistic = { ...detail.row, favourite: !detail.row.favourite };
    replace({ ...detail, row: optimistic });
    const updated = await onToggleFavourite(detail.row);
    replace({ ...detail, row: updated ?? detail.row });
  }

  const waiting = shown?.substatus === "Received" && shown.hoursLeft !== null;
  const actions = detail ? ACTION_ORDER.filter((kind) => detail.actions.includes(kind)) : [];

  return (
    <>
      <OverlayDrawer
        position="end"
        size="medium"
        className={styles.drawer}
        open={open}
        onOpenChange={(_, data) => {
          if (!data.open) onClose();
        }}
        aria-label={shown ? t("leads.detail.label", { customer: shown.customerName }) : t("leads.detail.loading")}
        data-testid="lead-drawer"
        data-lead-id={leadId ?? undefined}
      >
        <DrawerHeader className={styles.header}>
          <DrawerHeaderTitle
            action={
              <div className={styles.titleActions}>
                {detail ? (
                  <HeartButton
                    favourite={detail.row.favourite}
                    customer={detail.row.customerName}
                    size="medium"
                    onToggle={() => void toggleFavourite()}
                    testId="drawer-heart"
                  />
                ) : null}
                <Button appearance="subtle" aria-label={t("leads.detail.close")} icon={<Dismiss24Regular />} onClick={onClose} data-testid="lead-drawer-close" />
              </div>
            }
          >
            <span className={styles.titleText} data-testid="lead-drawer-customer">
              {shown?.customerName ?? t("leads.detail.loading")}
            </span>
          </DrawerHeaderTitle>
          {shown ? (
            <>
              <Text size={200} className={styles.offer}>
                {shown.offerName}
              </Text>
              <div className={styles.badges} data-testid="lead-drawer-status">
                <StatusBadge substatus={shown.substatus} />
                {shown.flame ? <FlameIcon flame={shown.flame} /> : null}
                {waiting && !detail?.informational ? (
                  <Text size={200} className={mergeClasses(styles.timeLeft, (shown.hoursLeft ?? 0) < 48 ? styles.urgent : undefined)}>
                    {t("leads.detail.respondWithin", { time: timeLeftText(t, shown.hoursLeft ?? 0) })}
                  </Text>
                ) : null}
              </div>
            </>
          ) : null}
        </DrawerHeader>
        <DrawerBody className={styles.body}>
          {refusal ? <ErrorMessageBar error={refusal} title={t("leads.act.refused")} /> : null}
          {error ? <ErrorMessageBar error={error} title={t("leads.detail.loadFailed")} /> : null}
          {!detail && !error ? <Spinner className={styles.loading} size="small" label={t("app.loading")} /> : null}
          {detail ? (
            <>
              {detail.row.archived ? (
                <MessageBar intent="info" icon={<Archive20Regular />} data-testid="lead-archived">
                  <MessageBarBody>
                    <MessageBarTitle>{t("leads.detail.archived", { status: t(SUBSTATUS_LABELS[detail.row.substatus]) })}</MessageBarTitle>
                    {t("leads.detail.readOnly")}
                  </MessageBarBody>
                </MessageBar>
              ) : null}
              {detail.informational && !detail.row.archived ? (
                <MessageBar intent="info" layout="multiline" data-testid="lead-informational">
                  <MessageBarBody>{t("leads.detail.informational")}</MessageBarBody>
                </MessageBar>
              ) : null}
              {actions.length > 0 ? (
                <div className={styles.actions} role="group" aria-label={t("leads.detail.actions")} data-testid="lead-actions">
                  {actions.map((kind) => (
                    <Button
                      key={kind}
                      appearance={kind === "accept" || kind === "win" ? "primary" : "secondary"}
                      icon={ACTION_ICONS[kind]}
                      onClick={() => setForm({ kind })}
                      data-testid={`lead-action-${kind}`}
                    >
                      {t(ACTION_LABELS[kind])}
                    </Button>
                  ))}
                </div>
              ) : null}
              {score.ready && score.score ? (
                <ScoreSection score={score.score} changedFrom={change?.id === leadId ? change.from : null} />
              ) : null}
              {score.ready && !score.score && (detail.row.substatus === "Received" || detail.row.substatus === "Pending") ? <NoScoreSection /> : null}
              {!detail.row.archived ? <CustomerSection detail={detail} onSave={saveCustomer} /> : null}
              <ContactSection detail={detail} />
              <ChecksSection detail={detail} />
              {detail.row.dealValue !== null || detail.deal.name || detail.row.substatus === "Accepted" ? <DealSection detail={detail} /> : null}
              <FactsSection detail={detail} />
              <HistorySection history={detail.history} />
            </>
          ) : null}
        </DrawerBody>
      </OverlayDrawer>
      {detail && form && (form.kind === "accept" || form.kind === "edit") ? (
        <AcceptDialog
          key={`${detail.row.id}-${form.kind}`}
          mode={form.kind}
          detail={detail}
          onSubmit={(accepted) => act({ kind: form.kind, form: accepted })}
          onClose={() => setForm(null)}
        />
      ) : null}
      {detail && form && (form.kind === "decline" || form.kind === "win" || form.kind === "lose") ? (
        <CloseDialog key={`${detail.row.id}-${form.kind}`} kind={form.kind} detail={detail} onSubmit={act} onClose={() => setForm(null)} />
      ) : null}
    </>
  );
}
