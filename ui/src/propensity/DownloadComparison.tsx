import { useMemo, useState } from "react";
import {
  Badge,
  Card,
  Spinner,
  Switch,
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
import { commands, type AreaScores_Serialize, type ImportedDownload } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { areaLabel } from "./areas";
import { ClusterBadge } from "./ClusterBadge";
import { Pager } from "./Pager";
import { useLoad } from "./usePropensityData";

const PAGE = 50;

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    minWidth: 0,
  },
  cards: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(220px, 1fr))",
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
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  label: {
    color: tokens.colorNeutralForeground2,
  },
  heading: {
    margin: 0,
  },
  frame: {
    overflowX: "auto",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: {
    tableLayout: "auto",
  },
  header: {
    fontWeight: tokens.fontWeightSemibold,
    backgroundColor: tokens.colorNeutralBackground2,
    whiteSpace: "nowrap",
  },
  number: {
    fontVariantNumeric: "tabular-nums",
    whiteSpace: "nowrap",
  },
  pair: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    whiteSpace: "nowrap",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  disagree: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    outline: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteRedBorder1}`,
  },
  rowsHeader: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
  },
  nowrap: {
    whiteSpace: "nowrap",
  },
  stack: {
    display: "flex",
    flexDirection: "column",
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
  },
});

const disagrees = (a: AreaScores_Serialize) => a.microsoftCluster !== null && a.appCluster !== null && a.microsoftCluster.trim() !== a.appCluster.trim();

/** Microsoft's download beside the app's scores of the latest snapshot: rows matched, cluster agreement and rank correlation per area, and the rows side by side. */
export function DownloadComparison({ download, generation }: { download: ImportedDownload; generation: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const comparison = useLoad(JSON.stringify([download.id, generation]), () => commands.compareCloudascentDownload(download.id));
  const [onlyDisagreements, setOnlyDisagreements] = useState(false);
  const [offset, setOffset] = useState(0);
  const rho = useMemo(() => new Intl.NumberFormat(format.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }), [format.locale]);

  const data = comparison.data?.download.id === download.id ? comparison.data : null;
  if (comparison.error) return <ErrorMessageBar error={comparison.error} title={t("propensity.downloads.compareFailed")} />;
  if (data === null) return <Spinner size="small" label={t("propensity.downloads.comparing")} labelPosition="after" data-testid="download-comparing" />;

  const pct = (value: number | null) => (value === null ? "—" : format.percent(Math.round(value)));
  const coefficient = (value: number | null) => (value === null ? "—" : rho.format(value).replace("-", "−"));
  const areas = data.areas.map((a) => a.area);
  const rows = onlyDisagreements ? data.rowsCompared.filter((r) => r.areas.some(disagrees)) : data.rowsCompared;
  const page = rows.slice(offset, offset + PAGE);

  return (
    <div className={styles.root} data-testid="download-comparison">
      <div className={styles.cards}>
        <Card className={styles.card} data-testid="comparison-matched">
          <Text size={200} className={styles.label}>
            {t("propensity.downloads.compare.matched")}
          </Text>
          <span className={styles.cardValue}>{t("propensity.downloads.compare.matchedValue", { matched: data.matched, rows: data.rows })}</span>
          <Text size={200} className={styles.muted}>
            {t("propensity.downloads.compare.matchedHow", { byId: data.matchedById, byName: data.matchedByName })}
          </Text>
        </Card>
        <Card className={styles.card} data-testid="comparison-agreement">
          <Text size={200} className={styles.label}>
            {t("propensity.downloads.compare.agreement")}
          </Text>
          <span className={styles.cardValue} data-testid="comparison-agreement-value">
            {pct(data.clusterAgreementPct)}
          </span>
          <Text size={200} className={styles.muted}>
            {t("propensity.downloads.compare.agreementHint")}
          </Text>
        </Card>
        <Card className={styles.card} data-testid="comparison-snapshot">
          <Text size={200} className={styles.label}>
            {t("propensity.downloads.compare.snapshot")}
          </Text>
          <span className={styles.cardValue}>{format.date(data.asOf)}</span>
          <Text size={200} className={styles.muted}>
            {t("propensity.downloads.compare.scored", { customers: data.customersScored })}
          </Text>
        </Card>
      </div>

      <div className={styles.frame}>
        <Table className={styles.table} size="small" aria-label={t("propensity.downloads.compare.byArea")} data-testid="comparison-areas">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.header}>{t("propensity.downloads.compare.area")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.downloads.compare.clustersCompared")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.downloads.compare.sameCluster")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.downloads.compare.sameLetter")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.downloads.compare.fitRho")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.downloads.compare.intentRho")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.areas.map((a) => (
              <TableRow key={a.area} data-testid="comparison-area" data-area={a.area}>
                <TableCell>{areaLabel(t, a.area)}</TableCell>
                <TableCell>
                  <span className={styles.number}>{format.number(a.clustersCompared)}</span>
                </TableCell>
                <TableCell>
                  <span className={styles.number} data-testid="comparison-same-cluster">
                    {pct(a.clusterAgreementPct)}
                  </span>
                </TableCell>
                <TableCell>
                  <span className={styles.number} data-testid="comparison-same-letter">
                    {pct(a.sameLetterPct)}
                  </span>
                </TableCell>
                <TableCell>
                  <span className={styles.number} data-testid="comparison-fit-rho">
                    {coefficient(a.fitSpearman)}
                  </span>{" "}
                  <Text size={200} className={styles.muted}>
                    {t("propensity.downloads.compare.pairs", { pairs: a.fitPairs })}
                  </Text>
                </TableCell>
                <TableCell>
                  <span className={styles.number} data-testid="comparison-intent-rho">
                    {coefficient(a.intentSpearman)}
                  </span>{" "}
                  <Text size={200} className={styles.muted}>
                    {t("propensity.downloads.compare.pairs", { pairs: a.intentPairs })}
                  </Text>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Text size={200} className={styles.muted}>
        {t("propensity.downloads.compare.rhoHint")}
      </Text>

      <div className={styles.rowsHeader}>
        <Text as="h3" weight="semibold" className={styles.heading}>
          {data.rowsCompared.length < data.rows
            ? t("propensity.downloads.compare.rows", { shown: data.rowsCompared.length, rows: data.rows })
            : t("propensity.downloads.compare.rowsAll", { rows: data.rows })}
        </Text>
        <Switch
          checked={onlyDisagreements}
          onChange={(_, d) => {
            setOnlyDisagreements(d.checked);
            setOffset(0);
          }}
          label={t("propensity.downloads.compare.onlyDisagreements")}
          data-testid="comparison-only-disagreements"
        />
      </div>
      <div className={styles.frame}>
        <Table className={styles.table} size="small" aria-label={t("propensity.downloads.compare.rowsLabel")} data-testid="comparison-rows">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.header}>#</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.crm.col.customer")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.downloads.compare.matchedBy")}</TableHeaderCell>
              {areas.map((a) => (
                <TableHeaderCell key={a} className={styles.header}>
                  {areaLabel(t, a)}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody data-cells>
            {page.map((row) => (
              <TableRow key={row.rowNumber} data-testid="comparison-row" data-disagrees={row.areas.some(disagrees) || undefined}>
                <TableCell>
                  <span className={styles.number}>{row.rowNumber}</span>
                </TableCell>
                <TableCell>
                  <div className={styles.stack}>
                    <span className={styles.nowrap}>{row.customerName ?? "—"}</span>
                    <Text size={200} className={styles.muted}>
                      {row.customerId ?? ""}
                    </Text>
                  </div>
                </TableCell>
                <TableCell>
                  <Badge appearance="tint" shape="rounded" color={row.matchedBy === null ? "subtle" : row.matchedBy === "name" ? "brand" : "informative"} data-testid="comparison-matched-by">
                    {row.matchedBy === "customerId" ? t("propensity.crm.method.tpid") : row.matchedBy === "name" ? t("propensity.crm.method.name") : t("propensity.crm.method.none")}
                  </Badge>
                </TableCell>
                {areas.map((area) => {
                  const scores = row.areas.find((s) => s.area === area);
                  const differs = scores ? disagrees(scores) : false;
                  return (
                    <TableCell key={area}>
                      {scores && (scores.microsoftCluster || scores.appCluster) ? (
                        <span
                          className={mergeClasses(styles.pair, differs ? styles.disagree : undefined)}
                          data-testid="comparison-pair"
                          data-area={area}
                          data-differs={differs || undefined}
                          title={differs ? t("propensity.downloads.compare.differs") : undefined}
                        >
                          {scores.microsoftCluster ? <ClusterBadge code={scores.microsoftCluster} withName={false} /> : "—"}
                          <span aria-hidden="true">→</span>
                          {scores.appCluster ? <ClusterBadge code={scores.appCluster} withName={false} /> : <span className={styles.muted}>—</span>}
                        </span>
                      ) : (
                        <span className={styles.muted}>—</span>
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Pager offset={offset} limit={PAGE} total={rows.length} onChange={setOffset} testId="comparison-pager" />
    </div>
  );
}
