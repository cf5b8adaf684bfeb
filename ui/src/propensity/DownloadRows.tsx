import { useEffect, useState } from "react";
import { Field, Input, SearchBox, Select, Spinner, Text, ToggleButton, makeStyles, tokens } from "@fluentui/react-components";
import { commands, type ImportedColumnInfo, type ImportedDownload, type ImportedRowsQuery_Serialize, type ImportedRowsSort } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import type { MessageKey } from "../i18n/en";
import { useI18n } from "../i18n/I18nContext";
import { areaLabel } from "./areas";
import { CLUSTER_LABELS, CLUSTER_LETTERS, type ClusterLetter } from "./labels";
import { Pager } from "./Pager";
import { CellGrid } from "./PreviewGrid";
import { useLoad } from "./usePropensityData";

const PAGE = 100;
const SORTS: readonly ImportedRowsSort[] = ["file", "customerName", "customerId", "cluster", "fit", "intent"];
const SCORE_SORTS: ReadonlySet<ImportedRowsSort> = new Set(["cluster", "fit", "intent"]);
const SORT_LABELS: Readonly<Record<ImportedRowsSort, MessageKey>> = {
  file: "propensity.downloads.sort.file",
  customerName: "propensity.downloads.sort.customerName",
  customerId: "propensity.downloads.sort.customerId",
  cluster: "propensity.downloads.sort.cluster",
  fit: "propensity.downloads.sort.fit",
  intent: "propensity.downloads.sort.intent",
};

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    minWidth: 0,
  },
  filters: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    gap: tokens.spacingHorizontalM,
  },
  search: {
    width: "200px",
  },
  number: {
    width: "84px",
  },
  chip: {
    minWidth: "36px",
  },
  chips: {
    display: "flex",
    gap: tokens.spacingHorizontalXS,
  },
  footer: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalM,
    flexWrap: "wrap",
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
});

/** The areas a download scores, from its cluster columns (`cluster:M365`), in file order. */
export function areasOf(columns: readonly ImportedColumnInfo[]): string[] {
  return [...new Set(columns.filter((c) => c.role.startsWith("cluster:")).map((c) => c.role.slice("cluster:".length)))];
}

/** A minimum score as typed: a number from 0 to 100, null when empty, undefined when invalid. */
function minimum(text: string): number | null | undefined {
  if (text.trim() === "") return null;
  const n = Number(text.replace(",", "."));
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : undefined;
}

