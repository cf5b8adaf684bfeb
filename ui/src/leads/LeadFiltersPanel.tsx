import { useId, useState } from "react";
import {
  Button,
  CounterBadge,
  Dropdown,
  Field,
  Input,
  Option,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ErrorCircle16Filled, Filter20Regular, FilterDismiss20Regular } from "@fluentui/react-icons";
import type { MessageKey } from "../i18n/en";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { DateFilterInput, type DateProblem } from "../opportunities/DateFilterInput";
import {
  CTA_LABELS,
  EMAIL_VALIDITY_LABELS,
  FILTER_LABELS,
  PHONE_VALIDITY_LABELS,
  QUALITY_LABELS,
  SOURCE_LABELS,
  SUBSTATUS_LABELS,
  TYPE_LABELS,
} from "./labels";
import {
  CALLS_TO_ACTION,
  EMAIL_VALIDITIES,
  LEAD_TYPES,
  PHONE_VALIDITIES,
  QUALITIES,
  SOURCES,
  SUBSTATUSES,
  activeFilterCount,
  type LeadFiltersView,
  type ListFilter,
} from "./query";

const useStyles = makeStyles({
  surface: {
    width: "min(620px, calc(100vw - 48px))",
    maxHeight: "min(640px, calc(100vh - 120px))",
    overflowY: "auto",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
  },
  heading: {
    margin: 0,
  },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(2, minmax(0, 1fr))",
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
  },
  dropdown: {
    minWidth: 0,
    width: "100%",
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
  dateProblem: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorPaletteRedForeground1,
  },
  footer: {
    display: "flex",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  trigger: {
    gap: tokens.spacingHorizontalXS,
  },
});

interface ListFilterSpec {
  field: ListFilter;
  values: readonly string[];
  label: (value: string) => string;
  any: MessageKey;
}

interface LeadFiltersPanelProps {
  filters: LeadFiltersView;
  /** What is typed in the customer name box, before the debounce. */
  customerText: string;
  onCustomerText: (text: string) => void;
  onChange: (filters: LeadFiltersView) => void;
  onClear: () => void;
  /** The countries present, from the overview. */
  countries: readonly string[];
  /** Changes when the filters are cleared from outside the panel: the date boxes empty. */
  resetKey: number;
}

interface DateProblems {
  from: DateProblem | null;
  to: DateProblem | null;
}

/**
 * The Filters button and its panel: Partner Center's nine filters (call to action, country,
 * customer name, source, type, quality, status, e-mail and phone validity) and the creation
 * dates. Each change applies at once; every filter combines with the others.
 */
