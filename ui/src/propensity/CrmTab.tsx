import { useState } from "react";
import {
  Badge,
  Button,
  Card,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
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
import { ArrowDownload20Regular, ArrowUpload20Regular, PeopleTeam24Regular } from "@fluentui/react-icons";
import { commands, type CrmImportOutcome, type CrmMatchRow_Serialize, type IpcError } from "../bindings";
import { EmptyStateCard, EmptyStateText } from "../feedback/EmptyStateCard";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useFormat } from "../format/useFormat";
import type { MessageKey } from "../i18n/en";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { Pager } from "./Pager";
import { useLoad } from "./usePropensityData";

const PAGE = 50;

export type CrmMethod = "domain" | "name" | "tpid" | "none";
const METHODS: readonly CrmMethod[] = ["domain", "name", "tpid", "none"];

const METHOD_LABELS: Readonly<Record<CrmMethod, MessageKey>> = {
  domain: "propensity.crm.method.domain",
  name: "propensity.crm.method.name",
  tpid: "propensity.crm.method.tpid",
  none: "propensity.crm.method.none",
};
const METHOD_COLORS = { domain: "success", name: "brand", tpid: "informative", none: "subtle" } as const;

const useStyles = makeStyles({
  // "Not matched" and its translations stay on one line inside the badge.
  method: {
    whiteSpace: "nowrap",
  },
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    minWidth: 0,
  },
  toolbar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  facts: {
    color: tokens.colorNeutralForeground2,
    marginLeft: "auto",
  },
  cards: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(170px, 1fr))",
    gap: tokens.spacingHorizontalM,
  },
  card: {
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
  },
  cardValue: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: "tabular-nums",
  },
  cardLabel: {
    color: tokens.colorNeutralForeground2,
  },
  cardShare: {
    color: tokens.colorNeutralForeground3,
  },
  rule: {
    color: tokens.colorNeutralForeground2,
  },
  filters: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalM,
  },
  frame: {
    overflowX: "auto",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: {
    tableLayout: "auto",
    minWidth: "900px",
  },
  header: {
    fontWeight: tokens.fontWeightSemibold,
    backgroundColor: tokens.colorNeutralBackground2,
    whiteSpace: "nowrap",
  },
  stack: {
    display: "flex",
    flexDirection: "column",
    minWidth: 0,
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
  },
  strong: {
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  mono: {
    fontVariantNumeric: "tabular-nums",
    whiteSpace: "nowrap",
  },
  confidence: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    whiteSpace: "nowrap",
  },
  bar: {
    width: "56px",
    height: "6px",
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground5,
    overflow: "hidden",
    flexShrink: 0,
  },
  fill: {
    height: "100%",
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorBrandBackground,
  },
  fillLow: {
    backgroundColor: tokens.colorPaletteMarigoldBackground3,
  },
  warnings: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    paddingLeft: tokens.spacingHorizontalL,
  },
  empty: {
    padding: tokens.spacingVerticalL,
    color: tokens.colorNeutralForeground3,
  },
});

/** The match's method as a badge. */
function MethodBadge({ method }: { method: string }) {
  const { t } = useI18n();
  const styles = useStyles();
  const known = (METHODS as readonly string[]).includes(method) ? (method as CrmMethod) : "none";
  return (
    <Badge appearance="tint" shape="rounded" color={METHOD_COLORS[known]} className={styles.method} data-testid="crm-method" data-method={known}>
      {t(METHOD_LABELS[known])}
    </Badge>
  );
}

/** The confidence 0–1 as a percentage with a small bar. */
function Confidence({ value }: { value: number | null }) {
  const styles = useStyles();
  const format = useFormat();
  if (value === null || value <= 0) return <span className={styles.muted}>—</span>;
  const pct = Math.round(value * 100);
  return (
    <span className={styles.confidence} data-testid="crm-confidence">
      <span className={styles.bar} aria-hidden="true">
        <span className={mergeClasses(styles.fill, pct < 90 ? styles.fillLow : undefined)} style={{ width: `${pct}%`, display: "block" }} />
      </span>
      <span className={styles.mono}>{format.percent(pct)}</span>
    </span>
  );
}

function SummaryCard({ label, value, share, testId }: { label: string; value: string; share: string | null; testId: string }) {
  const styles = useStyles();
  return (
    <Card className={styles.card} data-testid={testId}>
      <Text className={styles.cardLabel} size={200}>
        {label}
      </Text>
      <span className={styles.cardValue} data-testid={`${testId}-value`}>
        {value}
      </span>
      {share ? (
        <Text size={200} className={styles.cardShare}>
          {share}
        </Text>
      ) : null}
    </Card>
  );
}

