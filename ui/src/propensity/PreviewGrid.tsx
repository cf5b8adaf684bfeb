import { useRef } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useI18n } from "../i18n/I18nContext";
import { ClusterBadge } from "./ClusterBadge";
import { clusterOf } from "./labels";
import type { ReportPreview } from "./types";

const ROW_HEIGHT = 36;
const OVERSCAN = 10;

const useStyles = makeStyles({
  scroller: {
    overflow: "auto",
    maxHeight: "min(520px, 60vh)",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
  table: {
    borderCollapse: "separate",
    borderSpacing: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    minWidth: "100%",
  },
  head: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    height: `${ROW_HEIGHT}px`,
    padding: `0 ${tokens.spacingHorizontalM}`,
    textAlign: "left",
    whiteSpace: "nowrap",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  rowNumber: {
    position: "sticky",
    left: 0,
    zIndex: 2,
    minWidth: "48px",
    textAlign: "right",
    color: tokens.colorNeutralForeground3,
    backgroundColor: tokens.colorNeutralBackground3,
    fontVariantNumeric: "tabular-nums",
  },
  cell: {
    height: `${ROW_HEIGHT}px`,
    boxSizing: "border-box",
    padding: `0 ${tokens.spacingHorizontalM}`,
    whiteSpace: "nowrap",
    maxWidth: "360px",
    overflow: "hidden",
    textOverflow: "ellipsis",
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    color: tokens.colorNeutralForeground1,
  },
  numberCell: {
    position: "sticky",
    left: 0,
    zIndex: 0,
    textAlign: "right",
    color: tokens.colorNeutralForeground3,
    backgroundColor: tokens.colorNeutralBackground2,
    fontVariantNumeric: "tabular-nums",
  },
  spacer: {
    padding: 0,
    border: "none",
  },
  hinted: {
    fontStyle: "italic",
  },
});

/** Whether a column holds cluster codes (AzureCluster, M365Cluster, …). */
const isClusterColumn = (name: string) => /cluster$/i.test(name.trim());

interface CellGridProps {
  columns: readonly string[];
  rows: readonly (readonly string[])[];
  /** Which columns hold cluster codes (shown as badges). */
  clusterColumns: readonly boolean[];
  /** The number shown at each row's start; the row's position (from 1) when absent. */
  rowNumbers?: readonly number[];
  /** A hint per column (its header's title), e.g. that the report does not document it. */
  columnHints?: readonly (string | null)[];
  label: string;
  /** `preview` gives preview-grid, preview-column and preview-row. */
  testId: string;
}

/**
 * Rows of cells as a grid: only the rows in view are in the DOM, the header sticks to the top
 * and the row numbers to the left, and it scrolls both ways inside its frame. Cluster cells are
 * badges in their cluster's colour.
 */
export function CellGrid({ columns, rows, clusterColumns, rowNumbers, columnHints, label, testId }: CellGridProps) {
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's values are read during render only
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    initialRect: { width: 1000, height: 520 },
  });
  const items = virtualizer.getVirtualItems();
  const before = items.length > 0 ? (items[0]?.start ?? 0) : 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const span = columns.length + 1;
  return (
    <div ref={scroller} className={styles.scroller} tabIndex={0} role="region" aria-label={label} data-testid={`${testId}-grid`}>
      <table className={styles.table} aria-rowcount={rows.length + 1}>
        <thead>
          <tr>
            <th scope="col" className={`${styles.head} ${styles.rowNumber}`}>
              #
            </th>
            {columns.map((column, c) => {
              const hint = columnHints?.[c] ?? null;
              return (
                <th key={`${c}:${column}`} scope="col" className={hint ? `${styles.head} ${styles.hinted}` : styles.head} title={hint ?? undefined} data-testid={`${testId}-column`}>
                  {column}
                  {hint ? <span aria-hidden="true">*</span> : null}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody data-cells>
          {before > 0 ? (
            <tr aria-hidden="true">
              <td className={styles.spacer} colSpan={span} style={{ height: before }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index] ?? [];
            return (
              <tr key={item.index} aria-rowindex={item.index + 2} data-testid={`${testId}-row`} data-index={item.index}>
                <td className={`${styles.cell} ${styles.numberCell}`}>{rowNumbers?.[item.index] ?? item.index + 1}</td>
                {columns.map((column, c) => {
                  const value = row[c] ?? "";
                  return (
                    <td key={`${c}:${column}`} className={styles.cell} title={value.length > 40 ? value : undefined}>
                      {clusterColumns[c] && clusterOf(value) ? <ClusterBadge code={value} /> : value}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          {after > 0 ? (
            <tr aria-hidden="true">
              <td className={styles.spacer} colSpan={span} style={{ height: after }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

/** The preview's first rows (SPEC §6.3) as a grid. */
export function PreviewGrid({ preview }: { preview: ReportPreview }) {
  const { t } = useI18n();
  return <CellGrid columns={preview.columns} rows={preview.rows} clusterColumns={preview.columns.map(isClusterColumn)} label={t("propensity.preview.gridLabel")} testId="preview" />;
}
