import { Button, Tag, TagGroup, makeStyles, tokens } from "@fluentui/react-components";
import { FilterDismiss20Regular } from "@fluentui/react-icons";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
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
import { LIST_FILTERS, type LeadFiltersView, type ListFilter } from "./query";

const useStyles = makeStyles({
  row: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  tags: {
    flexWrap: "wrap",
    rowGap: tokens.spacingVerticalXS,
  },
  tag: {
    maxWidth: "320px",
  },
});

interface Chip {
  id: string;
  text: string;
  /** The filters without this one. */
  without: LeadFiltersView;
}

interface FilterChipsProps {
  filters: LeadFiltersView;
  onChange: (filters: LeadFiltersView) => void;
  onClearAll: () => void;
}

/** The filters in force, each as a chip that removes it, and Clear all. */
export function FilterChips({ filters, onChange, onClearAll }: FilterChipsProps) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();

  const valueLabel = (field: ListFilter, value: string): string => {
    switch (field) {
      case "callToAction":
        return t(CTA_LABELS[value as keyof typeof CTA_LABELS]);
      case "countries":
        return format.region(value);
      case "sources":
        return t(SOURCE_LABELS[value as keyof typeof SOURCE_LABELS]);
      case "leadTypes":
        return t(TYPE_LABELS[value as keyof typeof TYPE_LABELS]);
      case "qualities":
        return t(QUALITY_LABELS[value as keyof typeof QUALITY_LABELS]);
      case "statuses":
        return t(SUBSTATUS_LABELS[value as keyof typeof SUBSTATUS_LABELS]);
      case "emailValidity":
        return t(EMAIL_VALIDITY_LABELS[value as keyof typeof EMAIL_VALIDITY_LABELS]);
      case "phoneValidity":
        return t(PHONE_VALIDITY_LABELS[value as keyof typeof PHONE_VALIDITY_LABELS]);
    }
  };

  const chips: Chip[] = [];
  for (const field of LIST_FILTERS) {
    const values = filters[field] as readonly string[];
    for (const value of values) {
      chips.push({
        id: `${field}:${value}`,
        text: t("leads.chip", { filter: t(FILTER_LABELS[field]), value: valueLabel(field, value) }),
        without: { ...filters, [field]: values.filter((v) => v !== value) },
      });
    }
  }
  if (filters.customerName.trim()) {
    chips.push({
      id: "customerName",
      text: t("leads.chip", { filter: t(FILTER_LABELS.customerName), value: filters.customerName.trim() }),
      without: { ...filters, customerName: "" },
    });
  }
  if (filters.createdFrom) {
    chips.push({
      id: "createdFrom",
      text: t("leads.chip", { filter: t(FILTER_LABELS.createdFrom), value: format.date(filters.createdFrom) }),
      without: { ...filters, createdFrom: null },
    });
  }
  if (filters.createdTo) {
    chips.push({
      id: "createdTo",
      text: t("leads.chip", { filter: t(FILTER_LABELS.createdTo), value: format.date(filters.createdTo) }),
      without: { ...filters, createdTo: null },
    });
  }
  if (chips.length === 0) return null;

  return (
    <div className={styles.row} data-testid="lead-filter-chips">
      <TagGroup
        className={styles.tags}
        aria-label={t("leads.filters.active")}
        onDismiss={(_, data) => {
          const chip = chips.find((c) => c.id === data.value);
          if (chip) onChange(chip.without);
        }}
      >
        {chips.map((chip) => (
          <Tag
            key={chip.id}
            value={chip.id}
            size="small"
            appearance="brand"
            shape="circular"
            className={styles.tag}
            dismissible
            dismissIcon={{ "aria-label": t("leads.chip.remove", { chip: chip.text }) }}
            data-testid="lead-filter-chip"
            data-chip={chip.id}
          >
            {chip.text}
          </Tag>
        ))}
      </TagGroup>
      <Button appearance="subtle" size="small" icon={<FilterDismiss20Regular />} onClick={onClearAll} data-testid="lead-chips-clear">
        {t("leads.filters.clearAll")}
      </Button>
    </div>
  );
}
