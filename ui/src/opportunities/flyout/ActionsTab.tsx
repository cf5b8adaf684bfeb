import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { OpportunityDetail } from "../../bindings";
import { useI18n } from "../../i18n/I18nContext";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  intro: {
    color: tokens.colorNeutralForeground3,
  },
  list: {
    margin: 0,
    padding: 0,
    listStyle: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: "flex",
    gap: tokens.spacingHorizontalM,
    alignItems: "flex-start",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  number: {
    flexShrink: 0,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    width: "24px",
    height: "24px",
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  text: {
    paddingTop: "2px",
  },
});

/** Concrete next steps, numbered. */
export function ActionsTab({ detail }: { detail: OpportunityDetail }) {
  const { t } = useI18n();
  const styles = useStyles();
  if (detail.actions.length === 0) return <Text className={styles.intro}>{t("opp.actions.empty")}</Text>;
  return (
    <div className={styles.root}>
      <Text className={styles.intro}>{t("opp.actions.intro", { customer: detail.row.customer })}</Text>
      <ol className={styles.list} role="list" data-testid="flyout-actions">
        {detail.actions.map((action, i) => (
          <li key={i} className={styles.item}>
            <span className={styles.number} aria-hidden="true">
              {i + 1}
            </span>
            <Text className={styles.text}>{action}</Text>
          </li>
        ))}
      </ol>
    </div>
  );
}
