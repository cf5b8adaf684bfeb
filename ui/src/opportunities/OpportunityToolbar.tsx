import { useId, useState } from "react";
import {
  Button,
  Dropdown,
  Option,
  SearchBox,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ErrorCircle16Filled, FilterDismiss20Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n/I18nContext";
import { DateFilterInput, type DateProblem } from "./DateFilterInput";
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
  dateProblem: {
    flexBasis: "100%",
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorPaletteRedForeground1,
  },
  dateProblemIcon: {
    flexShrink: 0,
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
  /** Changes when the filters are cleared from outside the toolbar: the date boxes empty. */
  resetKey: number;
}

interface DateProblems {
  from: DateProblem | null;
  to: DateProblem | null;
}

const NO_PROBLEMS: DateProblems = { from: null, to: null };

/** Search, probability, type (All tab only) and date-added filters, clear, and the result count. */
export function OpportunityToolbar({ view, searchText, onSearchText, onChange, onClear, filtered, countText, resetKey }: OpportunityToolbarProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const problemId = useId();
  const [problems, setProblems] = useState<DateProblems>(NO_PROBLEMS);
  const [shownReset, setShownReset] = useState(resetKey);
  if (shownReset !== resetKey) {
    setShownReset(resetKey);
    setProblems(NO_PROBLEMS);
  }
  const problem = problems.from ?? problems.to;
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
        <DateFilterInput
          key={`from-${resetKey}`}
          value={view.addedFrom}
          label={t("opp.filter.dateFrom")}
          problemId={problems.from ? problemId : undefined}
          onProblem={(from) => setProblems((current) => ({ ...current, from }))}
          onCommit={(addedFrom) => {
            if (addedFrom && view.addedTo && addedFrom > view.addedTo) return "order";
            onChange({ ...view, addedFrom });
            return null;
          }}
          testId="filter-added-from"
        />
        <Text aria-hidden="true">–</Text>
        <DateFilterInput
          key={`to-${resetKey}`}
          value={view.addedTo}
          label={t("opp.filter.dateTo")}
          problemId={problems.to ? problemId : undefined}
          onProblem={(to) => setProblems((current) => ({ ...current, to }))}
          onCommit={(addedTo) => {
            if (addedTo && view.addedFrom && addedTo < view.addedFrom) return "order";
            onChange({ ...view, addedTo });
            return null;
          }}
          testId="filter-added-to"
        />
      </div>
      <Button
        appearance="subtle"
        icon={<FilterDismiss20Regular />}
        disabled={!filtered && problem === null}
        onClick={onClear}
        data-testid="clear-filters"
      >
        {t("opp.filter.clear")}
      </Button>
      {countText !== null ? (
        <Text className={styles.count} role="status" aria-live="polite" data-testid="opportunity-count">
          {countText}
        </Text>
      ) : null}
      {problem ? (
        <Text size={200} id={problemId} className={styles.dateProblem} role="alert" data-testid="date-filter-problem">
          <ErrorCircle16Filled className={styles.dateProblemIcon} aria-hidden="true" />
          {problem === "order" ? t("opp.filter.dateOrder") : t("common.dateInvalid")}
        </Text>
      ) : null}
    </div>
  );
}