/**
 * CRM matching (SPEC §6.4): import the partner's CRM account list, see how the latest snapshot's
 * customers match it (domain, then name, then TPID) with counts and the first customers, and
 * export every match to CSV.
 */
export function CrmTab({ generation }: { generation: string }) {
  const { t, language } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const [reloads, setReloads] = useState(0);
  const view = useLoad(`${generation}:${reloads}`, () => commands.crmMatches());
  const [importing, setImporting] = useState(false);
  const [outcome, setOutcome] = useState<CrmImportOutcome | null>(null);
  const [importError, setImportError] = useState<IpcError | null>(null);
  const [exporting, setExporting] = useState(false);
  const [savedPath, setSavedPath] = useState<string | null>(null);
  const [exportError, setExportError] = useState<IpcError | null>(null);
  const [method, setMethod] = useState<CrmMethod | "all">("all");
  const [offset, setOffset] = useState(0);

  async function importAccounts() {
    setImporting(true);
    setImportError(null);
    setSavedPath(null);
    setExportError(null);
    const result = await settle(commands.importCrmAccounts(null));
    setImporting(false);
    if (result.status === "error") {
      setOutcome(null);
      setImportError(result.error);
      return;
    }
    if (result.data === null) return;
    setOutcome(result.data);
    setOffset(0);
    setReloads((n) => n + 1);
  }

  async function exportMatches() {
    setExporting(true);
    setExportError(null);
    setSavedPath(null);
    const result = await settle(commands.exportCrmMatches(language, null));
    setExporting(false);
    if (result.status === "error") setExportError(result.error);
    else if (result.data !== null) setSavedPath(result.data.path);
  }

  const importButton = (primary: boolean) => (
    <Button
      appearance={primary ? "primary" : "secondary"}
      icon={importing ? <Spinner size="tiny" /> : <ArrowUpload20Regular />}
      disabled={importing}
      onClick={() => void importAccounts()}
      data-testid="crm-import"
    >
      {t("propensity.crm.import")}
    </Button>
  );

  const messages = (
    <>
      {importError ? <ErrorMessageBar error={importError} title={t("propensity.crm.importFailed")} /> : null}
      {outcome ? (
        <MessageBar intent={outcome.warnings.length > 0 ? "warning" : "success"} layout="multiline" data-testid="crm-import-outcome">
          <MessageBarBody>
            <MessageBarTitle>{t("propensity.crm.imported", { accounts: outcome.accounts })}</MessageBarTitle>
            {t("propensity.crm.importedFacts", { replaced: outcome.replaced, encoding: outcome.encoding, delimiter: delimiterName(t, outcome.delimiter) })}
            {outcome.warnings.length > 0 ? (
              <ul className={styles.warnings} data-testid="crm-import-warnings">
                {outcome.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            ) : null}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {exportError ? <ErrorMessageBar error={exportError} title={t("propensity.crm.exportFailed")} /> : null}
      {savedPath ? (
        <MessageBar intent="success" layout="multiline" data-testid="crm-export-saved">
          <MessageBarBody>{t("propensity.crm.saved", { path: savedPath })}</MessageBarBody>
        </MessageBar>
      ) : null}
      {view.error ? <ErrorMessageBar error={view.error} title={t("propensity.loadFailed")} /> : null}
    </>
  );

  const data = view.data;
  if (data === null) {
    return (
      <div className={styles.root}>
        {messages}
        {view.error ? null : <Spinner size="small" label={t("app.loading")} />}
      </div>
    );
  }

  if (data.accounts === 0) {
    return (
      <div className={styles.root}>
        {messages}
        <EmptyStateCard icon={<PeopleTeam24Regular />} title={t("propensity.crm.emptyTitle")} action={importButton(true)} testId="crm-empty">
          <EmptyStateText>{t("propensity.crm.emptyBody")}</EmptyStateText>
          <EmptyStateText>{t("propensity.crm.rule")}</EmptyStateText>
        </EmptyStateCard>
      </div>
    );
  }

  const share = (n: number, of: number) => (of > 0 ? t("propensity.crm.share", { pct: format.percent(Math.round((n / of) * 100)) }) : null);
  const rows = method === "all" ? data.rows : data.rows.filter((r) => r.method === method);
  const shownCount = (m: CrmMethod) => data.rows.filter((r) => r.method === m).length;
  const page = rows.slice(offset, offset + PAGE);

  return (
    <div className={styles.root}>
      {messages}
      <div className={styles.toolbar}>
        {importButton(false)}
        <Button
          icon={exporting ? <Spinner size="tiny" /> : <ArrowDownload20Regular />}
          disabled={exporting}
          onClick={() => void exportMatches()}
          data-testid="crm-export"
        >
          {t("propensity.crm.export")}
        </Button>
        <Text size={200} className={styles.facts} data-testid="crm-facts">
          {t("propensity.crm.facts", { customers: data.customers, accounts: data.accounts, date: format.date(data.asOf) })}
        </Text>
      </div>
      <div className={styles.cards}>
        <SummaryCard testId="crm-count-domain" label={t("propensity.crm.count.domain")} value={format.number(data.byDomain)} share={share(data.byDomain, data.customers)} />
        <SummaryCard testId="crm-count-name" label={t("propensity.crm.count.name")} value={format.number(data.byName)} share={share(data.byName, data.customers)} />
        <SummaryCard testId="crm-count-tpid" label={t("propensity.crm.count.tpid")} value={format.number(data.byTpid)} share={share(data.byTpid, data.customers)} />
        <SummaryCard testId="crm-count-unmatched" label={t("propensity.crm.count.unmatched")} value={format.number(data.unmatched)} share={share(data.unmatched, data.customers)} />
        <SummaryCard
          testId="crm-count-unused"
          label={t("propensity.crm.count.unused")}
          value={format.number(data.accountsUnused)}
          share={t("propensity.crm.ofAccounts", { accounts: data.accounts })}
        />
      </div>
      <Text className={styles.rule} data-testid="crm-rule">
        {t("propensity.crm.rule")}
      </Text>
      <div className={styles.filters}>
        <Field label={t("propensity.crm.filter")}>
          <Select
            value={method}
            onChange={(_, d) => {
              setMethod(d.value as CrmMethod | "all");
              setOffset(0);
            }}
            data-testid="crm-filter"
          >
            <option value="all">{t("propensity.crm.filter.all", { count: data.rows.length })}</option>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {`${t(METHOD_LABELS[m])} (${format.number(shownCount(m))})`}
              </option>
            ))}
          </Select>
        </Field>
        {data.customers > data.rows.length ? (
          <Text size={200} className={styles.muted} data-testid="crm-first-rows">
            {t("propensity.crm.firstRows", { shown: data.rows.length, customers: data.customers })}
          </Text>
        ) : null}
      </div>
      <div className={styles.frame}>
        <Table className={styles.table} size="small" aria-label={t("propensity.tab.crm")} data-testid="crm-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.header}>{t("propensity.crm.col.customer")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.crm.col.domain")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.crm.col.tpid")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.crm.col.account")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.crm.col.method")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.crm.col.confidence")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.map((row) => (
              <CrmRow key={row.tenantId} row={row} />
            ))}
          </TableBody>
        </Table>
        {page.length === 0 ? (
          <Text as="p" className={styles.empty} data-testid="crm-no-rows">
            {t("propensity.crm.noRows")}
          </Text>
        ) : null}
      </div>
      <Pager offset={offset} limit={PAGE} total={rows.length} onChange={setOffset} testId="crm-pager" />
    </div>
  );
}

