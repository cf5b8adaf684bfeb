import { Button, Dropdown, Option, Tooltip, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowSortDown20Regular, ArrowSortUp20Regular } from "@fluentui/react-icons";
import type { LeadSort } from "../bindings";
import { useI18n } from "../i18n/I18nContext";
import { SORT_LABELS } from "./labels";
import { firstDirectionIsDescending } from "./query";

const useStyles = makeStyles({
  group: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXXS,
  },
  dropdown: {
    minWidth: "168px",
  },
});

/** Every order the backend sorts by, in menu order (the ones without a column too). */
const SORTS: readonly LeadSort[] = [
  "created",
  "timeLeft",
  "score",
  "customer",
  "contact",
  "emailValidity",
  "phoneValidity",
  "status",
  "callToAction",
  "source",
  "quality",
  "country",
  "value",
];

interface SortControlProps {
  sort: LeadSort;
  descending: boolean;
  onChange: (sort: LeadSort, descending: boolean) => void;
}

/** "Sort by" and the direction: the column headers' sorts, and those without a column (country, value, time left). */
export function SortControl({ sort, descending, onChange }: SortControlProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const direction = descending ? t("leads.sort.descending") : t("leads.sort.ascending");
  return (
    <div className={styles.group} role="group" aria-label={t("leads.sort.label")}>
      <Dropdown
        className={styles.dropdown}
        aria-label={t("leads.sort.label")}
        value={t("leads.sort.value", { sort: t(SORT_LABELS[sort]) })}
        selectedOptions={[sort]}
        onOptionSelect={(_, data) => {
          const next = data.optionValue as LeadSort | undefined;
          if (next && next !== sort) onChange(next, firstDirectionIsDescending(next));
        }}
        data-testid="lead-sort"
      >
        {SORTS.map((value) => (
          <Option key={value} value={value} text={t(SORT_LABELS[value])} data-testid={`lead-sort-option-${value}`}>
            {t(SORT_LABELS[value])}
          </Option>
        ))}
      </Dropdown>
      <Tooltip content={direction} relationship="label" withArrow>
        <Button
          appearance="subtle"
          icon={descending ? <ArrowSortDown20Regular /> : <ArrowSortUp20Regular />}
          onClick={() => onChange(sort, !descending)}
          data-testid="lead-sort-direction"
          data-descending={descending}
        />
      </Tooltip>
    </div>
  );
}
