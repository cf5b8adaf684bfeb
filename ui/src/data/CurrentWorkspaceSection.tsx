import type { ReactNode } from "react";
import { Badge, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { WorkspaceCounts, WorkspaceSummary } from "../bindings";
import { useFormat } from "../format/useFormat";
import type { MessageKey } from "../i18n/en";
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
  pair: {
    display: "contents",
  },
  term: {
    color: tokens.colorNeutralForeground3,
  },
  value: {
    margin: 0,
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  path: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
  countsHeading: {
    margin: `${tokens.spacingVerticalS} 0 0 0`,
  },
  counts: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(160px, 1fr))",
    gap: tokens.spacingHorizontalM,
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  tile: {
    display: "flex",
    flexDirection: "column-reverse",
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  tileValue: {
    fontVariantNumeric: "tabular-nums",
    overflowWrap: "anywhere",
  },
  tileLabel: {
    color: tokens.colorNeutralForeground3,
  },
});

const COUNT_LABELS: ReadonlyArray<[keyof WorkspaceCounts, MessageKey]> = [
  ["snapshots", "data.counts.snapshots"],
  ["customers", "data.counts.customers"],
  ["subscriptions", "data.counts.subscriptions"],
  ["usageRows", "data.counts.usageRows"],
  ["userActivityRows", "data.counts.userActivityRows"],
  ["leads", "data.counts.leads"],
  ["crmAccounts", "data.counts.crmAccounts"],
];

/** Name, folder, partner, protection, size and counts of the open workspace. */
export function CurrentWorkspaceSection({ workspace }: { workspace: WorkspaceSummary }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const facts: Array<[string, ReactNode]> = [
    [t("data.field.name"), workspace.name],
    [t("data.field.folder"), <span className={styles.path}>{workspace.path}</span>],
    [t("data.field.partner"), workspace.partner?.name ?? t("data.partner.none")],
    [t("data.field.mpnId"), workspace.partner?.globalId ?? t("data.partner.none")],
    [
      t("data.field.encryption"),
      workspace.keyMode === "passphrase" ? t("data.encryption.passphrase") : t("data.encryption.keychain"),
    ],
    [t("data.field.fileSize"), format.bytes(workspace.fileSizeBytes)],
  ];
  return (
    <Section
      title={t("data.current.heading")}
      actions={
        workspace.isDemo ? (
          <Badge appearance="tint" color="informative">
            {t("data.current.demo")}
          </Badge>
        ) : undefined
      }
      testId="current-workspace"
    >
      <dl className={styles.facts}>
        {facts.map(([term, value]) => (
          <div key={term} className={styles.pair}>
            <dt className={styles.term}>
              <Text>{term}</Text>
            </dt>
            <dd className={styles.value}>
              <Text>{value}</Text>
            </dd>
          </div>
        ))}
      </dl>
      <Text as="h3" size={400} weight="semibold" className={styles.countsHeading}>
        {t("data.counts.heading")}
      </Text>
      <ul className={styles.counts}>
        {COUNT_LABELS.map(([field, label]) => (
          <li key={field} className={styles.tile} data-testid={`count-${field}`}>
            <Text size={500} weight="semibold" className={styles.tileValue}>
              {format.number(workspace.counts[field])}
            </Text>
            <Text size={200} className={styles.tileLabel}>
              {t(label)}
            </Text>
          </li>
        ))}
      </ul>
    </Section>
  );
}
