import { Badge, Text, makeStyles, tokens, type BadgeProps } from "@fluentui/react-components";
import type { ProbabilityStatus } from "../bindings";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { STATUS_LABELS } from "./labels";

const useStyles = makeStyles({
  root: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    whiteSpace: "nowrap",
  },
  percent: {
    color: tokens.colorNeutralForeground2,
    fontVariantNumeric: "tabular-nums",
  },
});

/** High is good news (success), Medium worth a look (warning), Low quiet (subtle). */
export const STATUS_COLORS: Readonly<Record<ProbabilityStatus, BadgeProps["color"]>> = {
  high: "success",
  medium: "warning",
  low: "subtle",
};

/** The probability status as a coloured badge, with the probability in percent beside it. */
export function ProbabilityBadge({ status, percent }: { status: ProbabilityStatus; percent: number }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const label = t(STATUS_LABELS[status]);
  return (
    <span className={styles.root} role="img" aria-label={t("opp.probability", { status: label, percent: format.percent(percent) })} data-status={status}>
      <Badge appearance="tint" shape="rounded" color={STATUS_COLORS[status]} aria-hidden="true">
        {label}
      </Badge>
      <Text size={200} className={styles.percent} aria-hidden="true">
        {format.percent(percent)}
      </Text>
    </span>
  );
}
