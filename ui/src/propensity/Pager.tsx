import { Button, Text, Tooltip, makeStyles, tokens } from "@fluentui/react-components";
import { ChevronLeft20Regular, ChevronRight20Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n/I18nContext";

const useStyles = makeStyles({
  root: {
    display: "flex",
    alignItems: "center",
    justifyContent: "flex-end",
    gap: tokens.spacingHorizontalS,
  },
  range: {
    fontVariantNumeric: "tabular-nums",
    color: tokens.colorNeutralForeground2,
  },
});

/** "51–100 of 500" with previous and next page buttons. */
export function Pager({ offset, limit, total, onChange, testId }: { offset: number; limit: number; total: number; onChange: (offset: number) => void; testId: string }) {
  const { t } = useI18n();
  const styles = useStyles();
  if (total <= limit && offset === 0) return null;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(total, offset + limit);
  return (
    <div className={styles.root} data-testid={testId}>
      <Text size={200} className={styles.range} data-testid={`${testId}-range`}>
        {t("propensity.pager.range", { from, to, total })}
      </Text>
      <Tooltip content={t("propensity.pager.previous")} relationship="label">
        <Button appearance="subtle" icon={<ChevronLeft20Regular />} disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))} data-testid={`${testId}-previous`} />
      </Tooltip>
      <Tooltip content={t("propensity.pager.next")} relationship="label">
        <Button appearance="subtle" icon={<ChevronRight20Regular />} disabled={to >= total} onClick={() => onChange(offset + limit)} data-testid={`${testId}-next`} />
      </Tooltip>
    </div>
  );
}
