import { Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { OpportunityRow } from "../../bindings";
import { useFormat } from "../../format/useFormat";
import { useI18n } from "../../i18n/I18nContext";
import { TYPE_LABELS } from "../labels";
import { ProbabilityBadge } from "../ProbabilityBadge";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  recommendation: {
    margin: 0,
  },
  facts: {
    display: "flex",
    flexWrap: "wrap",
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXXL}`,
    margin: 0,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  fact: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    flex: "0 1 auto",
    minWidth: 0,
  },
  wide: {
    flex: "1 1 160px",
    maxWidth: "280px",
  },
  term: {
    color: tokens.colorNeutralForeground3,
  },
  value: {
    margin: 0,
    overflowWrap: "anywhere",
    fontVariantNumeric: "tabular-nums",
  },
});

/** The flyout's header: the recommendation and its facts (SPEC §3.3). Product is hidden for retention. */
export function FlyoutHeader({ row }: { row: OpportunityRow }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const facts: Array<[string, string, ReactNode]> = [
    ["probability", t("opp.col.probability"), <ProbabilityBadge status={row.status} percent={row.probabilityPct} />],
    ["type", t("opp.col.type"), t(TYPE_LABELS[row.type])],
  ];
  if (row.type !== "retention" && row.product) facts.push(["product", t("opp.flyout.product"), row.product]);
  facts.push(["seats", t("opp.col.seats"), format.number(row.seats)]);
  facts.push(["dateAdded", t("opp.col.dateAdded"), format.date(row.dateAdded)]);
  return (
    <div className={styles.root}>
      <Text as="p" size={400} weight="semibold" className={styles.recommendation} data-testid="flyout-recommendation">
        {row.recommendation}
      </Text>
      <dl className={styles.facts} data-testid="flyout-facts">
        {facts.map(([id, term, value]) => (
          <div key={id} className={mergeClasses(styles.fact, id === "product" ? styles.wide : undefined)} data-testid={`flyout-fact-${id}`}>
            <dt className={styles.term}>
              <Text size={200}>{term}</Text>
            </dt>
            <dd className={styles.value}>
              <Text>{value}</Text>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
