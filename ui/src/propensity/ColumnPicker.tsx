import { useId, useMemo, useState } from "react";
import { Button, Checkbox, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Search20Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n/I18nContext";
import { GROUP_LABELS } from "./labels";
import { COLUMN_GROUPS, type ReportColumnInfo, type ReportKindInfo } from "./types";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  toolbar: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
  },
  search: {
    flexGrow: 1,
    maxWidth: "360px",
    minWidth: "200px",
  },
  count: {
    color: tokens.colorNeutralForeground3,
    fontVariantNumeric: "tabular-nums",
  },
  groups: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    maxHeight: "420px",
    overflowY: "auto",
    paddingRight: tokens.spacingHorizontalS,
  },
  group: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
  groupHeader: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  groupActions: {
    display: "flex",
    gap: tokens.spacingHorizontalXS,
  },
  columns: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(280px, 1fr))",
    columnGap: tokens.spacingHorizontalM,
  },
  column: {
    minWidth: 0,
    "& label": {
      overflowWrap: "anywhere",
    },
  },
  empty: {
    color: tokens.colorNeutralForeground3,
    padding: tokens.spacingVerticalM,
  },
});

interface ColumnPickerProps {
  info: ReportKindInfo;
  selected: ReadonlySet<string>;
  onChange: (selected: Set<string>) => void;
}

/** Step 2: the report's columns by group, all chosen at first; all or none per group; a search box. */
export function ColumnPicker({ info, selected, onChange }: ColumnPickerProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const searchId = useId();
  const [search, setSearch] = useState("");
  const needle = search.trim().toLocaleLowerCase();
  const groups = useMemo(() => {
    const shown = info.columns.filter((c) => needle === "" || c.name.toLocaleLowerCase().includes(needle));
    return COLUMN_GROUPS.map((group) => ({ group, columns: shown.filter((c) => c.group === group) })).filter((g) => g.columns.length > 0);
  }, [info, needle]);

  const set = (columns: readonly ReportColumnInfo[], on: boolean) => {
    const next = new Set(selected);
    for (const c of columns) {
      if (on) next.add(c.name);
      else next.delete(c.name);
    }
    onChange(next);
  };

  return (
    <div className={styles.root} data-testid="column-picker">
      <div className={styles.toolbar}>
        <Input
          id={searchId}
          className={styles.search}
          contentBefore={<Search20Regular />}
          type="search"
          value={search}
          placeholder={t("propensity.columns.search")}
          aria-label={t("propensity.columns.search")}
          onChange={(_, data) => setSearch(data.value)}
          data-testid="column-search"
        />
        <Button size="small" onClick={() => set(info.columns, true)} data-testid="columns-all">
          {t("propensity.columns.selectAll")}
        </Button>
        <Button size="small" onClick={() => set(info.columns, false)} data-testid="columns-none">
          {t("propensity.columns.selectNone")}
        </Button>
        <Text size={200} className={styles.count} aria-live="polite" data-testid="columns-count">
          {t("propensity.columns.count", { selected: selected.size, total: info.columns.length })}
        </Text>
      </div>
      <div className={styles.groups}>
        {groups.length === 0 ? (
          <Text className={styles.empty} data-testid="columns-no-match">
            {t("propensity.columns.noMatch")}
          </Text>
        ) : null}
        {groups.map(({ group, columns }) => {
          const on = columns.filter((c) => selected.has(c.name)).length;
          const label = t(GROUP_LABELS[group]);
          return (
            <section key={group} className={styles.group} aria-label={label} data-testid={`column-group-${group}`}>
              <div className={styles.groupHeader}>
                <Checkbox
                  label={
                    <Text weight="semibold">
                      {label} <span className={styles.count}>({t("propensity.columns.groupCount", { selected: on, total: columns.length })})</span>
                    </Text>
                  }
                  checked={on === 0 ? false : on === columns.length ? true : "mixed"}
                  onChange={(_, data) => set(columns, data.checked === true)}
                  data-testid={`column-group-toggle-${group}`}
                />
                <div className={styles.groupActions}>
                  <Button size="small" appearance="transparent" onClick={() => set(columns, true)} aria-label={t("propensity.columns.groupAll", { group: label })} data-testid={`column-group-all-${group}`}>
                    {t("propensity.columns.all")}
                  </Button>
                  <Button size="small" appearance="transparent" onClick={() => set(columns, false)} aria-label={t("propensity.columns.groupNone", { group: label })} data-testid={`column-group-none-${group}`}>
                    {t("propensity.columns.none")}
                  </Button>
                </div>
              </div>
              <div className={styles.columns}>
                {columns.map((c) => (
                  <Checkbox
                    key={c.name}
                    className={styles.column}
                    label={c.name}
                    checked={selected.has(c.name)}
                    onChange={(_, data) => set([c], data.checked === true)}
                    data-testid="column-option"
                    data-column={c.name}
                  />
                ))}
              </div>
            </section>
          );
        })}
      </div>
    </div>
  );
}
