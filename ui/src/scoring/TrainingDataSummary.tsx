import { Card, ProgressBar, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { CheckmarkCircle16Filled, Warning16Filled } from "@fluentui/react-icons";
import type { ScoringOverview_Serialize as ScoringOverview } from "../bindings";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";

const useStyles = makeStyles({
  card: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
  },
  tiles: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 6fr) minmax(0, 4fr) minmax(0, 4fr)",
    margin: 0,
    padding: 0,
    listStyle: "none",
    "@media (max-width: 900px)": {
      gridTemplateColumns: "minmax(0, 1fr)",
      rowGap: tokens.spacingVerticalM,
    },
  },
  tile: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
    paddingLeft: tokens.spacingHorizontalL,
    paddingRight: tokens.spacingHorizontalL,
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ":first-child": {
      paddingLeft: 0,
      borderLeft: "none",
    },
    "@media (max-width: 900px)": {
      paddingLeft: 0,
      borderLeft: "none",
    },
  },
  label: {
    color: tokens.colorNeutralForeground2,
  },
  value: {
    fontVariantNumeric: "tabular-nums",
  },
  note: {
    display: "flex",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground3,
  },
  icon: {
    flexShrink: 0,
    marginTop: "2px",
  },
  ok: {
    color: tokens.colorPaletteGreenForeground1,
  },
  short: {
    color: tokens.colorPaletteDarkOrangeForeground1,
  },
  progress: {
    maxWidth: "240px",
    marginTop: tokens.spacingVerticalXXS,
  },
});

/** Whether the closed leads allow a model to train (the 40/40 rule of Dynamics 365). */
export function enoughToTrain(qualified: number, disqualified: number, minimum: number): boolean {
  return qualified >= minimum && disqualified >= minimum;
}

/**
 * The page's header figures: the closed leads to learn from against the 40/40 minimum, the open
 * leads scored, and the models against their maximum with the first-match rule.
 */
export function TrainingDataSummary({ overview }: { overview: ScoringOverview }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const enough = enoughToTrain(overview.qualified, overview.disqualified, overview.minPerOutcome);
  const Icon = enough ? CheckmarkCircle16Filled : Warning16Filled;
  return (
    <Card className={styles.card} data-testid="scoring-summary">
      <ul className={styles.tiles}>
        <li className={styles.tile} data-testid="scoring-closed">
          <Text size={200} className={styles.label}>
            {t("scoring.summary.closed")}
          </Text>
          <Text size={400} weight="semibold" className={styles.value}>
            {t("scoring.summary.closedValue", { qualified: overview.qualified, disqualified: overview.disqualified })}
          </Text>
          <Text size={200} className={styles.note} data-testid="scoring-closed-rule" data-enough={enough}>
            <Icon className={mergeClasses(styles.icon, enough ? styles.ok : styles.short)} aria-hidden="true" />
            <span>{enough ? t("scoring.summary.enough", { min: overview.minPerOutcome }) : t("scoring.summary.notEnough", { min: overview.minPerOutcome })}</span>
          </Text>
        </li>
        <li className={styles.tile} data-testid="scoring-scored">
          <Text size={200} className={styles.label}>
            {t("scoring.summary.scored")}
          </Text>
          <Text size={400} weight="semibold" className={styles.value}>
            {t("scoring.summary.scoredValue", { scored: overview.scoredLeads, open: overview.openLeads })}
          </Text>
          <ProgressBar
            className={styles.progress}
            value={overview.openLeads === 0 ? 0 : overview.scoredLeads / overview.openLeads}
            thickness="medium"
            aria-label={t("scoring.summary.scored")}
          />
          <Text size={200} className={styles.note}>
            {t("scoring.summary.openHint")}
          </Text>
        </li>
        <li className={styles.tile} data-testid="scoring-models">
          <Text size={200} className={styles.label}>
            {t("scoring.summary.models")}
          </Text>
          <Text size={400} weight="semibold" className={styles.value}>
            {t("scoring.summary.modelsValue", { count: overview.models.length, max: format.number(overview.maxModels) })}
          </Text>
          <Text size={200} className={styles.note}>
            {t("scoring.summary.firstMatch")}
          </Text>
        </li>
      </ul>
    </Card>
  );
}
