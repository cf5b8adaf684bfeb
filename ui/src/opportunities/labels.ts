import type {
  ModelMethod,
  OpportunitySort,
  OpportunityTab,
  OpportunityType,
  ProbabilityStatus,
  ResourceKind,
  Trend,
} from "../bindings";
import type { MessageKey } from "../i18n/en";

/** Message keys of the contract's enumerations. */

export const TYPE_LABELS: Readonly<Record<OpportunityType, MessageKey>> = {
  acquisition: "opp.type.acquisition",
  retention: "opp.type.retention",
  growth: "opp.type.growth",
};

export const TAB_LABELS: Readonly<Record<OpportunityTab, MessageKey>> = {
  all: "opp.tab.all",
  acquisition: "opp.type.acquisition",
  retention: "opp.type.retention",
  growth: "opp.type.growth",
};

export const STATUS_LABELS: Readonly<Record<ProbabilityStatus, MessageKey>> = {
  high: "opp.status.high",
  medium: "opp.status.medium",
  low: "opp.status.low",
};

export const METHOD_LABELS: Readonly<Record<ModelMethod, MessageKey>> = {
  machineLearning: "opp.method.machineLearning",
  decisionTree: "opp.method.decisionTree",
  businessRule: "opp.method.businessRule",
};

export const SORT_LABELS: Readonly<Record<OpportunitySort, MessageKey>> = {
  customer: "opp.col.customer",
  recommendation: "opp.col.recommendation",
  probability: "opp.col.probability",
  type: "opp.col.type",
  seats: "opp.col.seats",
  dateAdded: "opp.col.dateAdded",
  feedback: "opp.col.feedback",
};

export const RESOURCE_LABELS: Readonly<Record<ResourceKind, MessageKey>> = {
  playbook: "opp.resources.kind.playbook",
  demoScript: "opp.resources.kind.demoScript",
  cheatSheet: "opp.resources.kind.cheatSheet",
  emailTemplate: "opp.resources.kind.emailTemplate",
};

export const TREND_LABELS: Readonly<Record<Trend, MessageKey>> = {
  positive: "opp.usage.trend.positive",
  negative: "opp.usage.trend.negative",
  noChange: "opp.usage.trend.noChange",
};

/** The workloads of the usage chart's filter, in Lighthouse's order (FORMATS §3). */
export const WORKLOADS: ReadonlyArray<{ key: string; label: MessageKey }> = [
  { key: "exchange", label: "opp.usage.workload.exchange" },
  { key: "coreApps", label: "opp.usage.workload.coreApps" },
  { key: "teams", label: "opp.usage.workload.teams" },
  { key: "sharePoint", label: "opp.usage.workload.sharePoint" },
  { key: "oneDrive", label: "opp.usage.workload.oneDrive" },
];

/** Feedback reasons, stored by key (the contract's example is "alreadyInProgress"). */
export const NOT_HELPFUL_REASONS = ["alreadyInProgress", "notRelevant", "wrongProduct", "customerNotReady", "other"] as const;
export const HELPFUL_REASONS = ["goodTiming", "matchesNeed", "other"] as const;

export const REASON_LABELS: Readonly<Record<string, MessageKey>> = {
  alreadyInProgress: "opp.feedback.reason.alreadyInProgress",
  notRelevant: "opp.feedback.reason.notRelevant",
  wrongProduct: "opp.feedback.reason.wrongProduct",
  customerNotReady: "opp.feedback.reason.customerNotReady",
  goodTiming: "opp.feedback.reason.goodTiming",
  matchesNeed: "opp.feedback.reason.matchesNeed",
  other: "opp.feedback.reason.other",
};

/** Subscription statuses as the backend words them (SubscriptionLine.status). */
export const SUBSCRIPTION_STATUS_LABELS: Readonly<Record<string, MessageKey>> = {
  active: "opp.subscriptions.status.active",
  trial: "opp.subscriptions.status.trial",
  suspended: "opp.subscriptions.status.suspended",
  expired: "opp.subscriptions.status.expired",
  deleted: "opp.subscriptions.status.deleted",
};

export const CHANNEL_LABELS: Readonly<Record<string, MessageKey>> = {
  partner: "opp.subscriptions.channel.partner",
  microsoft: "opp.subscriptions.channel.microsoft",
};
