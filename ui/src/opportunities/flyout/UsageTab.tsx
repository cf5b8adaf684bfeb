import { useState } from "react";
import {
  Dropdown,
  Field,
  Option,
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
import { ArrowDownRight16Regular, ArrowRight16Regular, ArrowUpRight16Regular } from "@fluentui/react-icons";
import type { OpportunityDetail, Trend } from "../../bindings";
import { ErrorMessageBar } from "../../feedback/ErrorMessageBar";
import { useFormat } from "../../format/useFormat";
import { useI18n } from "../../i18n/I18nContext";
import { useColorScheme } from "../../theme/useColorScheme";
import { TREND_LABELS, WORKLOADS } from "../labels";
import { useUsageChart } from "./useUsageChart";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
  },
  controls: {
    display: "flex",
    alignItems: "flex-end",
    justifyContent: "space-between",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
  },
  caption: {
    color: tokens.colorNeutralForeground3,
    maxWidth: "40ch",
  },
  dropdown: {
    minWidth: "220px",
  },
  chartBox: {
    position: "relative",
    minHeight: "200px",
    overflow: "hidden",
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
  },
  chart: {
    display: "block",
    width: "100%",
    height: "auto",
  },
  dimmed: {
    opacity: 0.5,
  },
  spinner: {
    position: "absolute",
    inset: 0,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
  },
  numeric: {
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
    "& > div, & > button": {
      justifyContent: "flex-end",
    },
  },
  share: {
    color: tokens.colorNeutralForeground3,
  },
  trend: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    whiteSpace: "nowrap",
  },
  positive: {
    color: tokens.colorPaletteGreenForeground1,
  },
  negative: {
    color: tokens.colorPaletteRedForeground1,
  },
  noChange: {
    color: tokens.colorNeutralForeground3,
  },
});

const TREND_ICONS = {
  positive: ArrowUpRight16Regular,
  negative: ArrowDownRight16Regular,
  noChange: ArrowRight16Regular,
} as const;

function TrendLabel({ trend }: { trend: Trend }) {
  const { t } = useI18n();
  const styles = useStyles();
  const Icon = TREND_ICONS[trend];
  return (
    <span className={styles.trend} data-trend={trend}>
      <Icon className={styles[trend]} aria-hidden="true" />
      <Text>{t(TREND_LABELS[trend])}</Text>
    </span>
  );
}

/**
 * Monthly active usage per workload: the Rust-drawn SVG chart, shown as an image (never injected
 * as markup), with a workload filter, and the assigned / active / trend table.
 */
export function UsageTab({ detail, generation }: { detail: OpportunityDetail; generation: string }) {
  const { t, language } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const dark = useColorScheme() === "dark";
  const [workload, setWorkload] = useState<string | null>(null);
  const chart = useUsageChart(language, detail.row.tenantId, workload, dark, generation);

  const labelOf = (key: string | null) => {
    if (key === null) return t("opp.usage.allWorkloads");
    const fromData = detail.usage.find((line) => line.workload === key)?.label;
    const known = WORKLOADS.find((w) => w.key === key);
    return fromData ?? (known ? t(known.label) : key);
  };
  const alt = t("opp.usage.chartAlt", { customer: detail.row.customer, months: detail.usageMonths, workload: labelOf(workload) });

  return (
    <div className={styles.root} data-testid="flyout-usage">
      <div className={styles.controls}>
        <Text size={200} className={styles.caption}>
          {t("opp.usage.caption", { months: detail.usageMonths })}
        </Text>
        <Field label={t("opp.usage.workload")}>
          <Dropdown
            className={styles.dropdown}
            value={labelOf(workload)}
            selectedOptions={[workload ?? ""]}
            onOptionSelect={(_, data) => setWorkload(data.optionValue ? data.optionValue : null)}
            data-testid="usage-workload"
          >
            <Option value="" data-testid="usage-workload-all">
              {t("opp.usage.allWorkloads")}
            </Option>
            {WORKLOADS.map((w) => (
              <Option key={w.key} value={w.key} text={labelOf(w.key)} data-testid={`usage-workload-${w.key}`}>
                {labelOf(w.key)}
              </Option>
            ))}
          </Dropdown>
        </Field>
      </div>
      {chart.error ? <ErrorMessageBar error={chart.error} title={t("opp.usage.chartFailed")} /> : null}
      <div className={styles.chartBox} aria-busy={chart.loading}>
        {chart.svg !== null ? (
          <img
            className={mergeClasses(styles.chart, chart.loading ? styles.dimmed : undefined)}
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.svg)}`}
            alt={alt}
            data-testid="usage-chart"
          />
        ) : null}
        {chart.loading ? (
          <div className={styles.spinner}>
            <Spinner size="small" label={t("app.loading")} />
          </div>
        ) : null}
      </div>
      {detail.usage.length === 0 ? (
        <Text className={styles.caption}>{t("opp.usage.empty")}</Text>
      ) : (
        <Table size="small" aria-label={t("opp.usage.tableLabel")} data-testid="usage-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("opp.usage.workload")}</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>{t("opp.usage.assigned")}</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>{t("opp.usage.active")}</TableHeaderCell>
              <TableHeaderCell title={t("opp.usage.trendHint")}>{t("opp.usage.trend")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {detail.usage.map((line) => (
              <TableRow key={line.workload} data-testid="usage-row" data-workload={line.workload}>
                <TableCell>{line.label}</TableCell>
                <TableCell className={styles.numeric}>{format.number(line.assigned)}</TableCell>
                <TableCell className={styles.numeric}>
                  {format.number(line.active)}
                  {line.assigned > 0 ? " " : null}
                  {line.assigned > 0 ? (
                    <Text size={200} className={styles.share}>
                      ({format.percent(Math.round((100 * line.active) / line.assigned))})
                    </Text>
                  ) : null}
                </TableCell>
                <TableCell>
                  <TrendLabel trend={line.trend} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
