import { useState } from "react";
import { Button, Dropdown, MessageBar, MessageBarBody, MessageBarTitle, Option, Spinner, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { ArrowReset20Regular, Folder20Regular, Save20Regular } from "@fluentui/react-icons";
import { commands, type IpcError } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { Section } from "../pages/Section";
import { ClusterLegendBadge } from "./ClusterBadge";
import { BANDS, CLUSTER_CODES, CLUSTER_HINTS, CLUSTER_LABELS, CLUSTER_LETTERS, clusterOf } from "./labels";
import type { PropensitySettings } from "./types";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
  },
  layout: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXXL,
    alignItems: "flex-start",
  },
  matrix: {
    display: "grid",
    gridTemplateColumns: "auto repeat(4, minmax(120px, 150px))",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
  },
  corner: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    paddingRight: tokens.spacingHorizontalS,
  },
  axis: {
    fontWeight: tokens.fontWeightSemibold,
    textAlign: "center",
    fontSize: tokens.fontSizeBase200,
  },
  rowAxis: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    textAlign: "right",
    paddingRight: tokens.spacingHorizontalS,
    whiteSpace: "nowrap",
  },
  cell: {
    padding: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusMedium,
  },
  cellA: { backgroundColor: tokens.colorPaletteGreenBackground1 },
  cellB: { backgroundColor: tokens.colorBrandBackground2 },
  cellC: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  cellD: { backgroundColor: tokens.colorNeutralBackground5 },
  duplicate: {
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}`,
  },
  dropdown: {
    minWidth: "0",
    width: "100%",
  },
  legend: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    maxWidth: "360px",
  },
  legendRow: {
    display: "flex",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalS,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  actions: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  folder: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
  },
  path: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    overflowWrap: "anywhere",
    minWidth: 0,
  },
});

const CELL_CLASS = { A: "cellA", B: "cellB", C: "cellC", D: "cellD" } as const;

/** Codes used more than once, and codes not used, in a map. */
export function mapProblems(map: readonly (readonly string[])[]): { duplicates: string[]; missing: string[] } {
  const counts = new Map<string, number>();
  for (const row of map) for (const code of row) counts.set(code, (counts.get(code) ?? 0) + 1);
  return {
    duplicates: CLUSTER_CODES.filter((code) => (counts.get(code) ?? 0) > 1),
    missing: CLUSTER_CODES.filter((code) => !counts.has(code)),
  };
}

type Notice = "saved" | "reset" | null;

/**
 * The 4×4 cluster map (fit band × intent band, SPEC §6.1): a code A1–D4 per cell, each used once
 * (the backend refuses otherwise), Reset to default; and the folder reports are saved in.
 */
export function ClusterMapTab({ settings, onChanged }: { settings: PropensitySettings; onChanged: () => void }) {
  const { t } = useI18n();
  const styles = useStyles();
  const [draft, setDraft] = useState<string[][]>(() => settings.clusterMap.map((row) => [...row]));
  const [base, setBase] = useState(settings.clusterMap);
  const [saving, setSaving] = useState<"save" | "reset" | "folder" | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [folder, setFolder] = useState(settings.reportsFolder);
  const [folderBase, setFolderBase] = useState(settings.reportsFolder);

  // The saved map changed (here, or elsewhere): start again from it.
  if (base !== settings.clusterMap) {
    setBase(settings.clusterMap);
    setDraft(settings.clusterMap.map((row) => [...row]));
  }
  if (folderBase !== settings.reportsFolder) {
    setFolderBase(settings.reportsFolder);
    setFolder(settings.reportsFolder);
  }

  const { duplicates, missing } = mapProblems(draft);
  const changed = JSON.stringify(draft) !== JSON.stringify(settings.clusterMap);
  const isDefault = JSON.stringify(settings.clusterMap) === JSON.stringify(settings.defaultClusterMap);

  function setCell(row: number, column: number, code: string) {
    setNotice(null);
    setDraft((previous) => previous.map((cells, r) => (r === row ? cells.map((c, i) => (i === column ? code : c)) : cells)));
  }

  async function save(cells: string[][], kind: "save" | "reset") {
    setSaving(kind);
    setError(null);
    setNotice(null);
    const result = await settle(commands.setClusterMap(cells));
    setSaving(null);
    if (result.status === "error") {
      setError(result.error);
      return;
    }
    setDraft(result.data.clusterMap.map((row) => [...row]));
    setNotice(kind === "reset" ? "reset" : "saved");
    onChanged();
  }

  async function chooseFolder() {
    setSaving("folder");
    setError(null);
    const result = await settle(commands.chooseReportsFolder());
    setSaving(null);
    if (result.status === "error") setError(result.error);
    else if (result.data !== null) {
      setFolder(result.data.reportsFolder);
      onChanged();
    }
  }

  return (
    <div className={styles.root}>
      <Section title={t("propensity.map.heading")} intro={t("propensity.map.intro")} testId="cluster-map">
        {error && error.code === "invalidInput" ? (
          <MessageBar intent="error" layout="multiline" data-testid="cluster-map-refused" data-error-code={error.code}>
            <MessageBarBody>
              <MessageBarTitle>{t("propensity.map.refused")}</MessageBarTitle>
              {error.message}
            </MessageBarBody>
          </MessageBar>
        ) : error ? (
          <ErrorMessageBar error={error} title={t("propensity.map.failed")} />
        ) : null}
        {notice ? (
          <MessageBar intent="success" data-testid="cluster-map-saved">
            <MessageBarBody>{notice === "reset" ? t("propensity.map.resetDone") : t("propensity.map.saved")}</MessageBarBody>
          </MessageBar>
        ) : null}
        <div className={styles.layout}>
          <div className={styles.matrix} role="table" aria-label={t("propensity.map.heading")} data-testid="cluster-matrix">
            <div role="row" style={{ display: "contents" }}>
              <div role="columnheader" className={styles.corner}>
                {t("propensity.map.corner")}
              </div>
              {BANDS.map((band) => (
                <div key={band} role="columnheader" className={styles.axis}>
                  {t(band)}
                </div>
              ))}
            </div>
            {draft.map((row, r) => (
              <div key={r} role="row" style={{ display: "contents" }}>
                <div role="rowheader" className={styles.rowAxis}>
                  {t(BANDS[r] ?? "propensity.band.veryLow")}
                </div>
                {row.map((code, c) => {
                  const letter = clusterOf(code);
                  const duplicate = duplicates.includes(code);
                  const label = t("propensity.map.cell", { fit: t(BANDS[r] ?? "propensity.band.veryLow"), intent: t(BANDS[c] ?? "propensity.band.veryLow") });
                  return (
                    <div
                      key={c}
                      role="cell"
                      className={mergeClasses(styles.cell, letter ? styles[CELL_CLASS[letter]] : undefined, duplicate ? styles.duplicate : undefined)}
                      data-duplicate={duplicate || undefined}
                    >
                      <Dropdown
                        className={styles.dropdown}
                        size="small"
                        value={letter ? `${code} · ${t(CLUSTER_LABELS[letter])}` : code}
                        selectedOptions={[code]}
                        aria-label={label}
                        onOptionSelect={(_, data) => {
                          if (data.optionValue) setCell(r, c, data.optionValue);
                        }}
                        data-testid={`cluster-cell-${r}-${c}`}
                        data-code={code}
                      >
                        {CLUSTER_CODES.map((option) => {
                          const optionLetter = clusterOf(option);
                          return (
                            <Option key={option} value={option} text={option} data-testid={`cluster-option-${option}`}>
                              {option} · {optionLetter ? t(CLUSTER_LABELS[optionLetter]) : ""}
                            </Option>
                          );
                        })}
                      </Dropdown>
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
          <div className={styles.legend}>
            <Text weight="semibold">{t("propensity.advice")}</Text>
            {CLUSTER_LETTERS.map((letter) => (
              <div key={letter} className={styles.legendRow}>
                <ClusterLegendBadge letter={letter} />
                <Text size={200} className={styles.muted}>
                  {t(CLUSTER_HINTS[letter])}
                </Text>
              </div>
            ))}
          </div>
        </div>
        {duplicates.length > 0 || missing.length > 0 ? (
          <Text size={200} className={styles.muted} data-testid="cluster-map-check" role="status">
            {t("propensity.map.check", { duplicates: duplicates.join(", ") || "—", missing: missing.join(", ") || "—" })}
          </Text>
        ) : null}
        <div className={styles.actions}>
          <Button
            appearance="primary"
            icon={saving === "save" ? <Spinner size="tiny" /> : <Save20Regular />}
            disabled={!changed || saving !== null}
            onClick={() => void save(draft, "save")}
            data-testid="cluster-map-save"
          >
            {t("propensity.map.save")}
          </Button>
          <Button
            icon={saving === "reset" ? <Spinner size="tiny" /> : <ArrowReset20Regular />}
            disabled={(isDefault && !changed) || saving !== null}
            onClick={() => void save(settings.defaultClusterMap, "reset")}
            data-testid="cluster-map-reset"
          >
            {t("propensity.map.reset")}
          </Button>
          {changed ? (
            <Button appearance="subtle" disabled={saving !== null} onClick={() => setDraft(settings.clusterMap.map((row) => [...row]))} data-testid="cluster-map-discard">
              {t("propensity.map.discard")}
            </Button>
          ) : null}
        </div>
      </Section>
      <Section title={t("propensity.folder.heading")} intro={t("propensity.folder.intro")} testId="reports-folder">
        <div className={styles.folder}>
          <Folder20Regular aria-hidden="true" />
          <span className={styles.path} data-testid="reports-folder-path">
            {folder}
          </span>
          <Button
            icon={saving === "folder" ? <Spinner size="tiny" /> : undefined}
            disabled={saving !== null}
            onClick={() => void chooseFolder()}
            data-testid="reports-folder-change"
          >
            {t("propensity.folder.change")}
          </Button>
        </div>
      </Section>
    </div>
  );
}
