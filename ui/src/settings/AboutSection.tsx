import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { useI18n } from "../i18n/I18nContext";
import { Section } from "../pages/Section";

const useStyles = makeStyles({
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  pair: { display: "contents" },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: "anywhere" },
  path: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

/** The app's version and data folder, as appInfo() reports them. */
export function AboutSection() {
  const { t, appInfo } = useI18n();
  const styles = useStyles();
  if (!appInfo) return null;
  return (
    <Section title={t("settings.about.heading")}>
      <dl className={styles.facts}>
        <div className={styles.pair}>
          <dt className={styles.term}>
            <Text>{t("settings.about.version")}</Text>
          </dt>
          <dd className={styles.value}>
            <Text>{appInfo.version}</Text>
          </dd>
        </div>
        <div className={styles.pair}>
          <dt className={styles.term}>
            <Text>{t("settings.about.dataDir")}</Text>
          </dt>
          <dd className={styles.value}>
            <Text className={styles.path}>{appInfo.dataDir}</Text>
          </dd>
        </div>
      </dl>
    </Section>
  );
}
