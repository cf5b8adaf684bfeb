import type { ReactElement } from "react";
import { Card, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { Apps24Regular, Briefcase24Regular, CalendarSync24Regular, Cloud24Regular, Laptop24Regular, ShieldCheckmark24Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n/I18nContext";
import type { ReportKind, ReportKindInfo } from "./types";

const useStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(260px, 1fr))",
    gap: tokens.spacingHorizontalM,
  },
  card: {
    flexDirection: "row",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalL,
    minHeight: "96px",
    cursor: "pointer",
  },
  selected: {
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    outlineOffset: "-2px",
  },
  icon: {
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    flexShrink: 0,
    width: "40px",
    height: "40px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground1,
  },
  texts: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  description: {
    color: tokens.colorNeutralForeground3,
  },
  count: {
    color: tokens.colorNeutralForeground3,
    marginTop: tokens.spacingVerticalXS,
  },
});

const ICONS: Readonly<Record<ReportKind, ReactElement>> = {
  renewal: <CalendarSync24Regular />,
  azure: <Cloud24Regular />,
  d365: <Briefcase24Regular />,
  m365: <Apps24Regular />,
  security: <ShieldCheckmark24Regular />,
  surface: <Laptop24Regular />,
};

/** Step 1: one of the six CloudAscent reports, as selectable cards. */
export function SourceStep({ catalogue, kind, onChoose }: { catalogue: readonly ReportKindInfo[]; kind: ReportKind | null; onChoose: (kind: ReportKind) => void }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <div className={styles.grid} role="group" aria-label={t("propensity.step.source")} data-testid="report-sources">
      {catalogue.map((info) => (
        <Card
          key={info.kind}
          className={mergeClasses(styles.card, info.kind === kind ? styles.selected : undefined)}
          selected={info.kind === kind}
          onSelectionChange={() => onChoose(info.kind)}
          appearance={info.kind === kind ? "filled-alternative" : "filled"}
          data-testid={`report-source-${info.kind}`}
          data-selected={info.kind === kind}
        >
          <div className={styles.icon} aria-hidden="true">
            {ICONS[info.kind]}
          </div>
          <div className={styles.texts}>
            <Text weight="semibold">{info.title}</Text>
            <Text size={200} className={styles.description}>
              {info.description}
            </Text>
            <Text size={100} className={styles.count}>
              {t("propensity.source.columns", { count: info.columns.length })}
            </Text>
          </div>
        </Card>
      ))}
    </div>
  );
}
