import {
  Button,
  Dropdown,
  Input,
  Option,
  SearchBox,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { FilterDismiss20Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n/I18nContext";
import { STATUS_LABELS, TYPE_LABELS } from "./labels";
import { STATUSES, TYPES, type OpportunityView } from "./query";

const useStyles = makeStyles({
  bar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
  },
  search: {
    flex: "1 1 240px",
    maxWidth: "420px",
  },
  dropdown: {
    minWidth: "180px",
    maxWidth: "240px",
  },
  dropdownButton: {
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
  },
  dates: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
  },
  datesLabel: {
    color: tokens.colorNeutralForeground2,
    marginRight: tokens.spacingHorizontalXXS,
  },
  date: {
    width: "150px",
  },
  // An empty date input shows a hint (mm/dd/yyyy in Chromium, today's date in WebKit): in the
  // placeholder's colour, so that it does not read as a filter that is set.
  emptyDate: {
    "::-webkit-datetime-edit": {
      color: tokens.colorNeutralForeground4,
    },
  },
  count: {
    marginLeft: "auto",
    color: tokens.colorNeutralForeground2,
    fontVariantNumeric: "tabular-nums",
    whiteSpace: "nowrap",
  },
});

interface OpportunityToolbarProps {
  view: OpportunityView;
  /** What is typed, before the debounce. */
  searchText: string;
  onSearchText: (text: string) => void;
  onChange: (view: OpportunityView) => void;
  onClear: () => void;
  filtered: boolean;
  /** The result count, once known. */
  countText: string | null;
}

/** Search, probability, type (All tab only) and date-added filters, clear, and the result count. */
export function OpportunityToolbar({ view, searchText, onSearchText, onChange, onClear, filtered, countText }: OpportunityToolbarProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const statusText = view.statuses.map((s) => t(STATUS_LABELS[s])).join(", ");
  const typeText = view.types.map((type) => t(TYPE_LABELS[type])).join(", ");
  return (
    <div className={styles.bar} role="search" aria-label={t("opp.filtersLabel")} data-testid="opportunity-toolbar">
      <SearchBox
        className={styles.search}
        value={searchText}
        onChange={(_, data) => onSearchText(data.value)}
        placeholder={t("opp.search.placeholder")}
        aria-label={t("opp.search.label")}
        data-testid="opportunity-search"
      />
      <Dropdown
        className={styles.dropdown}
        button={{ className: styles.dropdownButton }}
        multiselect
        placeholder={t("opp.filter.allProbabilities")}
        aria-label={t("opp.filter.probability")}
        value={statusText}
        selectedOptions={view.statuses}
        onOptionSelect={(_, data) =>
          onChange({ ...view, statuses: STATUSES.filter((s) => data.selectedOptions.includes(s)) })
        }
        data-testid="filter-probability"
      >
        {STATUSES.map((status) => (
          <Option key={status} value={status} data-testid={`filter-probability-${status}`}>
            {t(STATUS_LABELS[status])}
          </Option>
        ))}
      </Dropdown>
      {view.tab === "all" ? (
        <Dropdown
          className={styles.dropdown}
          button={{ className: styles.dropdownButton }}
          multiselect
          placeholder={t("opp.filter.allTypes")}
          aria-label={t("opp.filter.type")}
          value={typeText}
          selectedOptions={view.types}
          onOptionSelect={(_, data) =>
            onChange({ ...view, types: TYPES.filter((type) => data.selectedOptions.includes(type)) })
          }
          data-testid="filter-type"
        >
          {TYPES.map((type) => (
            <Option key={type} value={type} data-testid={`filter-type-${type}`}>
              {t(TYPE_LABELS[type])}
            </Option>
          ))}
        </Dropdown>
      ) : null}
      <div className={styles.dates} role="group" aria-label={t("opp.filter.dateAdded")}>
        <Text size={200} className={styles.datesLabel} aria-hidden="true">
          {t("opp.filter.dateAdded")}
        </Text>
        <Input
          className={styles.date}
          input={{ className: view.addedFrom ? undefined : styles.emptyDate }}
          type="date"
          value={view.addedFrom ?? ""}
          max={view.addedTo ?? undefined}
          aria-label={t("opp.filter.dateFrom")}
          onChange={(_, data) => onChange({ ...view, addedFrom: data.value || null })}
          data-testid="filter-added-from"
        />
        <Text aria-hidden="true">–</Text>
        <Input
          className={styles.date}
          input={{ className: view.addedTo ? undefined : styles.emptyDate }}
          type="date"
          value={view.addedTo ?? ""}
          min={view.addedFrom ?? undefined}
          aria-label={t("opp.filter.dateTo")}
          onChange={(_, data) => onChange({ ...view, addedTo: data.value || null })}
          data-testid="filter-added-to"
        />
      </div>
      <Button appearance="subtle" icon={<FilterDismiss20Regular />} disabled={!filtered} onClick={onClear} data-testid="clear-filters">
        {t("opp.filter.clear")}
      </Button>
      {countText !== null ? (
        <Text className={styles.count} role="status" aria-live="polite" data-testid="opportunity-count">
          {countText}
        </Text>
      ) : null}
    </div>
  );
}
