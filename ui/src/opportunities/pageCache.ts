import type { IpcError } from "../bindings";
import type { Result } from "../ipc/settle";
import { PAGE_SIZE } from "./query";

/** One window of a list as the backend answers it. */
export interface ListWindow<Row> {
  /** Rows matching the query. */
  total: number;
  /** Rows of the list before its filters and search, when the backend says (leads do). */
  unfiltered?: number;
  rows: readonly Row[];
}

/** Loads the rows [offset, offset + limit) of the current source. */
export type FetchWindow<Row> = (offset: number, limit: number) => Promise<Result<ListWindow<Row>>>;

export interface PagesSnapshot<Row> {
  /** Rows matching the shown data's query; null before the first answer. */
  total: number | null;
  /** Rows before filters and search, when the source tells; null otherwise. */
  unfiltered: number | null;
  /** Loaded windows by page number (row index / PAGE_SIZE). */
  pages: ReadonlyMap<number, readonly Row[]>;
  /** The shown pages belong to the previous source while the new one loads. */
  stale: boolean;
  /** The last failure of the current source. */
  error: IpcError | null;
}

/** Pages kept in memory; the ones farthest from the viewport go first. */
const MAX_PAGES = 30;

/**
 * The table's rows, fetched one window (PAGE_SIZE rows) at a time as the viewport needs them.
 * A new source (another query, or a reload) keeps showing the previous rows until its first
 * window arrives, so typing in the search box does not blank the table. Answers for an old
 * source are dropped. Read from React with useSyncExternalStore. `keyOf` names a row, so that
 * one can be replaced where it is loaded (patch).
 */
export class PageCache<Row> {
  private sourceKey: string | null = null;
  private viewKey: string | null = null;
  private fetchWindow: FetchWindow<Row> | null = null;
  private pagesKey: string | null = null;
  private pages = new Map<number, readonly Row[]>();
  private total: number | null = null;
  private unfiltered: number | null = null;
  private error: IpcError | null = null;
  private inflight = new Set<number>();
  private first = 0;
  private last = PAGE_SIZE - 1;
  private listeners = new Set<() => void>();
  private snapshot: PagesSnapshot<Row> = { total: null, unfiltered: null, pages: this.pages, stale: false, error: null };

  constructor(private readonly keyOf: (row: Row) => string) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PagesSnapshot<Row> => this.snapshot;

  /**
   * Switches to a source. `viewKey` names the query without its generation: when it changes the
   * viewport goes back to the first rows; when only the generation changes (a reload) the rows
   * in view are fetched again where they are.
   */
  setSource(sourceKey: string, viewKey: string, fetchWindow: FetchWindow<Row>): void {
    if (sourceKey === this.sourceKey) return;
    this.sourceKey = sourceKey;
    this.fetchWindow = fetchWindow;
    this.inflight = new Set();
    this.error = null;
    if (viewKey !== this.viewKey) {
      this.viewKey = viewKey;
      this.first = 0;
      this.last = PAGE_SIZE - 1;
    }
    this.publish();
    this.ensure(this.first, this.last);
  }

  /**
   * Makes sure the rows first…last (inclusive) are loaded or on their way. After a failure
   * nothing more is fetched for this source until retry() (or another source): a failing
   * backend is not asked again at every render.
   */
  ensure(first: number, last: number): void {
    this.first = Math.max(0, first);
    this.last = Math.max(this.first, last);
    if (this.error !== null) return;
    const current = this.pagesKey === this.sourceKey;
    const lastPage = Math.floor(this.last / PAGE_SIZE);
    for (let page = Math.floor(this.first / PAGE_SIZE); page <= lastPage; page += 1) {
      if (page > 0 && current && this.total !== null && page * PAGE_SIZE >= this.total) break;
      if (current && this.pages.has(page)) continue;
      if (this.inflight.has(page)) continue;
      this.load(page);
    }
  }

  /** Replaces a row (same key) wherever it is loaded, e.g. after feedback. */
  patch(row: Row): void {
    const key = this.keyOf(row);
    let changed = false;
    for (const [page, rows] of this.pages) {
      const at = rows.findIndex((r) => this.keyOf(r) === key);
      if (at >= 0) {
        this.pages.set(page, rows.map((r, i) => (i === at ? row : r)));
        changed = true;
      }
    }
    if (changed) this.publish();
  }

  /** Tries the rows in view again after a failure. */
  retry(): void {
    this.error = null;
    this.publish();
    this.ensure(this.first, this.last);
  }

  private load(page: number): void {
    const key = this.sourceKey;
    const fetchWindow = this.fetchWindow;
    if (key === null || fetchWindow === null) return;
    this.inflight.add(page);
    void fetchWindow(page * PAGE_SIZE, PAGE_SIZE).then((result) => {
      if (key !== this.sourceKey) return;
      this.inflight.delete(page);
      if (result.status === "error") {
        this.error = result.error;
        this.publish();
        return;
      }
      if (this.pagesKey !== key) {
        this.pages = new Map();
        this.pagesKey = key;
      }
      this.pages.set(page, result.data.rows);
      this.total = result.data.total;
      this.unfiltered = result.data.unfiltered ?? null;
      this.error = null;
      this.evictFarFrom(page);
      this.publish();
    });
  }

  private evictFarFrom(page: number): void {
    if (this.pages.size <= MAX_PAGES) return;
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
    for (const far of byDistance.slice(0, this.pages.size - MAX_PAGES)) this.pages.delete(far);
  }

  private publish(): void {
    this.snapshot = {
      total: this.total,
      unfiltered: this.unfiltered,
      pages: new Map(this.pages),
      stale: this.pagesKey !== this.sourceKey,
      error: this.error,
    };
    for (const listener of this.listeners) listener();
  }
}

/** The row at `index` of a snapshot, if its window is loaded. */
export function rowAt<Row>(snapshot: PagesSnapshot<Row>, index: number): Row | undefined {
  return snapshot.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
}
