import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
  type BadgeProps,
} from "@fluentui/react-components";
import type { SubscriptionLine } from "../../bindings";
import { useFormat } from "../../format/useFormat";
import { useI18n } from "../../i18n/I18nContext";
import { CHANNEL_LABELS, SUBSCRIPTION_STATUS_LABELS } from "../labels";

const useStyles = makeStyles({
  table: {
    tableLayout: "auto",
  },
  numeric: {
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
    "& > div, & > button": {
      justifyContent: "flex-end",
    },
  },
  nowrap: {
    whiteSpace: "nowrap",
    fontVariantNumeric: "tabular-nums",
  },
  product: {
    overflowWrap: "anywhere",
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
});

const STATUS_COLORS: Readonly<Record<string, BadgeProps["color"]>> = {
  active: "success",
  trial: "brand",
  suspended: "warning",
  expired: "danger",
  deleted: "subtle",
};

/** Product, quantity, status, channel (the partner or Microsoft direct) and end date. */
export function SubscriptionsTab({ customer, subscriptions }: { customer: string; subscriptions: readonly SubscriptionLine[] }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  if (subscriptions.length === 0) return <Text className={styles.muted}>{t("opp.subscriptions.empty")}</Text>;
  return (
    <Table size="small" className={styles.table} aria-label={t("opp.subscriptions.tableLabel", { customer })} data-testid="flyout-subscriptions">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t("opp.subscriptions.product")}</TableHeaderCell>
          <TableHeaderCell className={styles.numeric}>{t("opp.subscriptions.quantity")}</TableHeaderCell>
          <TableHeaderCell>{t("opp.subscriptions.status")}</TableHeaderCell>
          <TableHeaderCell>{t("opp.subscriptions.channel")}</TableHeaderCell>
          <TableHeaderCell>{t("opp.subscriptions.endDate")}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {subscriptions.map((line, i) => {
          const status = line.status.toLowerCase();
          const statusLabel = SUBSCRIPTION_STATUS_LABELS[status];
          const channelLabel = CHANNEL_LABELS[line.channel];
          return (
            <TableRow key={i} data-testid="subscription-row">
              <TableCell className={styles.product}>{line.product}</TableCell>
              <TableCell className={styles.numeric}>{format.number(line.quantity)}</TableCell>
              <TableCell>
                <Badge appearance="tint" shape="rounded" color={STATUS_COLORS[status] ?? "informative"} data-status={status}>
                  {statusLabel ? t(statusLabel) : line.status}
                </Badge>
              </TableCell>
              <TableCell className={styles.nowrap}>{channelLabel ? t(channelLabel) : line.channel}</TableCell>
              <TableCell className={styles.nowrap}>{format.date(line.endDate)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
