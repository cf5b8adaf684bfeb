import { Badge, Card, Text, makeStyles, tokens } from "@fluentui/react-components";
import {
  ArrowTrendingLines24Regular,
  Building24Regular,
  PersonAdd24Regular,
  ShieldCheckmark24Regular,
  type FluentIcon,
} from "@fluentui/react-icons";
import type { OpportunityOverview, OpportunityType } from "../bindings";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { STATUS_COLORS } from "./ProbabilityBadge";
import { TYPE_LABELS } from "./labels";
import { TYPES } from "./query";

const useStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 4fr) minmax(0, 3fr)",
    gap: tokens.spacingHorizontalL,
    "@media (max-width: 1180px)": {
      gridTemplateColumns: "minmax(0, 1fr)",
    },
  },
  card: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    gap: tokens.spacingVerticalM,
  },
  heading: {
    margin: 0,
  },
  intro: {
    color: tokens.colorNeutralForeground3,
  },
  titles: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  metrics: {
    display: "grid",
    gridAutoFlow: "column",
    gridAutoColumns: "minmax(0, 1fr)",
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  metric: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    minWidth: 0,
    paddingRight: tokens.spacingHorizontalM,
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ":first-child": {
      paddingLeft: 0,
      borderLeft: "none",
    },
  },
  label: {
    color: tokens.colorNeutralForeground2,
    minHeight: `calc(2 * ${tokens.lineHeightBase200})`,
  },
  valueLine: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  icon: {
    flexShrink: 0,
    color: tokens.colorBrandForeground1,
  },
  value: {
    fontVariantNumeric: "tabular-nums",
    lineHeight: tokens.lineHeightHero700,
  },
  sub: {
    color: tokens.colorNeutralForeground3,
  },
  statusLine: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  statusCount: {
    fontVariantNumeric: "tabular-nums",
  },
});

const TYPE_ICONS: Readonly<Record<OpportunityType, FluentIcon>> = {
  acquisition: PersonAdd24Regular,
  retention: ShieldCheckmark24Regular,
  growth: ArrowTrendingLines24Regular,
};

/**
 * "Opportunities overview" (customer tenants, opportunities per type) and "Prioritized
 * opportunities" (High and Medium per type), as Lighthouse's Sales Advisor shows them.
 */
export function OverviewCards({ overview }: { overview: OpportunityOverview }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  return (
    <div className={styles.grid}>
      <Card className={styles.card} data-testid="overview">
        <Text as="h2" size={400} weight="semibold" className={styles.heading}>
          {t("opp.overview.heading")}
        </Text>
        <ul className={styles.metrics}>
          <li className={styles.metric} data-testid="overview-customers">
            <Text size={200} className={styles.label}>
              {t("opp.overview.customerTenants")}
            </Text>
            <span className={styles.valueLine}>
              <Building24Regular className={styles.icon} aria-hidden="true" />
              <Text size={700} weight="semibold" className={styles.value}>
                {format.number(overview.customerTenants)}
              </Text>
            </span>
            <Text size={200} className={styles.sub}>
              {t("opp.overview.withOpportunities", { count: overview.customersWithOpportunities })}
            </Text>
          </li>
          {TYPES.map((type) => {
            const Icon = TYPE_ICONS[type];
            return (
              <li key={type} className={styles.metric} data-testid={`overview-${type}`}>
                <Text size={200} className={styles.label}>
                  {t(TYPE_LABELS[type])}
                </Text>
                <span className={styles.valueLine}>
                  <Icon className={styles.icon} aria-hidden="true" />
                  <Text size={700} weight="semibold" className={styles.value}>
                    {format.number(overview.byType[type])}
                  </Text>
                </span>
              </li>
            );
          })}
        </ul>
        {overview.dismissed > 0 ? (
          <Text size={200} className={styles.sub} data-testid="overview-dismissed">
            {t("opp.overview.dismissed", { count: overview.dismissed })}
          </Text>
        ) : null}
      </Card>
      <Card className={styles.card} data-testid="prioritized">
        <div className={styles.titles}>
          <Text as="h2" size={400} weight="semibold" className={styles.heading}>
            {t("opp.prioritized.heading")}
          </Text>
          <Text size={200} className={styles.intro}>
            {t("opp.prioritized.intro")}
          </Text>
        </div>
        <ul className={styles.metrics}>
          {TYPES.map((type) => (
            <li key={type} className={styles.metric} data-testid={`prioritized-${type}`}>
              <Text size={200} className={styles.label}>
                {t(TYPE_LABELS[type])}
              </Text>
              {(["high", "medium"] as const).map((status) => (
                <span key={status} className={styles.statusLine} data-testid={`prioritized-${type}-${status}`}>
                  <Badge appearance="tint" shape="rounded" color={STATUS_COLORS[status]}>
                    {t(status === "high" ? "opp.status.high" : "opp.status.medium")}
                  </Badge>
                  <Text size={400} weight="semibold" className={styles.statusCount}>
                    {format.number(overview[status][type])}
                  </Text>
                </span>
              ))}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
