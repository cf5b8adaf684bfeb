import {
  Badge,
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
import type { ScoringModelSummary_Serialize as ScoringModelSummary } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { scoringNumbers } from "./numbers";
import type { VersionViewState } from "./useVersionView";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  dimmed: {
    opacity: 0.55,
  },
  intro: {
    color: tokens.colorNeutralForeground2,
  },
  table: {
    tableLayout: "fixed",
    width: "100%",
  },
  colName: { width: "168px" },
  colUsed: { width: "96px" },
  colInfluence: { width: "176px" },
  colFill: { width: "84px" },
  colDistinct: { width: "84px" },
  numeric: {
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
    "& > div, & > button": {
      justifyContent: "flex-end",
    },
  },
  name: {
    overflowWrap: "anywhere",
  },
  unused: {
    color: tokens.colorNeutralForeground3,
  },
  influence: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  track: {
    flexGrow: 1,
    height: "8px",
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground5,
    overflow: "hidden",
  },
  bar: {
    height: "100%",
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorBrandBackground,
  },
  share: {
    minWidth: "3.2em",
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
  },
  reason: {
    overflowWrap: "anywhere",
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
  },
});

/**
 * The attributes a version read (most influential first) and the ones it left out, each with its
 * influence, fill rate, distinct values and the reason it was or was not selected (Dynamics 365's
 * Attribute insights).
 */
export function AttributesTab({ model, report }: { model: ScoringModelSummary; report: VersionViewState }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const numbers = scoringNumbers(locale);
  if (model.versions.length === 0) {
    return <Text className={styles.intro}>{t("scoring.attributes.untrained")}</Text>;
  }
  const view = report.view;
  if (!view) {
    return report.error ? <ErrorMessageBar error={report.error} title={t("scoring.performance.loadFailed")} /> : <Spinner size="small" label={t("app.loading")} />;
  }
  const used = view.attributes.filter((a) => a.selected).length;
  return (
    <div className={mergeClasses(styles.root, report.loading ? styles.dimmed : undefined)} aria-busy={report.loading} data-testid="attributes-tab">
      <Text className={styles.intro}>
        {view.chosenByAdmin
          ? t("scoring.attributes.introChosen", { used, total: view.attributes.length, version: view.summary.version })
          : t("scoring.attributes.introAuto", { used, total: view.attributes.length, version: view.summary.version })}
      </Text>
      <Table size="small" className={styles.table} aria-label={t("scoring.attributes.tableLabel")} data-testid="attributes-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.colName}>{t("scoring.attributes.col.name")}</TableHeaderCell>
            <TableHeaderCell className={styles.colUsed}>{t("scoring.attributes.col.used")}</TableHeaderCell>
            <TableHeaderCell className={styles.colInfluence}>{t("scoring.attributes.col.influence")}</TableHeaderCell>
            <TableHeaderCell className={mergeClasses(styles.colFill, styles.numeric)}>{t("scoring.attributes.col.fill")}</TableHeaderCell>
            <TableHeaderCell className={mergeClasses(styles.colDistinct, styles.numeric)}>{t("scoring.attributes.col.distinct")}</TableHeaderCell>
            <TableHeaderCell>{t("scoring.attributes.col.reason")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {view.attributes.map((a) => {
            const share = a.importanceShare ?? 0;
            return (
              <TableRow key={a.key} data-testid="attribute-row" data-attribute={a.key} data-selected={a.selected}>
                <TableCell className={mergeClasses(styles.name, a.selected ? undefined : styles.unused)}>
                  <Text weight={a.selected ? "semibold" : "regular"}>{a.name}</Text>
                </TableCell>
                <TableCell>
                  <Badge appearance={a.selected ? "tint" : "outline"} color={a.selected ? "success" : "informative"} shape="rounded" data-testid="attribute-used">
                    {a.selected ? t("scoring.attributes.used") : t("scoring.attributes.notUsed")}
                  </Badge>
                </TableCell>
                <TableCell>
                  {a.selected ? (
                    <span className={styles.influence}>
                      <span className={styles.track} aria-hidden="true">
                        <span className={styles.bar} style={{ width: `${Math.round(Math.min(1, share) * 100)}%`, display: "block" }} />
                      </span>
                      <Text size={200} className={styles.share} data-testid="attribute-influence">
                        {numbers.finePercent(share)}
                      </Text>
                    </span>
                  ) : (
                    <Text className={styles.unused}>–</Text>
                  )}
                </TableCell>
                <TableCell className={styles.numeric}>{numbers.percent(a.fillRate)}</TableCell>
                <TableCell className={styles.numeric}>{format.number(a.distinctValues)}</TableCell>
                <TableCell className={styles.reason}>
                  <Text size={200} data-testid="attribute-reason">
                    {a.reason}
                  </Text>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
