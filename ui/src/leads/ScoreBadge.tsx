import { Tooltip, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { ArrowDown12Regular, ArrowRight12Regular, ArrowUp12Regular } from "@fluentui/react-icons";
import type { Grade, LeadScoreBadge, ScoreTrend as Trend } from "../bindings";
import type { MessageKey } from "../i18n/en";
import { useI18n } from "../i18n/I18nContext";

// Dynamics 365's grade colours: A green, B purple, C yellow, D red.
const useStyles = makeStyles({
  badge: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXXS,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase200,
    whiteSpace: "nowrap",
  },
  A: { backgroundColor: tokens.colorPaletteGreenBackground2, color: tokens.colorPaletteGreenForeground2 },
  B: { backgroundColor: tokens.colorPalettePurpleBackground2, color: tokens.colorPalettePurpleForeground2 },
  C: { backgroundColor: tokens.colorPaletteYellowBackground2, color: tokens.colorPaletteYellowForeground2 },
  D: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2 },
  none: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

const TREND_KEYS: Record<Trend, MessageKey> = {
  improving: "leads.trend.improving",
  declining: "leads.trend.declining",
  steady: "leads.trend.steady",
  notEnoughInfo: "leads.trend.notEnoughInfo",
};

function TrendIcon({ trend }: { trend: Trend }) {
  if (trend === "improving") return <ArrowUp12Regular aria-hidden="true" />;
  if (trend === "declining") return <ArrowDown12Regular aria-hidden="true" />;
  if (trend === "steady") return <ArrowRight12Regular aria-hidden="true" />;
  return null;
}

/** A lead's predictive score: grade and score in the grade's colour, and the trend's arrow. */
export function ScoreBadge({ score }: { score: LeadScoreBadge | null | undefined }) {
  const { t } = useI18n();
  const styles = useStyles();
  if (!score) {
    return (
      <span className={styles.none} data-testid="lead-score-none">
        {t("leads.score.none")}
      </span>
    );
  }
  const grade: Grade = score.grade;
  const label = t("leads.score.label", { score: score.score, grade, trend: t(TREND_KEYS[score.trend]) });
  return (
    <Tooltip content={label} relationship="label" withArrow>
      <span role="img" aria-label={label} className={mergeClasses(styles.badge, styles[grade])} data-testid="lead-score" data-grade={grade} data-score={score.score}>
        {grade} {score.score}
        <TrendIcon trend={score.trend} />
      </span>
    </Tooltip>
  );
}
