import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { FilterDismiss20Regular, SearchInfo24Regular } from "@fluentui/react-icons";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { LeadRow_Serialize as LeadRow, LeadSort } from "../bindings";
import { useI18n } from "../i18n/I18nContext";
import { rowAt, type PagesSnapshot } from "../opportunities/pageCache";
import { useScrollParent } from "../opportunities/useScrollParent";
import { COMPACT_BELOW_PX, LEAD_ROW_HEIGHT, leadColumns } from "./columns";
import { SORT_LABELS } from "./labels";
import { LeadTableRow, type LeadRowHandlers } from "./LeadTableRow";
import type { LeadView } from "./query";

const useStyles = makeStyles({
  frame: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  table: {
    tableLayout: "fixed",
    width: "100%",
    minWidth: "880px",
  },
  header: {
    position: "sticky",
    top: 0,
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: `0 ${tokens.strokeWidthThin} 0 ${tokens.colorNeutralStroke2}`,
  },
  headerCell: {
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalXS,
    "& button": {
      paddingLeft: 0,
      paddingRight: 0,
    },
  },
  nowrap: {
    whiteSpace: "nowrap",
  },
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
  },
  spacer: {
    padding: 0,
    border: "none",
  },
  message: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalL}`,
    color: tokens.colorNeutralForeground3,
    textAlign: "center",
  },
  stale: {
    opacity: 0.6,
    transitionProperty: "opacity",
    transitionDuration: tokens.durationNormal,
    transitionDelay: "150ms",
  },
});

interface LeadTableProps extends Omit<LeadRowHandlers, "onRowKeyDown" | "onRowFocus"> {
  snapshot: PagesSnapshot<LeadRow>;
  ensure: (first: number, last: number) => void;
  view: LeadView;
  onSort: (sort: LeadSort) => void;
  filtered: boolean;
  onClearFilters: () => void;
}

/** Rows rendered above and below the viewport. */
const OVERSCAN = 12;
/** Placeholder rows before the first answer. */
const SKELETON_ROWS = 8;

/**
 * The leads table (SPEC §4), windowed like the opportunities table: only the rows in and near the
 * viewport are in the DOM and only their windows are fetched. It scrolls with the page, under a
 * sticky header; clicking a header sorts in Rust. Arrow keys, Page Up/Down, Home and End move
 * between rows; Enter opens the lead.
 */
export function LeadTable({ snapshot, ensure, view, onSort, filtered, onClearFilters, onOpen, onToggleFavourite }: LeadTableProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const hintId = useId();
  const [scrollParentRef, scrollElement] = useScrollParent();
  const [frame, setFrame] = useState<HTMLDivElement | null>(null);
  const frameRef = useCallback(
    (node: HTMLDivElement | null) => {
      scrollParentRef(node);
      setFrame(node);
    },
    [scrollParentRef],
  );
  const [compact, setCompact] = useState(true);
  const columns = leadColumns(compact);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const headerRef = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const [headerHeight, setHeaderHeight] = useState(44);
  const viewKey = JSON.stringify(view);
  const [activeIn, setActiveIn] = useState({ viewKey, index: 0 });
  const active = activeIn.viewKey === viewKey ? activeIn.index : 0;
  const setActive = useCallback((index: number) => setActiveIn({ viewKey, index }), [viewKey]);
  const focusTarget = useRef<number | null>(null);

  const loading = snapshot.total === null;
  const count = loading ? SKELETON_ROWS : snapshot.total ?? 0;

  useLayoutEffect(() => {
    const body = bodyRef.current;
    const header = headerRef.current;
    if (!scrollElement || !body || !header) return;
    const measure = () => {
      const offset = body.getBoundingClientRect().top - scrollElement.getBoundingClientRect().top + scrollElement.scrollTop;
      setScrollMargin((previous) => (Math.abs(previous - offset) < 0.5 ? previous : offset));
      setHeaderHeight(header.getBoundingClientRect().height);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(scrollElement);
    for (const child of scrollElement.children) observer.observe(child);
    return () => observer.disconnect();
  }, [scrollElement]);

  // A narrow table shows the validity verdicts as icons, a wide one in words.
  useLayoutEffect(() => {
    if (!frame) return;
    const observer = new ResizeObserver(() => setCompact(frame.getBoundingClientRect().width < COMPACT_BELOW_PX));
    observer.observe(frame);
    return () => observer.disconnect();
  }, [frame]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's values are read during render only
  const virtualizer = useVirtualizer<HTMLElement, HTMLTableRowElement>({
    count,
    getScrollElement: () => scrollElement,
    estimateSize: () => LEAD_ROW_HEIGHT,
    overscan: OVERSCAN,
    scrollMargin,
    scrollPaddingStart: headerHeight,
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (!loading) ensure(firstIndex, lastIndex);
  }, [ensure, firstIndex, lastIndex, loading, snapshot]);

  // Another query starts at its first row: bring the top of the table back into view.
  const shownViewKey = useRef(viewKey);
  useEffect(() => {
    if (shownViewKey.current === viewKey) return;
    shownViewKey.current = viewKey;
    if (scrollElement && scrollElement.scrollTop > scrollMargin - headerHeight) {
      scrollElement.scrollTop = Math.max(0, scrollMargin - headerHeight - 8);
    }
  }, [viewKey, scrollElement, scrollMargin, headerHeight]);

  useLayoutEffect(() => {
    const target = focusTarget.current;
    if (target === null) return;
    const element = bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${target}"]`);
    if (element) {
      focusTarget.current = null;
      element.focus();
    }
  });

  const total = snapshot.total ?? 0;
  const onRowKeyDown = useCallback(
    (index: number, event: KeyboardEvent<HTMLTableRowElement>) => {
      const page = Math.max(1, Math.floor(((scrollElement?.clientHeight ?? 600) - headerHeight) / LEAD_ROW_HEIGHT) - 1);
      let next: number | null = null;
      switch (event.key) {
        case "ArrowDown":
          next = index + 1;
          break;
        case "ArrowUp":
          next = index - 1;
          break;
        case "PageDown":
          next = index + page;
          break;
        case "PageUp":
          next = index - page;
          break;
        case "Home":
          next = 0;
          break;
        case "End":
          next = total - 1;
          break;
        case "Enter":
        case " ": {
          event.preventDefault();
          const row = rowAt(snapshot, index);
          if (row) onOpen(row);
          return;
        }
        default:
          return;
      }
      event.preventDefault();
      const clamped = Math.min(Math.max(next, 0), Math.max(total - 1, 0));
      setActive(clamped);
      focusTarget.current = clamped;
      virtualizer.scrollToIndex(clamped, { align: "auto" });
    },
    [headerHeight, onOpen, scrollElement, setActive, snapshot, total, virtualizer],
  );
  const onRowFocus = setActive;

  const renderedIndexes = items.map((item) => item.index);
  const tabbable = renderedIndexes.includes(active) ? active : (renderedIndexes[0] ?? 0);
  const paddingTop = items.length > 0 ? (items[0]?.start ?? 0) - scrollMargin : 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - ((items[items.length - 1]?.end ?? 0) - scrollMargin) : 0;
  const empty = !loading && total === 0;

  return (
    <div ref={frameRef} className={styles.frame}>
      <span id={hintId} className={styles.hidden}>
        {t("leads.table.rowHint")}
      </span>
      <Table
        sortable
        size="medium"
        aria-label={t("leads.table.label")}
        aria-rowcount={total + 1}
        aria-busy={loading || snapshot.stale}
        className={styles.table}
        data-testid="lead-table"
        data-total={loading ? undefined : total}
      >
        <colgroup>
          {columns.map((column) => (
            <col key={column.id} style={{ width: column.width }} />
          ))}
        </colgroup>
        <TableHeader ref={headerRef} className={styles.header}>
          <TableRow aria-rowindex={1}>
            {columns.map((column) =>
              column.id === "marker" ? (
                <TableHeaderCell key={column.id} sortable={false} className={styles.headerCell}>
                  <span className={styles.hidden}>{t("leads.col.marker")}</span>
                </TableHeaderCell>
              ) : (
                <TableHeaderCell
                  key={column.id}
                  className={styles.headerCell}
                  sortDirection={view.sort === column.id ? (view.descending ? "descending" : "ascending") : undefined}
                  onClick={() => onSort(column.id as LeadSort)}
                  data-testid={`lead-sort-${column.id}`}
                >
                  {compact && (column.id === "emailValidity" || column.id === "phoneValidity") ? (
                    <span className={styles.nowrap} title={t(SORT_LABELS[column.id])}>{t(column.id === "emailValidity" ? "leads.col.emailShort" : "leads.col.phoneShort")}</span>
                  ) : (
                    t(SORT_LABELS[column.id])
                  )}
                </TableHeaderCell>
              ),
            )}
          </TableRow>
        </TableHeader>
        <TableBody ref={bodyRef} className={snapshot.stale ? styles.stale : undefined}>
          {empty ? (
            <TableRow>
              <TableCell colSpan={columns.length}>
                <div className={styles.message} data-testid="lead-table-empty">
                  <SearchInfo24Regular aria-hidden="true" />
                  <Text>
                    {filtered ? t("leads.table.noResults") : view.section === "favourites" ? t("leads.table.noFavourites") : t("leads.table.noRows")}
                  </Text>
                  {filtered ? (
                    <Button icon={<FilterDismiss20Regular />} onClick={onClearFilters}>
                      {t("leads.filters.clearAll")}
                    </Button>
                  ) : null}
                </div>
              </TableCell>
            </TableRow>
          ) : (
            <>
              {paddingTop > 0 ? (
                <tr aria-hidden="true">
                  <td colSpan={columns.length} className={styles.spacer} style={{ height: paddingTop }} />
                </tr>
              ) : null}
              {items.map((item) => (
                <LeadTableRow
                  key={item.index}
                  columns={columns}
                  compact={compact}
                  index={item.index}
                  row={loading ? undefined : rowAt(snapshot, item.index)}
                  tabbable={item.index === tabbable}
                  hintId={hintId}
                  onOpen={onOpen}
                  onToggleFavourite={onToggleFavourite}
                  onRowKeyDown={onRowKeyDown}
                  onRowFocus={onRowFocus}
                />
              ))}
              {paddingBottom > 0 ? (
                <tr aria-hidden="true">
                  <td colSpan={columns.length} className={styles.spacer} style={{ height: paddingBottom }} />
                </tr>
              ) : null}
            </>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
