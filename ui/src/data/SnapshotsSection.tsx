import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import type { SnapshotSummary } from "../bindings";
import { useFormat } from "../format/useFormat";
import type { MessageKey } from "../i18n/en";
import { useI18n } from "../i18n/I18nContext";
import { Section } from "../pages/Section";

const useStyles = makeStyles({
  scroller: {
    overflowX: "auto",
  },
  table: {
    tableLayout: "auto",
    minWidth: "760px",
  },
  numeric: {
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
    "& > div, & > button": {
      justifyContent: "flex-end",
    },
  },
  date: {
    whiteSpace: "nowrap",
    fontVariantNumeric: "tabular-nums",
  },
  label: {
    display: "block",
    color: tokens.colorNeutralForeground3,
    overflowWrap: "anywhere",
  },
  empty: {
    color: tokens.colorNeutralForeground3,
  },
});

type CountField = "customers" | "subscriptions" | "usageRows" | "securitySignals" | "leads";

const NUMBER_COLUMNS: ReadonlyArray<[CountField, MessageKey]> = [
  ["customers", "data.snapshots.customers"],
  ["subscriptions", "data.snapshots.subscriptions"],
  ["usageRows", "data.snapshots.usageRows"],
  ["securitySignals", "data.snapshots.securitySignals"],
  ["leads", "data.snapshots.leads"],
];

const SOURCE_LABELS: Readonly<Record<string, MessageKey>> = {
  demo: "data.source.demo",
  import: "data.source.import",
  sync: "data.source.sync",
};

/** The workspace's snapshots, newest first, numbers and dates in the user's locale. */
export function SnapshotsSection({ snapshots }: { snapshots: readonly SnapshotSummary[] }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const rows = [...snapshots].sort((a, b) => (a.asOf === b.asOf ? b.id - a.id : a.asOf < b.asOf ? 1 : -1));
  const sourceLabel = (source: string) => {
    const key = SOURCE_LABELS[source];
    return key ? t(key) : source;
  };
  return (
    <Section
      title={t("data.snapshots.heading")}
      intro={t("data.snapshots.intro")}
      actions={<Text>{t("data.snapshots.count", { count: snapshots.length })}</Text>}
    >
      {rows.length === 0 ? (
        <Text className={styles.empty}>{t("data.snapshots.empty")}</Text>
      ) : (
        <div className={styles.scroller}>
          <Table size="small" aria-label={t("data.snapshots.tableLabel")} className={styles.table} data-testid="snapshots-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("data.snapshots.asOf")}</TableHeaderCell>
                <TableHeaderCell>{t("data.snapshots.source")}</TableHeaderCell>
                {NUMBER_COLUMNS.map(([field, label]) => (
                  <TableHeaderCell key={field} className={styles.numeric}>
                    {t(label)}
                  </TableHeaderCell>
                ))}
                <TableHeaderCell>{t("data.snapshots.importedAt")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((snapshot) => (
                <TableRow key={snapshot.id} data-testid="snapshot-row">
                  <TableCell className={styles.date}>{format.date(snapshot.asOf)}</TableCell>
                  <TableCell>
                    {sourceLabel(snapshot.source)}
                    {snapshot.label && snapshot.source !== "demo" ? (
                      <Text size={200} className={styles.label}>
                        {snapshot.label}
                      </Text>
                    ) : null}
                  </TableCell>
                  {NUMBER_COLUMNS.map(([field]) => (
                    <TableCell key={field} className={styles.numeric}>
                      {format.number(snapshot[field])}
                    </TableCell>
                  ))}
                  <TableCell className={mergeClasses(styles.date, styles.empty)}>{format.dateTime(snapshot.importedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </Section>
  );
}
