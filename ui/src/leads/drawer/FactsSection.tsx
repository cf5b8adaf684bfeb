import type { ReactNode } from "react";
import { Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { LeadDetail_Serialize as LeadDetail } from "../../bindings";
import { useFormat } from "../../format/useFormat";
import type { LocaleFormat } from "../../format/locale";
import { useI18n, type Translate } from "../../i18n/I18nContext";
import { CLASSIFICATION_LABELS, CLOSE_REASON_LABELS, CTA_LABELS, SOURCE_LABELS, TYPE_LABELS } from "../labels";
import { DrawerSection } from "./DrawerSection";

const useStyles = makeStyles({
  facts: {
    display: "grid",
    gridTemplateColumns: "repeat(2, minmax(0, 1fr))",
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    margin: 0,
  },
  fact: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  wide: {
    gridColumn: "1 / -1",
  },
  term: {
    color: tokens.colorNeutralForeground3,
  },
  value: {
    margin: 0,
    overflowWrap: "anywhere",
    fontVariantNumeric: "tabular-nums",
    whiteSpace: "pre-line",
  },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
  },
});

/** A fact: id (for tests), term, value; `wide` takes the whole row. */
export type Fact = [id: string, term: string, value: ReactNode, wide?: boolean];

/** Terms and values as a two-column description list. */
export function FactList({ facts, testId }: { facts: readonly Fact[]; testId: string }) {
  const styles = useStyles();
  return (
    <dl className={styles.facts} data-testid={testId}>
      {facts.map(([id, term, value, wide]) => (
        <div key={id} className={mergeClasses(styles.fact, wide ? styles.wide : undefined)} data-testid={`lead-fact-${id}`}>
          <dt className={styles.term}>
            <Text size={200}>{term}</Text>
          </dt>
          <dd className={styles.value}>
            <Text>{value}</Text>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A company size band of the Referrals API ("10to50employees") in words. */
export function companySizeText(t: Translate, format: LocaleFormat, band: string): string {
  const range = /^(\d+)to(\d+)employees$/i.exec(band);
  if (range) return t("leads.size.range", { from: format.number(Number(range[1])), to: format.number(Number(range[2])) });
  const more = /^morethan(\d+)employees$/i.exec(band);
  if (more) return t("leads.size.moreThan", { count: Number(more[1]) });
  return band;
}

/** A Partner Center close reason code in the user's language (other text as it is). */
export function closeReasonText(t: Translate, reason: string): string {
  const key = CLOSE_REASON_LABELS[reason as keyof typeof CLOSE_REASON_LABELS] as (typeof CLOSE_REASON_LABELS)[keyof typeof CLOSE_REASON_LABELS] | undefined;
  return key ? t(key) : reason;
}

/** What the lead is: type, classification, source, call to action, offer, where, who, when. */
export function FactsSection({ detail }: { detail: LeadDetail }) {
  const { t } = useI18n();
  const format = useFormat();
  const row = detail.row;
  const where = [detail.city, row.country ? format.region(row.country) : ""].filter(Boolean).join(", ");
  const facts: Fact[] = [
    ["type", t("leads.detail.type"), t(TYPE_LABELS[row.leadType])],
    ["classification", t("leads.detail.classification"), t(CLASSIFICATION_LABELS[row.classification])],
    ["source", t("leads.detail.source"), t(SOURCE_LABELS[row.source])],
    ["callToAction", t("leads.detail.callToAction"), row.callToAction ? t(CTA_LABELS[row.callToAction]) : "–"],
    ["offer", row.leadType === "Profile" ? t("leads.detail.profile") : t("leads.detail.offer"), row.offerName, true],
    ["where", t("leads.detail.where"), where || "–"],
    ["industry", t("leads.detail.industry"), row.industry || "–"],
    ["size", t("leads.detail.companySize"), detail.companySize ? companySizeText(t, format, detail.companySize) : "–"],
    ["engagement", t("leads.detail.engagementId"), detail.engagementId ?? "–"],
    ["created", t("leads.detail.created"), format.dateTime(row.createdAt)],
    ["updated", t("leads.detail.updated"), format.dateTime(row.updatedAt)],
  ];
  if (row.deadline) {
    facts.push(["deadline", detail.informational ? t("leads.detail.archivedOn") : t("leads.detail.deadline"), format.dateTime(row.deadline)]);
  }
  if (detail.statusReason) facts.push(["reason", t("leads.detail.reason"), closeReasonText(t, detail.statusReason), true]);
  return (
    <DrawerSection title={t("leads.detail.facts")} testId="lead-facts">
      <FactList facts={facts} testId="lead-fact-list" />
    </DrawerSection>
  );
}

/** The deal the partner reported: name, value, purchase date, team, notes, IDs and more contacts. */
export function DealSection({ detail }: { detail: LeadDetail }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const row = detail.row;
  const deal = detail.deal;
  const value = row.dealValue === null ? "–" : row.currency ? format.money(row.dealValue, row.currency) : format.number(row.dealValue);
  const facts: Fact[] = [
    ["dealName", t("leads.form.dealName"), deal.name ?? "–", true],
    ["value", t("leads.detail.value"), value],
    ["close", t("leads.form.estimatedClose"), deal.estimatedClose ? format.date(deal.estimatedClose) : "–"],
    ["team", t("leads.form.teamMembers"), deal.teamMembers.length > 0 ? deal.teamMembers.join(", ") : "–", true],
  ];
  if (deal.notes) facts.push(["notes", t("leads.form.notes"), deal.notes, true]);
  if (deal.marketingCampaignId) facts.push(["campaign", t("leads.form.campaignId"), deal.marketingCampaignId]);
  if (deal.crmId) facts.push(["crm", t("leads.form.crmId"), deal.crmId]);
  if (deal.moreContacts.length > 0) {
    facts.push([
      "contacts",
      t("leads.form.moreContacts"),
      <ul className={styles.list}>
        {deal.moreContacts.map((c, i) => (
          <li key={i}>{[`${c.firstName} ${c.lastName}`.trim(), c.email, c.phone].filter(Boolean).join(" · ")}</li>
        ))}
      </ul>,
      true,
    ]);
  }
  return (
    <DrawerSection title={t("leads.detail.deal")} testId="lead-deal">
      <FactList facts={facts} testId="lead-deal-list" />
    </DrawerSection>
  );
}
