import { useId, useState } from "react";
import { Button, MessageBar, MessageBarBody, Text, Tooltip, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import {
  ArrowDown16Filled,
  ArrowRight16Regular,
  ArrowUp16Filled,
  ChevronDown16Regular,
  ChevronRight16Regular,
  LockClosed16Regular,
} from "@fluentui/react-icons";
import type { LeadScoreView_Serialize as LeadScoreView, ReasonView_Serialize as ReasonView, ScoreTrend } from "../../bindings";
import { useFormat } from "../../format/useFormat";
import { useI18n } from "../../i18n/I18nContext";
import { GradeBadge } from "../../scoring/badges";
import { scoringNumbers } from "../../scoring/numbers";
import { DrawerSection } from "./DrawerSection";

const useStyles = makeStyles({
  headline: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
  },
  score: {
    fontSize: tokens.fontSizeHero800,
    lineHeight: tokens.lineHeightHero800,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: "tabular-nums",
  },
  trend: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
  },
  up: { color: tokens.colorPaletteGreenForeground1 },
  down: { color: tokens.colorPaletteRedForeground1 },
  flat: { color: tokens.colorNeutralForeground3 },
  change: {
    display: "inline-flex",
    alignItems: "center",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: "tabular-nums",
  },
  by: {
    color: tokens.colorNeutralForeground3,
    flexBasis: "100%",
  },
  reasons: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalXL,
    "@media (max-width: 560px)": {
      gridTemplateColumns: "minmax(0, 1fr)",
    },
  },
  column: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  subheading: {
    margin: 0,
  },
  columnTitle: {
    margin: 0,
    color: tokens.colorNeutralForeground2,
  },
  list: {
    margin: 0,
    padding: 0,
    listStyle: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  reason: {
    display: "flex",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalXS,
  },
  icon: {
    flexShrink: 0,
    marginTop: "2px",
  },
  sentence: {
    borderBottom: `${tokens.strokeWidthThin} dotted ${tokens.colorNeutralStroke1}`,
    cursor: "help",
    overflowWrap: "anywhere",
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "1px",
      borderRadius: tokens.borderRadiusSmall,
    },
  },
  none: {
    color: tokens.colorNeutralForeground3,
  },
  chartBox: {
    // At most the chart's own size: a wider drawer does not blow it up.
    maxWidth: "560px",
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflow: "hidden",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  chart: {
    display: "block",
    width: "100%",
    height: "auto",
  },
  toggle: {
    alignSelf: "flex-start",
    paddingLeft: 0,
    minWidth: 0,
  },
  factors: {
    margin: 0,
    padding: 0,
    listStyle: "none",
    display: "flex",
    flexDirection: "column",
  },
  factor: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 11fr) minmax(0, 9fr) 64px",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  factorName: {
    display: "flex",
    flexDirection: "column",
    minWidth: 0,
  },
  factorValue: {
    color: tokens.colorNeutralForeground3,
    overflowWrap: "anywhere",
  },
  track: {
    position: "relative",
    height: "8px",
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground5,
    overflow: "hidden",
  },
  bar: {
    display: "block",
    height: "100%",
    borderRadius: tokens.borderRadiusCircular,
  },
  barUp: { backgroundColor: tokens.colorPaletteGreenBorderActive },
  barDown: { backgroundColor: tokens.colorPaletteRedBorderActive },
  weight: {
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
  },
});

function TrendText({ trend, label }: { trend: ScoreTrend; label: string }) {
  const styles = useStyles();
  const Icon = trend === "improving" ? ArrowUp16Filled : trend === "declining" ? ArrowDown16Filled : trend === "steady" ? ArrowRight16Regular : null;
  const tone = trend === "improving" ? styles.up : trend === "declining" ? styles.down : styles.flat;
  return (
    <span className={styles.trend} data-testid="lead-score-trend" data-trend={trend}>
      {Icon ? <Icon className={tone} aria-hidden="true" /> : null}
      <Text>{label}</Text>
    </span>
  );
}

/** A reason's sentence, with the partner's own figures behind it as a tooltip (focusable). */
function Sentence({ reason }: { reason: ReasonView }) {
  const styles = useStyles();
  return (
    <Tooltip content={reason.tooltip} relationship="description" withArrow>
      <span className={styles.sentence} tabIndex={0} data-testid="reason-sentence">
        {reason.sentence}
      </span>
    </Tooltip>
  );
}

