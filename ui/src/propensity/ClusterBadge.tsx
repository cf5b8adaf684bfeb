import { Badge, makeStyles, tokens } from "@fluentui/react-components";
import { useI18n } from "../i18n/I18nContext";
import { CLUSTER_LABELS, clusterOf, type ClusterLetter } from "./labels";

const useStyles = makeStyles({
  badge: {
    whiteSpace: "nowrap",
    fontVariantNumeric: "tabular-nums",
    gap: tokens.spacingHorizontalXS,
  },
  code: {
    fontWeight: tokens.fontWeightSemibold,
  },
});

// Act now green, Evaluate blue, Nurture yellow, Educate grey: from ready to buy to not yet.
const COLORS = { A: "success", B: "brand", C: "warning", D: "informative" } as const;

/** A cluster code (A1–D4) in its cluster's colour, with the cluster's name ("A1 Act now"). */
export function ClusterBadge({ code, withName = true }: { code: string; withName?: boolean }) {
  const { t } = useI18n();
  const styles = useStyles();
  const letter = clusterOf(code);
  if (!letter) return <>{code}</>;
  const name = t(CLUSTER_LABELS[letter]);
  return (
    <Badge
      appearance="tint"
      shape="rounded"
      color={COLORS[letter]}
      className={styles.badge}
      data-testid="cluster-badge"
      data-cluster={letter}
      aria-label={withName ? undefined : `${code} ${name}`}
      title={withName ? undefined : name}
    >
      <span className={styles.code}>{code.trim()}</span>
      {withName ? <span>{name}</span> : null}
    </Badge>
  );
}

/** A cluster letter's badge for legends ("A · Act now"). */
export function ClusterLegendBadge({ letter }: { letter: ClusterLetter }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <Badge appearance="tint" shape="rounded" color={COLORS[letter]} className={styles.badge} data-testid="cluster-legend" data-cluster={letter}>
      <span className={styles.code}>{letter}</span>
      <span>{t(CLUSTER_LABELS[letter])}</span>
    </Badge>
  );
}
