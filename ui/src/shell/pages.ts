import {
  ArrowSync20Filled,
  ArrowSync20Regular,
  ArrowTrendingLines20Filled,
  ArrowTrendingLines20Regular,
  Database20Filled,
  Database20Regular,
  DocumentData20Filled,
  DocumentData20Regular,
  Gauge20Filled,
  Gauge20Regular,
  People20Filled,
  People20Regular,
  Settings20Filled,
  Settings20Regular,
  bundleIcon,
  type FluentIcon,
} from "@fluentui/react-icons";
import type { MessageKey } from "../i18n/en";

/** The pages, in navigation order. The id is also the suffix of the test hooks. */
export const PAGE_IDS = ["opportunities", "leads", "lead-scoring", "propensity", "sync", "data", "settings"] as const;
export type PageId = (typeof PAGE_IDS)[number];

export interface PageEntry {
  id: PageId;
  label: MessageKey;
  icon: FluentIcon;
  /** Starts a new group in the navigation (after the capabilities come the workspace pages). */
  groupStart?: boolean;
}

export const PAGES: readonly PageEntry[] = [
  { id: "opportunities", label: "nav.opportunities", icon: bundleIcon(ArrowTrendingLines20Filled, ArrowTrendingLines20Regular) },
  { id: "leads", label: "nav.leads", icon: bundleIcon(People20Filled, People20Regular) },
  { id: "lead-scoring", label: "nav.leadScoring", icon: bundleIcon(Gauge20Filled, Gauge20Regular) },
  { id: "propensity", label: "nav.propensity", icon: bundleIcon(DocumentData20Filled, DocumentData20Regular) },
  { id: "sync", label: "nav.sync", icon: bundleIcon(ArrowSync20Filled, ArrowSync20Regular), groupStart: true },
  { id: "data", label: "nav.data", icon: bundleIcon(Database20Filled, Database20Regular) },
  { id: "settings", label: "nav.settings", icon: bundleIcon(Settings20Filled, Settings20Regular) },
];

export function isPageId(value: string): value is PageId {
  return (PAGE_IDS as readonly string[]).includes(value);
}
