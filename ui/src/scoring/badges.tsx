import { Badge, Tag, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { AccuracyStatus, FilterConditionView, Grade, VersionState } from "../bindings";
import type { MessageKey } from "../i18n/en";
import { useI18n } from "../i18n/I18nContext";

export const GRADES: readonly Grade[] = ["A", "B", "C", "D"];

// Dynamics 365's grade colours: A green, B purple, C yellow, D red (as the leads list shows them).
export const useGradeStyles = makeStyles({
  A: { backgroundColor: tokens.colorPaletteGreenBackground2, color: tokens.colorPaletteGreenForeground2 },
  B: { backgroundColor: tokens.colorPalettePurpleBackground2, color: tokens.colorPalettePurpleForeground2 },
  C: { backgroundColor: tokens.colorPaletteYellowBackground2, color: tokens.colorPaletteYellowForeground2 },
  D: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2 },
  // The strong shade, for bars.
  barA: { backgroundColor: tokens.colorPaletteGreenBorderActive },
  barB: { backgroundColor: tokens.colorPalettePurpleBorderActive },
  barC: { backgroundColor: tokens.colorPaletteYellowBorderActive },
  barD: { backgroundColor: tokens.colorPaletteRedBorderActive },
});

const useStyles = makeStyles({
  grade: {
    display: "inline-flex",
    alignItems: "center",
    justifyContent: "center",
    flexShrink: 0,
    borderRadius: tokens.borderRadiusMedium,
    fontWeight: tokens.fontWeightSemibold,
  },
  small: {
    minWidth: "20px",
    height: "20px",
    fontSize: tokens.fontSizeBase200,
  },
  large: {
    minWidth: "32px",
    height: "32px",
    fontSize: tokens.fontSizeBase500,
  },
  chips: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXS,
    minWidth: 0,
  },
  chip: {
    maxWidth: "100%",
  },
  nowrap: {
    whiteSpace: "nowrap",
  },
});

/** A grade letter in its Dynamics colour; its name is given to screen readers. */
export function GradeBadge({ grade, size = "small" }: { grade: Grade; size?: "small" | "large" }) {
  const { t } = useI18n();
  const styles = useStyles();
  const colours = useGradeStyles();
  return (
    <span
      role="img"
      aria-label={t("scoring.grade.name", { grade })}
      className={mergeClasses(styles.grade, size === "large" ? styles.large : styles.small, colours[grade])}
      data-testid="grade-badge"
      data-grade={grade}
    >
      {grade}
    </span>
  );
}

const ACCURACY_COLORS = {
  readyToPublish: "success",
  okToPublish: "warning",
  notReadyToPublish: "danger",
} as const;

/** Ready / OK / Not ready to publish, with the label the backend gives in the user's language. */
export function AccuracyBadge({ status, label }: { status: AccuracyStatus; label: string }) {
  const styles = useStyles();
  return (
    <Badge appearance="tint" shape="rounded" color={ACCURACY_COLORS[status]} className={styles.nowrap} data-testid="accuracy-badge" data-status={status}>
      {label}
    </Badge>
  );
}

export const VERSION_STATE_LABELS: Readonly<Record<VersionState, MessageKey>> = {
  draft: "scoring.state.draft",
  published: "scoring.state.published",
  retired: "scoring.state.retired",
};

/** Draft, Published or Retired. */
export function VersionStateBadge({ state }: { state: VersionState }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <Badge
      appearance={state === "published" ? "filled" : "outline"}
      color={state === "published" ? "brand" : state === "draft" ? "informative" : "subtle"}
      shape="rounded"
      className={styles.nowrap}
      data-testid="version-state"
      data-state={state}
    >
      {t(VERSION_STATE_LABELS[state])}
    </Badge>
  );
}

/** A model's filter as chips ("Country/region: PL, ES"), or "All leads". */
export function FilterTags({ filter }: { filter: readonly FilterConditionView[] }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <div className={styles.chips} data-testid="model-filter">
      {filter.length === 0 ? (
        <Tag size="extra-small" appearance="outline" shape="rounded" className={styles.chip} data-testid="model-filter-all">
          {t("scoring.filter.all")}
        </Tag>
      ) : (
        filter.map((c) => (
          <Tag key={c.attribute} size="extra-small" appearance="brand" shape="rounded" className={styles.chip} data-testid="model-filter-condition">
            {t("scoring.filter.condition", { name: c.attributeName, values: c.labels.join(", ") })}
          </Tag>
        ))
      )}
    </div>
  );
}