/** A download's rows, filtered (text, area, clusters, minimum fit and intent) and sorted by the backend, a page at a time. */
export function DownloadRows({ download, generation }: { download: ImportedDownload; generation: string }) {
  const { t } = useI18n();
  const styles = useStyles();
  const [text, setText] = useState("");
  const [typed, setTyped] = useState("");
  const [area, setArea] = useState<string | null>(null);
  const [clusters, setClusters] = useState<ClusterLetter[]>([]);
  const [minFitText, setMinFitText] = useState("");
  const [minIntentText, setMinIntentText] = useState("");
  const [sort, setSort] = useState<ImportedRowsSort>("file");
  const [offset, setOffset] = useState(0);

  // The search runs when typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => {
      setText(typed);
      setOffset(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const minFit = minimum(minFitText);
  const minIntent = minimum(minIntentText);
  const query: ImportedRowsQuery_Serialize = {
    text: text.trim() || null,
    area,
    clusters,
    minFit: minFit ?? null,
    minIntent: minIntent ?? null,
    sort: area === null && SCORE_SORTS.has(sort) ? "file" : sort,
    offset,
    limit: PAGE,
  };
  const page = useLoad(JSON.stringify([download.id, query, generation]), () => commands.cloudascentDownloadRows(download.id, query));
  const data = page.data?.download.id === download.id ? page.data : null;
  // While a page loads, the previous one stays (its columns too): the area choice does not flicker.
  const columns = data?.columns ?? [];
  const areas = areasOf(columns);

  const change = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setOffset(0);
  };
  const toggle = (letter: ClusterLetter) => change(setClusters)(clusters.includes(letter) ? clusters.filter((c) => c !== letter) : [...clusters, letter].sort());

  return (
    <div className={styles.root}>
      <div className={styles.filters}>
        <Field label={t("propensity.downloads.search")}>
          <SearchBox className={styles.search} value={typed} onChange={(_, d) => setTyped(d.value)} placeholder={t("propensity.downloads.searchPlaceholder")} data-testid="download-search" />
        </Field>
        <Field label={t("propensity.downloads.area")}>
          <Select
            value={area ?? ""}
            onChange={(_, d) => {
              const next = d.value || null;
              change(setArea)(next);
              if (next === null && SCORE_SORTS.has(sort)) setSort("file");
            }}
            data-testid="download-area"
          >
            <option value="">{t("propensity.downloads.anyArea")}</option>
            {areas.map((a) => (
              <option key={a} value={a}>
                {areaLabel(t, a)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("propensity.downloads.clusters")}>
          <div className={styles.chips} role="group">
            {CLUSTER_LETTERS.map((letter) => (
              <ToggleButton
                key={letter}
                size="small"
                shape="circular"
                className={styles.chip}
                appearance={clusters.includes(letter) ? "primary" : "secondary"}
                checked={clusters.includes(letter)}
                onClick={() => toggle(letter)}
                title={t(CLUSTER_LABELS[letter])}
                aria-label={`${letter} ${t(CLUSTER_LABELS[letter])}`}
                data-testid={`download-cluster-${letter}`}
              >
                {letter}
              </ToggleButton>
            ))}
          </div>
        </Field>
        <Field label={t("propensity.downloads.minFit")} validationMessage={minFit === undefined ? t("propensity.downloads.minInvalid") : undefined}>
          <Input className={styles.number} type="number" min={0} max={100} value={minFitText} onChange={(_, d) => change(setMinFitText)(d.value)} data-testid="download-min-fit" />
        </Field>
        <Field label={t("propensity.downloads.minIntent")} validationMessage={minIntent === undefined ? t("propensity.downloads.minInvalid") : undefined}>
          <Input className={styles.number} type="number" min={0} max={100} value={minIntentText} onChange={(_, d) => change(setMinIntentText)(d.value)} data-testid="download-min-intent" />
        </Field>
        <Field label={t("propensity.downloads.sort")}>
          <Select value={query.sort} onChange={(_, d) => change(setSort)(d.value as ImportedRowsSort)} data-testid="download-sort">
            {SORTS.map((s) => (
              <option key={s} value={s} disabled={area === null && SCORE_SORTS.has(s)}>
                {t(SORT_LABELS[s])}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {area === null && (clusters.length > 0 || minFit !== null || minIntent !== null) ? (
        <Text size={200} className={styles.muted} data-testid="download-any-area-hint">
          {t("propensity.downloads.anyAreaHint")}
        </Text>
      ) : null}
      {page.error ? <ErrorMessageBar error={page.error} title={t("propensity.loadFailed")} /> : null}
      {data === null ? (
        page.error ? null : <Spinner size="small" label={t("app.loading")} />
      ) : (
        <>
          <div className={styles.footer}>
            <Text size={200} data-testid="download-rows-total">
              {t("propensity.downloads.rowsMatching", { total: data.total, rows: download.rows })}
            </Text>
            <Pager offset={data.offset} limit={PAGE} total={data.total} onChange={setOffset} testId="download-pager" />
          </div>
          {data.rows.length > 0 ? (
            <CellGrid
              columns={data.columns.map((c) => c.name)}
              rows={data.rows.map((r) => r.cells)}
              rowNumbers={data.rows.map((r) => r.rowNumber)}
              clusterColumns={data.columns.map((c) => c.role.startsWith("cluster:"))}
              columnHints={data.columns.map((c) => (c.known ? null : t("propensity.downloads.unknownColumn")))}
              label={t("propensity.downloads.gridLabel", { file: download.fileName })}
              testId="download-cells"
            />
          ) : (
            <Text className={styles.muted} data-testid="download-no-rows">
              {t("propensity.downloads.noRows")}
            </Text>
          )}
          {data.columns.some((c) => !c.known) ? (
            <Text size={200} className={styles.muted}>
              {t("propensity.downloads.unknownMark")}
            </Text>
          ) : null}
        </>
      )}
    </div>
  );
}
