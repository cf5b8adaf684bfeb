import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { BrainCircuit20Regular, Lightbulb20Regular } from "@fluentui/react-icons";
import type { OpportunityDetail } from "../../bindings";
import { useI18n } from "../../i18n/I18nContext";
import { METHOD_LABELS } from "../labels";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
  },
  model: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground3,
  },
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  heading: {
    margin: 0,
  },
  why: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "flex-start",
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorNeutralForeground1,
  },
  whyIcon: {
    flexShrink: 0,
    color: tokens.colorBrandForeground1,
    marginTop: "2px",
  },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
});

/** The model and how it decides, why it recommends this, the customer's own numbers, and the runners-up. */
export function InsightsTab({ detail }: { detail: OpportunityDetail }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid="flyout-insights">
      <div className={styles.model}>
        <BrainCircuit20Regular aria-hidden="true" />
        <Text size={200} data-testid="flyout-model">
          {t("opp.insights.model", { model: detail.modelName, method: t(METHOD_LABELS[detail.method]) })}
        </Text>
      </div>
      <section className={styles.section}>
        <Text as="h3" size={300} weight="semibold" className={styles.heading}>
          {t("opp.insights.why")}
        </Text>
        <div className={styles.why}>
          <Lightbulb20Regular className={styles.whyIcon} aria-hidden="true" />
          <Text>{detail.why}</Text>
        </div>
      </section>
      <section className={styles.section}>
        <Text as="h3" size={300} weight="semibold" className={styles.heading}>
          {t("opp.insights.signals")}
        </Text>
        {detail.insights.length > 0 ? (
          <ul className={styles.list} data-testid="flyout-insight-list">
            {detail.insights.map((sentence, i) => (
              <li key={i}>
                <Text>{sentence}</Text>
              </li>
            ))}
          </ul>
        ) : (
          <Text className={styles.muted}>{t("opp.insights.none")}</Text>
        )}
      </section>
      {detail.alsoConsidered.length > 0 ? (
        <section className={styles.section} data-testid="flyout-also-considered">
          <Text as="h3" size={300} weight="semibold" className={styles.heading}>
            {t("opp.insights.alsoConsidered")}
          </Text>
          <ul className={styles.list}>
            {detail.alsoConsidered.map((text, i) => (
              <li key={i}>
                <Text className={styles.muted}>{text}</Text>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
