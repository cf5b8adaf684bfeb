import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Tooltip,
  makeStyles,
  tokens,
  type BadgeProps,
} from "@fluentui/react-components";
import { ArrowRight12Regular, CheckmarkCircle20Regular, Info12Regular } from "@fluentui/react-icons";
import type { IpcError, QueueItem, QueueState } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { StatusBadge } from "../leads/badges";
import { SUBSTATUS_LABELS } from "../leads/labels";
import { Section } from "../pages/Section";
import { QUEUE_STATE_LABELS } from "./labels";

const useStyles = makeStyles({
  frame: {
    overflowX: "auto",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: {
    tableLayout: "auto",
    minWidth: "760px",
  },
  header: {
    fontWeight: tokens.fontWeightSemibold,
    backgroundColor: tokens.colorNeutralBackground2,
    whiteSpace: "nowrap",
  },
  customer: {
    display: "block",
    minWidth: "150px",
    fontWeight: tokens.fontWeightSemibold,
  },
  id: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: "nowrap",
  },
  change: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    whiteSpace: "nowrap",
  },
  arrow: {
    color: tokens.colorNeutralForeground3,
    flexShrink: 0,
  },
  nowrap: {
    whiteSpace: "nowrap",
  },
  when: {
    display: "block",
    minWidth: "9ch",
  },
  number: {
    textAlign: "right",
    fontVariantNumeric: "tabular-nums",
  },
  conflictRow: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
  },
  empty: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
  },
  emptyIcon: {
    color: tokens.colorStatusSuccessForeground1,
    flexShrink: 0,
  },
});

const STATE_COLORS: Readonly<Record<QueueState, NonNullable<BadgeProps["color"]>>> = {
  pending: "informative",
  conflict: "warning",
  refused: "danger",
};

/** A lead ID's first block ("7b0f4c52…"); the whole ID shows on hover and to screen readers. */
function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

interface QueueSectionProps {
  queue: QueueItem[] | null;
  error: IpcError | null;
  /** What the last resolution did, in words. */
  resolved: string | null;
  onResolve: (item: QueueItem) => void;
}

/** The leads changed here that Partner Center has not received: conflicts first, then the oldest. */
export function QueueSection({ queue, error, resolved, onResolve }: QueueSectionProps) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();

  const stateBadge = (item: QueueItem) => {
    const badge = (
      <Badge
        appearance="tint"
        shape="rounded"
        color={STATE_COLORS[item.state]}
        icon={item.lastError ? <Info12Regular /> : undefined}
        iconPosition="after"
        data-testid="queue-state"
        data-state={item.state}
      >
        {t(QUEUE_STATE_LABELS[item.state])}
      </Badge>
    );
    if (!item.lastError) return badge;
    const why = item.state === "refused" ? t("sync.queue.refusedReason", { reason: item.lastError }) : t("sync.queue.lastError", { message: item.lastError });
    return (
      <Tooltip content={why} relationship="description" withArrow>
        <span tabIndex={0} className={styles.nowrap}>
          {badge}
        </span>
      </Tooltip>
    );
  };

  return (
    <Section title={t("sync.queue.title")} intro={t("sync.queue.intro")} testId="sync-queue">
      {error ? <ErrorMessageBar error={error} title={t("sync.queue.loadFailed")} /> : null}
      {queue === null && !error ? <Spinner size="tiny" label={t("app.loading")} /> : null}
      <div role="status" aria-live="polite">
        {resolved ? (
          <MessageBar intent="success" layout="multiline" data-testid="queue-resolved">
            <MessageBarBody>{resolved}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {queue !== null && queue.length === 0 ? (
        <Text className={styles.empty} data-testid="queue-empty">
          <CheckmarkCircle20Regular className={styles.emptyIcon} aria-hidden="true" />
          {t("sync.queue.empty")}
        </Text>
      ) : null}
      {queue !== null && queue.length > 0 ? (
        <div className={styles.frame}>
          <Table className={styles.table} size="small" aria-label={t("sync.queue.title")} data-testid="queue-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.header}>{t("sync.queue.col.customer")}</TableHeaderCell>
                <TableHeaderCell className={styles.header}>{t("sync.queue.col.lead")}</TableHeaderCell>
                <TableHeaderCell className={styles.header}>{t("sync.queue.col.change")}</TableHeaderCell>
                <TableHeaderCell className={styles.header}>{t("sync.queue.col.changedAt")}</TableHeaderCell>
                <TableHeaderCell className={styles.header}>{t("sync.queue.col.state")}</TableHeaderCell>
                <TableHeaderCell className={styles.header}>{t("sync.queue.col.attempts")}</TableHeaderCell>
                <TableHeaderCell className={styles.header}>
                  <span className={styles.nowrap}>{t("sync.queue.col.actions")}</span>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {queue.map((item) => (
                <TableRow
                  key={item.leadId}
                  className={item.state === "conflict" ? styles.conflictRow : undefined}
                  data-testid="queue-row"
                  data-lead={item.leadId}
                  data-state={item.state}
                >
                  <TableCell>
                    <span className={styles.customer}>{item.customerName}</span>
                  </TableCell>
                  <TableCell>
                    <Tooltip content={item.leadId} relationship="label" withArrow>
                      <span className={styles.id} tabIndex={0} data-testid="queue-lead-id">
                        {shortId(item.leadId)}
                      </span>
                    </Tooltip>
                  </TableCell>
                  <TableCell>
                    <span
                      className={styles.change}
                      role="img"
                      aria-label={t("sync.queue.change", { from: t(SUBSTATUS_LABELS[item.from]), to: t(SUBSTATUS_LABELS[item.local.substatus]) })}
                      data-testid="queue-change"
                    >
                      <StatusBadge substatus={item.from} />
                      <ArrowRight12Regular className={styles.arrow} />
                      <StatusBadge substatus={item.local.substatus} />
                    </span>
                  </TableCell>
                  <TableCell>
                    <span className={styles.when}>{format.dateTime(item.changedAt)}</span>
                  </TableCell>
                  <TableCell>{stateBadge(item)}</TableCell>
                  <TableCell>
                    <span className={styles.number} data-testid="queue-attempts">
                      {format.number(item.attempts)}
                    </span>
                  </TableCell>
                  <TableCell>
                    {item.state === "conflict" ? (
                      <Button
                        size="small"
                        onClick={() => onResolve(item)}
                        aria-label={t("sync.queue.resolveNamed", { customer: item.customerName })}
                        data-testid="queue-resolve"
                      >
                        {t("sync.queue.resolve")}
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </Section>
  );
}
