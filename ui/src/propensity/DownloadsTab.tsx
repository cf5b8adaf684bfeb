import { useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { ArrowUpload20Regular, CloudArrowDown24Regular, Delete20Regular } from "@fluentui/react-icons";
import { commands, type ImportedDownload, type IpcError } from "../bindings";
import { EmptyStateCard, EmptyStateText } from "../feedback/EmptyStateCard";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { DownloadComparison } from "./DownloadComparison";
import { DownloadRows } from "./DownloadRows";
import { KIND_SHORT } from "./labels";
import type { ReportKind } from "./types";
import { useLoad } from "./usePropensityData";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    minWidth: 0,
  },
  toolbar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
  },
  intro: {
    color: tokens.colorNeutralForeground2,
    flex: "1 1 320px",
  },
  frame: {
    overflowX: "auto",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: {
    tableLayout: "auto",
    minWidth: "640px",
  },
  header: {
    fontWeight: tokens.fontWeightSemibold,
    backgroundColor: tokens.colorNeutralBackground2,
    whiteSpace: "nowrap",
  },
  row: {
    cursor: "pointer",
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    ":hover": {
      backgroundColor: tokens.colorBrandBackground2Hover,
    },
  },
  fileName: {
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
    justifyContent: "flex-start",
    textAlign: "left",
    paddingLeft: 0,
    paddingRight: 0,
    minWidth: 0,
  },
  number: {
    fontVariantNumeric: "tabular-nums",
    whiteSpace: "nowrap",
  },
  nowrap: {
    whiteSpace: "nowrap",
  },
  actionsColumn: {
    width: "56px",
  },
  detail: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  detailHead: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "baseline",
    gap: tokens.spacingHorizontalM,
  },
  heading: {
    margin: 0,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  list: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    paddingLeft: tokens.spacingHorizontalL,
  },
  danger: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    ":hover": {
      backgroundColor: tokens.colorPaletteRedForeground1,
    },
  },
});

type DetailView = "rows" | "compare";

/**
 * Microsoft's own CloudAscent downloads: import one (the open dialog), list them, page through a
 * download's rows with filters, compare it with the app's scores, delete it.
 */