export function LeadFiltersPanel({ filters, customerText, onCustomerText, onChange, onClear, countries, resetKey }: LeadFiltersPanelProps) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const titleId = useId();
  const problemId = useId();
  const [open, setOpen] = useState(false);
  const [problems, setProblems] = useState<DateProblems>({ from: null, to: null });
  const [shownReset, setShownReset] = useState(resetKey);
  if (shownReset !== resetKey) {
    setShownReset(resetKey);
    setProblems({ from: null, to: null });
  }
  const problem = problems.from ?? problems.to;
  const active = activeFilterCount({ ...filters, customerName: customerText });
  const regionSorted = [...countries].sort((a, b) => format.region(a).localeCompare(format.region(b), format.locale));

  const specs: ListFilterSpec[] = [
    { field: "callToAction", values: CALLS_TO_ACTION, label: (v) => t(CTA_LABELS[v as keyof typeof CTA_LABELS]), any: "leads.filter.any" },
    { field: "countries", values: regionSorted, label: (v) => format.region(v), any: "leads.filter.anyCountry" },
    { field: "sources", values: SOURCES, label: (v) => t(SOURCE_LABELS[v as keyof typeof SOURCE_LABELS]), any: "leads.filter.any" },
    { field: "leadTypes", values: LEAD_TYPES, label: (v) => t(TYPE_LABELS[v as keyof typeof TYPE_LABELS]), any: "leads.filter.any" },
    { field: "qualities", values: QUALITIES, label: (v) => t(QUALITY_LABELS[v as keyof typeof QUALITY_LABELS]), any: "leads.filter.any" },
    { field: "statuses", values: SUBSTATUSES, label: (v) => t(SUBSTATUS_LABELS[v as keyof typeof SUBSTATUS_LABELS]), any: "leads.filter.any" },
    {
      field: "emailValidity",
      values: EMAIL_VALIDITIES,
      label: (v) => t(EMAIL_VALIDITY_LABELS[v as keyof typeof EMAIL_VALIDITY_LABELS]),
      any: "leads.filter.any",
    },
    {
      field: "phoneValidity",
      values: PHONE_VALIDITIES,
      label: (v) => t(PHONE_VALIDITY_LABELS[v as keyof typeof PHONE_VALIDITY_LABELS]),
      any: "leads.filter.any",
    },
  ];

  function dropdown(spec: ListFilterSpec) {
    const selected = filters[spec.field] as readonly string[];
    return (
      <Field key={spec.field} label={t(FILTER_LABELS[spec.field])}>
        <Dropdown
          className={styles.dropdown}
          button={{ className: styles.dropdownButton }}
          multiselect
          placeholder={t(spec.any)}
          value={selected.map(spec.label).join(", ")}
          selectedOptions={[...selected]}
          onOptionSelect={(_, data) =>
            onChange({ ...filters, [spec.field]: spec.values.filter((v) => data.selectedOptions.includes(v)) })
          }
          data-testid={`filter-${spec.field}`}
        >
          {spec.values.map((value) => (
            <Option key={value} value={value} data-testid={`filter-${spec.field}-${value}`}>
              {spec.label(value)}
            </Option>
          ))}
        </Dropdown>
      </Field>
    );
  }

  return (
    <Popover open={open} onOpenChange={(_, data) => setOpen(data.open)} positioning="below-start" trapFocus>
      <PopoverTrigger disableButtonEnhancement>
        <Button
          icon={<Filter20Regular />}
          className={styles.trigger}
          aria-label={active > 0 ? t("leads.filters.buttonActive", { count: active }) : t("leads.filters.button")}
          data-testid="lead-filters-button"
        >
          {t("leads.filters.button")}
          {active > 0 ? <CounterBadge count={active} size="small" appearance="filled" color="brand" aria-hidden="true" /> : null}
        </Button>
      </PopoverTrigger>
      <PopoverSurface className={styles.surface} aria-labelledby={titleId} data-testid="lead-filters-panel">
        <Text as="h2" id={titleId} size={400} weight="semibold" className={styles.heading}>
          {t("leads.filters.title")}
        </Text>
        <div className={styles.grid}>
          {specs.slice(0, 2).map(dropdown)}
          <Field label={t(FILTER_LABELS.customerName)}>
            <Input
              value={customerText}
              onChange={(_, data) => onCustomerText(data.value)}
              placeholder={t("leads.filter.customerNamePlaceholder")}
              autoComplete="off"
              data-testid="filter-customerName"
            />
          </Field>
          {specs.slice(2).map(dropdown)}
          <Field
            label={t("leads.filter.created")}
            validationState={problem ? "error" : "none"}
            validationMessage={
              problem ? (
                <span id={problemId} className={styles.dateProblem} data-testid="lead-date-problem">
                  <ErrorCircle16Filled aria-hidden="true" />
                  {problem === "order" ? t("leads.filter.dateOrder") : t("common.dateInvalid")}
                </span>
              ) : undefined
            }
            validationMessageIcon={null}
          >
            <div className={styles.dates} role="group" aria-label={t("leads.filter.created")}>
              <DateFilterInput
                key={`from-${resetKey}`}
                value={filters.createdFrom}
                label={t(FILTER_LABELS.createdFrom)}
                problemId={problems.from ? problemId : undefined}
                onProblem={(from) => setProblems((current) => ({ ...current, from }))}
                onCommit={(createdFrom) => {
                  if (createdFrom && filters.createdTo && createdFrom > filters.createdTo) return "order";
                  onChange({ ...filters, createdFrom });
                  return null;
                }}
                testId="filter-createdFrom"
              />
              <Text aria-hidden="true">–</Text>
              <DateFilterInput
                key={`to-${resetKey}`}
                value={filters.createdTo}
                label={t(FILTER_LABELS.createdTo)}
                problemId={problems.to ? problemId : undefined}
                onProblem={(to) => setProblems((current) => ({ ...current, to }))}
                onCommit={(createdTo) => {
                  if (createdTo && filters.createdFrom && createdTo < filters.createdFrom) return "order";
                  onChange({ ...filters, createdTo });
                  return null;
                }}
                testId="filter-createdTo"
              />
            </div>
          </Field>
        </div>
        <div className={styles.footer}>
          <Button appearance="subtle" icon={<FilterDismiss20Regular />} disabled={active === 0 && problem === null} onClick={onClear} data-testid="lead-filters-clear">
            {t("leads.filters.clearAll")}
          </Button>
          <Button appearance="primary" onClick={() => setOpen(false)} data-testid="lead-filters-done">
            {t("leads.filters.done")}
          </Button>
        </div>
      </PopoverSurface>
    </Popover>
  );
}