function CrmRow({ row }: { row: CrmMatchRow_Serialize }) {
  const styles = useStyles();
  return (
    <TableRow data-testid="crm-row" data-method={row.method}>
      <TableCell>
        <div className={styles.stack}>
          <span className={styles.strong} data-testid="crm-customer">
            {row.customerName}
          </span>
        </div>
      </TableCell>
      <TableCell>{row.domain}</TableCell>
      <TableCell>
        <span className={styles.mono}>{row.customerId ?? "—"}</span>
      </TableCell>
      <TableCell>
        {row.crmId ? (
          <div className={styles.stack}>
            <span data-testid="crm-account-name">{row.crmName}</span>
            <Text size={200} className={styles.muted} data-testid="crm-account-id">
              {row.crmId}
            </Text>
          </div>
        ) : (
          <span className={styles.muted}>—</span>
        )}
      </TableCell>
      <TableCell>
        <MethodBadge method={row.method} />
      </TableCell>
      <TableCell>
        <Confidence value={row.crmId ? row.confidence : null} />
      </TableCell>
    </TableRow>
  );
}

/** The delimiter in words (a tab or a space is invisible). */
function delimiterName(t: (key: MessageKey) => string, delimiter: string): string {
  switch (delimiter) {
    case "\t":
      return t("propensity.delimiter.tab");
    case ",":
      return t("propensity.delimiter.comma");
    case ";":
      return t("propensity.delimiter.semicolon");
    case "|":
      return t("propensity.delimiter.pipe");
    default:
      return delimiter;
  }
}