function Reasons({ title, reasons, up, testId }: { title: string; reasons: readonly ReasonView[]; up: boolean; testId: string }) {
  const { t } = useI18n();
  const styles = useStyles();
  const Icon = up ? ArrowUp16Filled : ArrowDown16Filled;
  return (
    <div className={styles.column} data-testid={testId}>
      <Text as="h5" size={200} weight="semibold" className={styles.columnTitle}>
        {title}
      </Text>
      {reasons.length === 0 ? (
        <Text size={200} className={styles.none}>
          {t("leads.score.noReasons")}
        </Text>
      ) : (
        <ul className={styles.list}>
          {reasons.map((r) => (
            <li key={r.attribute} className={styles.reason} data-testid="reason" data-attribute={r.attribute}>
              <Icon className={mergeClasses(styles.icon, up ? styles.up : styles.down)} aria-hidden="true" />
              <Sentence reason={r} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Factors({ factors }: { factors: readonly ReasonView[] }) {
  const { t, locale } = useI18n();
  const styles = useStyles();
  const numbers = scoringNumbers(locale);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const strongest = Math.max(0.0001, ...factors.map((f) => f.weight ?? 0));
  return (
    <>
      <Button
        appearance="transparent"
        className={styles.toggle}
        icon={open ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
        data-testid="lead-score-factors-toggle"
      >
        {t("leads.score.allFactors", { count: factors.length })}
      </Button>
      {open ? (
        <ul id={listId} className={styles.factors} data-testid="lead-score-factors">
          {factors.map((f) => {
            const up = (f.contribution ?? 0) >= 0;
            const weight = f.weight ?? 0;
            return (
              <li key={f.attribute} className={styles.factor} data-testid="factor" data-attribute={f.attribute} data-direction={up ? "up" : "down"}>
                <span className={styles.factorName}>
                  <Sentence reason={f} />
                  <Text size={200} className={styles.factorValue}>
                    {t("leads.score.factorValue", { attribute: f.attributeName, value: f.value ?? t("leads.score.notGiven") })}
                  </Text>
                </span>
                <span className={styles.track} role="img" aria-label={t(up ? "leads.score.weightUp" : "leads.score.weightDown", { weight: numbers.percent(weight) })}>
                  <span className={mergeClasses(styles.bar, up ? styles.barUp : styles.barDown)} style={{ width: `${Math.round((weight / strongest) * 100)}%` }} />
                </span>
                <Text size={200} className={styles.weight} data-testid="factor-weight">
                  {up ? "+" : "−"}
                  {numbers.percent(weight)}
                </Text>
              </li>
            );
          })}
        </ul>
      ) : null}
    </>
  );
}

interface ScoreSectionProps {
  score: LeadScoreView;
  /** The score before the customer's details were just corrected, shown briefly as "52 → 71". */
  changedFrom: number | null;
}

/**
 * A lead's predictive score as Dynamics 365 shows it: score, grade, trend, the model that scored
 * it; the top reasons up and down with their figures as tooltips; every factor with its weight;
 * and the score over time (drawn in Rust, shown as an image).
 */
export function ScoreSection({ score, changedFrom }: ScoreSectionProps) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const ids = useId();
  const last = score.history.at(-1);
  const first = score.history[0];
  const alt =
    score.history.length > 1 && first && last
      ? t("leads.score.chartAlt", { count: score.history.length, first: first.score, last: last.score, from: format.day(first.at), to: format.day(last.at) })
      : t("leads.score.chartAltOne", { score: score.score, day: format.day(score.scoredAt) });
  return (
    <DrawerSection title={t("leads.score.heading")} testId="lead-score-section">
      <div className={styles.headline}>
        <Text className={styles.score} data-testid="lead-score-value" aria-label={t("leads.score.valueLabel", { score: score.score })}>
          {score.score}
        </Text>
        <GradeBadge grade={score.grade} size="large" />
        <TrendText trend={score.trend} label={score.trendLabel} />
        {changedFrom !== null && changedFrom !== score.score ? (
          <span className={styles.change} role="status" data-testid="lead-score-change">
            {t("leads.score.change", { from: changedFrom, to: score.score })}
          </span>
        ) : null}
        <Text size={200} className={styles.by} data-testid="lead-score-by">
          {t("leads.score.scoredBy", { model: score.modelName, version: score.version, when: format.dateTime(score.scoredAt) })}
        </Text>
      </div>
      {!score.live ? (
        <MessageBar intent="info" icon={<LockClosed16Regular />} data-testid="lead-score-frozen">
          <MessageBarBody>{t("leads.score.frozen")}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.column} role="group" aria-labelledby={`${ids}-reasons`}>
        <Text as="h4" size={300} weight="semibold" className={styles.subheading} id={`${ids}-reasons`}>
          {t("leads.score.topReasons")}
        </Text>
        <div className={styles.reasons}>
          <Reasons title={t("leads.score.raising")} reasons={score.positive} up testId="lead-score-positive" />
          <Reasons title={t("leads.score.lowering")} reasons={score.negative} up={false} testId="lead-score-negative" />
        </div>
      </div>
      <div className={styles.chartBox}>
        <img className={styles.chart} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(score.chartSvg)}`} alt={alt} data-testid="lead-score-chart" />
      </div>
      <Factors factors={score.factors} />
    </DrawerSection>
  );
}

/** An open lead no published model scores. */
export function NoScoreSection() {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <DrawerSection title={t("leads.score.heading")} testId="lead-score-section">
      <Text className={styles.none} data-testid="lead-score-missing">
        {t("leads.score.missing")}
      </Text>
    </DrawerSection>
  );
}