export function DownloadsTab({ generation, titles }: { generation: string; titles: ReadonlyMap<ReportKind, string> }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const [reloads, setReloads] = useState(0);
  const key = `${generation}:${reloads}`;
  const list = useLoad(key, () => commands.cloudascentDownloads());
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [view, setView] = useState<DetailView>("rows");
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<ImportedDownload | null>(null);
  const [error, setError] = useState<{ error: IpcError; title: string } | null>(null);
  const [deleting, setDeleting] = useState<ImportedDownload | null>(null);
  const [deleteRunning, setDeleteRunning] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const kindTitle = (kind: ReportKind) => titles.get(kind) ?? t(KIND_SHORT[kind]);

  async function importDownload() {
    setImporting(true);
    setError(null);
    setNotice(null);
    const result = await settle(commands.importCloudascentDownload(null));
    setImporting(false);
    if (result.status === "error") {
      setImported(null);
      setError({ error: result.error, title: t("propensity.downloads.importFailed") });
      return;
    }
    if (result.data === null) return;
    setImported(result.data);
    setSelectedId(result.data.id);
    setView("rows");
    setReloads((n) => n + 1);
  }

  async function remove(download: ImportedDownload) {
    setDeleteRunning(true);
    const result = await settle(commands.deleteCloudascentDownload(download.id));
    setDeleteRunning(false);
    setDeleting(null);
    if (result.status === "error") {
      setError({ error: result.error, title: t("propensity.downloads.deleteFailed") });
      return;
    }
    setNotice(t("propensity.downloads.deleted", { file: download.fileName }));
    if (imported?.id === download.id) setImported(null);
    if (selectedId === download.id) setSelectedId(null);
    setReloads((n) => n + 1);
  }

  const importButton = (primary: boolean) => (
    <Button
      appearance={primary ? "primary" : "secondary"}
      icon={importing ? <Spinner size="tiny" /> : <ArrowUpload20Regular />}
      disabled={importing}
      onClick={() => void importDownload()}
      data-testid="download-import"
    >
      {t("propensity.downloads.import")}
    </Button>
  );

  const messages = (
    <>
      {error ? <ErrorMessageBar error={error.error} title={error.title} /> : null}
      {imported ? (
        <MessageBar intent={imported.warnings.length > 0 ? "warning" : "success"} layout="multiline" data-testid="download-imported">
          <MessageBarBody>
            <MessageBarTitle>{t("propensity.downloads.imported", { file: imported.fileName })}</MessageBarTitle>
            {t("propensity.downloads.importedFacts", { kind: kindTitle(imported.kind), rows: imported.rows, columns: imported.columns })}
            {imported.warnings.length > 0 ? (
              <ul className={styles.list} data-testid="download-warnings">
                {imported.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            ) : null}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {imported && imported.unknownColumns.length > 0 ? (
        <MessageBar intent="info" layout="multiline" data-testid="download-unknown-columns">
          <MessageBarBody>
            {t("propensity.downloads.unknownColumns", { count: imported.unknownColumns.length, columns: imported.unknownColumns.join(", ") })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {notice ? (
        <Text className={styles.muted} data-testid="download-notice">
          {notice}
        </Text>
      ) : null}
      {list.error ? <ErrorMessageBar error={list.error} title={t("propensity.loadFailed")} /> : null}
    </>
  );

  const downloads = list.data;
  if (downloads === null) {
    return (
      <div className={styles.root}>
        {messages}
        {list.error ? null : <Spinner size="small" label={t("app.loading")} />}
      </div>
    );
  }

  const selected = downloads.find((d) => d.id === selectedId) ?? null;

  return (
    <div className={styles.root}>
      {messages}
      {downloads.length === 0 ? (
        <EmptyStateCard icon={<CloudArrowDown24Regular />} title={t("propensity.downloads.emptyTitle")} action={importButton(true)} testId="downloads-empty">
          <EmptyStateText>{t("propensity.downloads.emptyBody")}</EmptyStateText>
        </EmptyStateCard>
      ) : (
        <>
          <div className={styles.toolbar}>
            {importButton(false)}
            <Text size={200} className={styles.intro}>
              {t("propensity.downloads.intro")}
            </Text>
          </div>
          <div className={styles.frame}>
            <Table className={styles.table} size="small" aria-label={t("propensity.tab.downloads")} data-testid="downloads-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={styles.header}>{t("propensity.downloads.col.file")}</TableHeaderCell>
                  <TableHeaderCell className={styles.header}>{t("propensity.reports.col.kind")}</TableHeaderCell>
                  <TableHeaderCell className={styles.header}>{t("propensity.reports.col.rows")}</TableHeaderCell>
                  <TableHeaderCell className={styles.header}>{t("propensity.downloads.col.columns")}</TableHeaderCell>
                  <TableHeaderCell className={styles.header}>{t("propensity.downloads.col.imported")}</TableHeaderCell>
                  <TableHeaderCell className={mergeClasses(styles.header, styles.actionsColumn)}>
                    <span className={styles.nowrap}>{t("propensity.reports.col.actions")}</span>
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {downloads.map((d) => {
                  const isSelected = d.id === selectedId;
                  return (
                    <TableRow
                      key={d.id}
                      className={mergeClasses(styles.row, isSelected ? styles.selected : undefined)}
                      aria-selected={isSelected}
                      onClick={() => {
                        setSelectedId(d.id);
                      }}
                      data-testid="download-row"
                      data-id={d.id}
                      data-selected={isSelected || undefined}
                    >
                      <TableCell>
                        <Button
                          appearance="transparent"
                          size="small"
                          className={styles.fileName}
                          onClick={(event) => {
                            event.stopPropagation();
                            setSelectedId(d.id);
                          }}
                          aria-pressed={isSelected}
                          data-testid="download-open"
                        >
                          {d.fileName}
                        </Button>
                      </TableCell>
                      <TableCell data-testid="download-kind">
                        <span className={styles.nowrap}>{kindTitle(d.kind)}</span>
                      </TableCell>
                      <TableCell>
                        <span className={styles.number} data-testid="download-rows">
                          {format.number(d.rows)}
                        </span>
                      </TableCell>
                      <TableCell>
                        <span className={styles.number}>
                          {d.unknownColumns.length > 0
                            ? t("propensity.downloads.columnsUnknown", { columns: d.columns, unknown: d.unknownColumns.length })
                            : format.number(d.columns)}
                        </span>
                      </TableCell>
                      <TableCell>
                        <span className={styles.nowrap} data-testid="download-imported-at">
                          {format.dateTime(d.importedAt)}
                        </span>
                      </TableCell>
                      <TableCell>
                        <Tooltip content={t("propensity.action.delete")} relationship="label">
                          <Button
                            appearance="subtle"
                            icon={<Delete20Regular />}
                            onClick={(event) => {
                              event.stopPropagation();
                              setDeleting(d);
                            }}
                            data-testid="download-delete"
                          />
                        </Tooltip>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
          {selected ? (
            <section className={styles.detail} aria-label={selected.fileName} data-testid="download-detail" data-id={selected.id}>
              <div className={styles.detailHead}>
                <Text as="h2" size={400} weight="semibold" className={styles.heading}>
                  {selected.fileName}
                </Text>
                <Text size={200} className={styles.muted}>
                  {t("propensity.downloads.importedFacts", { kind: kindTitle(selected.kind), rows: selected.rows, columns: selected.columns })}
                </Text>
              </div>
              <TabList size="small" selectedValue={view} onTabSelect={(_, d) => setView(d.value as DetailView)} aria-label={selected.fileName}>
                <Tab value="rows" data-testid="download-view-rows">
                  {t("propensity.downloads.view.rows")}
                </Tab>
                <Tab value="compare" data-testid="download-view-compare">
                  {t("propensity.downloads.view.compare")}
                </Tab>
              </TabList>
              {view === "rows" ? <DownloadRows key={selected.id} download={selected} generation={generation} /> : <DownloadComparison key={selected.id} download={selected} generation={generation} />}
            </section>
          ) : (
            <Text className={styles.muted} data-testid="download-pick">
              {t("propensity.downloads.pick")}
            </Text>
          )}
        </>
      )}
      {deleting ? (
        <Dialog
          open
          modalType="alert"
          onOpenChange={(_, d) => {
            if (!d.open && !deleteRunning) setDeleting(null);
          }}
        >
          <DialogSurface data-testid="delete-download-dialog">
            <DialogBody>
              <DialogTitle>{t("propensity.downloads.deleteTitle")}</DialogTitle>
              <DialogContent>{t("propensity.downloads.deleteBody", { file: deleting.fileName, rows: deleting.rows })}</DialogContent>
              <DialogActions>
                <Button
                  appearance="primary"
                  className={styles.danger}
                  disabled={deleteRunning}
                  icon={deleteRunning ? <Spinner size="tiny" /> : undefined}
                  onClick={() => void remove(deleting)}
                  data-testid="delete-download-confirm"
                >
                  {t("propensity.delete.confirm")}
                </Button>
                <Button disabled={deleteRunning} onClick={() => setDeleting(null)} data-testid="delete-download-cancel">
                  {t("common.cancel")}
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      ) : null}
    </div>
  );
}
