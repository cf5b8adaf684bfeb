import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Link,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { SyncSummary } from "../bindings";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { Section } from "../pages/Section";

const useStyles = makeStyles({
  metrics: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(150px, 1fr))",
    rowGap: tokens.spacingVerticalL,
    margin: 0,
    padding: 0,
  },
  metric: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  label: {
    color: tokens.colorNeutralForeground2,
    margin: 0,
  },
  value: {
    margin: 0,
    fontVariantNumeric: "tabular-nums",
  },
  sub: {
    color: tokens.colorNeutralForeground3,
  },
  notes: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  list: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    paddingLeft: tokens.spacingHorizontalXL,
  },
  accordion: {
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})`,
  },
  tenant: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: "nowrap",
  },
  reason: {
    overflowWrap: "anywhere",
  },
  header: {
    fontWeight: tokens.fontWeightSemibold,
  },
  skippedTable: {
    tableLayout: "auto",
  },
  name: {
    whiteSpace: "nowrap",
  },
});

interface SummaryCardProps {
  summary: SyncSummary;
  /** Customer names by lead ID (from the queue), to name the refused changes. */
  customers: ReadonlyMap<string, string>;
  refreshNote: string | null;
  /** Brings the queue (its conflicts) into view. */
  onShowConflicts: () => void;
}

/** What a completed sync did: what it read, what it saved, what it sent, and what still waits. */
export function SummaryCard({ summary, customers, refreshNote, onShowConflicts }: SummaryCardProps) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const conflicts = new Set([...summary.newConflicts, ...summary.pushConflicts]).size;
  const metric = (id: string, label: string, value: number, sub?: string) => (
    <div className={styles.metric} data-testid={`summary-${id}`}>
      <dt className={styles.label}>
        <Text size={200}>{label}</Text>
      </dt>
      <dd className={styles.value}>
        <Text size={600} weight="semibold" data-testid="summary-value">
          {format.number(value)}
        </Text>
      </dd>
      {sub ? (
        <dd className={styles.value}>
          <Text size={200} className={styles.sub}>
            {sub}
          </Text>
        </dd>
      ) : null}
    </div>
  );

  return (
    <Section
      title={t("sync.summary.title")}
      intro={t("sync.summary.when", { dateTime: format.dateTime(summary.startedAt), duration: format.duration(summary.durationMs) })}
      testId="sync-summary"
    >
      <dl className={styles.metrics}>
        {metric(
          "referrals",
          t("sync.summary.referrals"),
          summary.referralsReceived,
          summary.since ? t("sync.summary.since", { dateTime: format.dateTime(summary.since) }) : t("sync.summary.full"),
        )}
        {metric("added", t("sync.summary.added"), summary.leadsAdded)}
        {metric("updated", t("sync.summary.updated"), summary.leadsUpdated)}
        {metric("unchanged", t("sync.summary.unchanged"), summary.leadsUnchanged)}
        {metric(
          "tenants",
          t("sync.summary.tenants"),
          summary.tenantsSynced,
          summary.snapshotId !== null && summary.snapshotId !== undefined
            ? t("sync.summary.snapshot", { id: summary.snapshotId, date: summary.asOf ? format.date(summary.asOf) : "—" })
            : t("sync.summary.noSnapshot"),
        )}
        {metric("sent", t("sync.summary.sent"), summary.pushed, t("sync.summary.sentHint"))}
      </dl>

      <div className={styles.notes}>
        {refreshNote ? (
          <MessageBar intent="warning" layout="multiline" data-testid="summary-refresh-note">
            <MessageBarBody>{t("sync.refreshNote")}</MessageBarBody>
          </MessageBar>
        ) : null}
        {conflicts > 0 ? (
          <MessageBar intent="warning" layout="multiline" data-testid="summary-conflicts">
            <MessageBarBody>
              {t("sync.summary.conflicts", { count: conflicts })}{" "}
              <Link as="button" inline onClick={onShowConflicts} data-testid="summary-show-conflicts">
                {t("sync.summary.resolve")}
              </Link>
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {summary.pushRefused.length > 0 ? (
          <MessageBar intent="error" layout="multiline" data-testid="summary-refused">
            <MessageBarBody>
              {t("sync.summary.refused", { count: summary.pushRefused.length })}
              <ul className={styles.list}>
                {summary.pushRefused.map((refused) => (
                  <li key={refused.leadId} className={styles.reason}>
                    {customers.has(refused.leadId)
                      ? t("sync.summary.refusedNamed", { customer: customers.get(refused.leadId) ?? "", leadId: refused.leadId, reason: refused.reason })
                      : t("sync.summary.refusedItem", { leadId: refused.leadId, reason: refused.reason })}
                  </li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {summary.pushWaiting > 0 ? (
          <MessageBar intent="warning" layout="multiline" data-testid="summary-waiting">
            <MessageBarBody>
              {summary.pushStopped
                ? t("sync.summary.waitingWhy", { count: summary.pushWaiting, reason: summary.pushStopped })
                : t("sync.summary.waiting", { count: summary.pushWaiting })}
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </div>

      {summary.tenantsSkipped.length > 0 || summary.referralsSkipped.length > 0 ? (
        <Accordion collapsible multiple className={styles.accordion}>
          {summary.tenantsSkipped.length > 0 ? (
            <AccordionItem value="tenants">
              <AccordionHeader data-testid="summary-tenants-skipped">{t("sync.summary.tenantsSkipped", { count: summary.tenantsSkipped.length })}</AccordionHeader>
              <AccordionPanel>
                <Table size="small" className={styles.skippedTable} aria-label={t("sync.summary.tenantsSkipped", { count: summary.tenantsSkipped.length })} data-testid="summary-tenants-table">
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell className={styles.header}>{t("sync.summary.col.customer")}</TableHeaderCell>
                      <TableHeaderCell className={styles.header}>{t("sync.summary.col.tenant")}</TableHeaderCell>
                      <TableHeaderCell className={styles.header}>{t("sync.summary.col.reason")}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {summary.tenantsSkipped.map((skipped) => (
                      <TableRow key={skipped.tenantId} data-testid="summary-tenant-row">
                        <TableCell>
                          <span className={styles.name}>{skipped.name}</span>
                        </TableCell>
                        <TableCell>
                          <span className={styles.tenant}>{skipped.tenantId}</span>
                        </TableCell>
                        <TableCell>
                          <span className={styles.reason}>{skipped.reason}</span>
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </AccordionPanel>
            </AccordionItem>
          ) : null}
          {summary.referralsSkipped.length > 0 ? (
            <AccordionItem value="referrals">
              <AccordionHeader data-testid="summary-referrals-skipped">{t("sync.summary.referralsSkipped", { count: summary.referralsSkipped.length })}</AccordionHeader>
              <AccordionPanel>
                <ul className={styles.list}>
                  {summary.referralsSkipped.map((reason, i) => (
                    <li key={i} className={styles.reason}>
                      {reason}
                    </li>
                  ))}
                </ul>
              </AccordionPanel>
            </AccordionItem>
          ) : null}
        </Accordion>
      ) : null}
    </Section>
  );
}
