import { Badge, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowRight12Regular } from "@fluentui/react-icons";
import type { LeadHistoryEntry_Serialize as LeadHistoryEntry } from "../../bindings";
import { useFormat } from "../../format/useFormat";
import type { LocaleFormat } from "../../format/locale";
import { useI18n, type Translate } from "../../i18n/I18nContext";
import { ACTOR_LABELS, FIELD_LABELS, SUBSTATUS_LABELS } from "../labels";
import { DrawerSection } from "./DrawerSection";
import { closeReasonText, companySizeText } from "./FactsSection";

const useStyles = makeStyles({
  timeline: {
    margin: 0,
    padding: 0,
    listStyle: "none",
    display: "flex",
    flexDirection: "column",
  },
  entry: {
    position: "relative",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalXL,
    paddingBottom: tokens.spacingVerticalM,
    // The line between the dots.
    "::before": {
      content: '""',
      position: "absolute",
      left: "5px",
      top: "14px",
      bottom: 0,
      width: tokens.strokeWidthThin,
      backgroundColor: tokens.colorNeutralStroke2,
    },
    ":last-child::before": {
      display: "none",
    },
    // The dot.
    "::after": {
      content: '""',
      position: "absolute",
      left: 0,
      top: "5px",
      width: "11px",
      height: "11px",
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorBrandBackground,
    },
  },
  head: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  time: {
    color: tokens.colorNeutralForeground3,
    fontVariantNumeric: "tabular-nums",
  },
  change: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
  },
  note: {
    color: tokens.colorNeutralForeground2,
    overflowWrap: "anywhere",
  },
  fields: {
    display: "grid",
    gridTemplateColumns: "auto minmax(0, 1fr)",
    gap: `0 ${tokens.spacingHorizontalS}`,
    margin: 0,
  },
  group: {
    display: "contents",
  },
  fieldTerm: {
    color: tokens.colorNeutralForeground3,
  },
  fieldValue: {
    margin: 0,
    overflowWrap: "anywhere",
  },
});

/** A recorded form value, in the user's language where it is a number, date or reason code. */
function fieldValue(t: Translate, format: LocaleFormat, field: string, value: string): string {
  switch (field) {
    case "estimatedValue":
    case "finalValue": {
      const n = Number(value);
      return Number.isFinite(n) && value.trim() !== "" ? format.number(n) : value;
    }
    case "estimatedClose":
      return format.date(value);
    case "reason":
      return closeReasonText(t, value);
    case "industry":
      return value.trim() === "" ? t("leads.customer.notGiven") : value;
    case "companySize":
      return value.trim() === "" ? t("leads.customer.sizeNotGiven") : companySizeText(t, format, value);
    default:
      return value;
  }
}

/** The lead's history, oldest first: when, from which status to which, who, the note and the fields set. */
export function HistorySection({ history }: { history: readonly LeadHistoryEntry[] }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  return (
    <DrawerSection title={t("leads.detail.history")} testId="lead-history">
      {history.length === 0 ? (
        <Text className={styles.note}>{t("leads.history.none")}</Text>
      ) : (
        <ol className={styles.timeline}>
          {history.map((entry, index) => {
            // The note repeats a field (the deal name of an accept, the notes of a close): show it once.
            const fields = entry.fields.filter(([, value]) => value !== entry.note);
            return (
              <li key={index} className={styles.entry} data-testid="history-entry">
                <div className={styles.head}>
                  <Text size={200} className={styles.time}>
                    {format.dateTime(entry.at)}
                  </Text>
                  <Text weight="semibold" className={styles.change} data-testid="history-change">
                    {entry.from === entry.to && entry.fields.some(([field]) => field === "industry" || field === "companySize") ? (
                      t("leads.history.customerEdited")
                    ) : entry.from ? (
                      <>
                        {t(SUBSTATUS_LABELS[entry.from])}
                        <ArrowRight12Regular aria-label={t("leads.history.to")} />
                        {t(SUBSTATUS_LABELS[entry.to])}
                      </>
                    ) : (
                      t("leads.history.arrived", { status: t(SUBSTATUS_LABELS[entry.to]) })
                    )}
                  </Text>
                  <Badge appearance="outline" shape="rounded" color="informative" size="small">
                    {t(ACTOR_LABELS[entry.actor])}
                  </Badge>
                </div>
                {entry.note ? (
                  <Text size={200} className={styles.note} data-testid="history-note">
                    {closeReasonText(t, entry.note)}
                  </Text>
                ) : null}
                {fields.length > 0 ? (
                  <dl className={styles.fields} data-testid="history-fields">
                    {fields.map(([field, value]) => {
                      const label = FIELD_LABELS[field];
                      return (
                        <div key={field} className={styles.group}>
                          <dt className={styles.fieldTerm}>
                            <Text size={200}>{label ? t(label) : field}</Text>
                          </dt>
                          <dd className={styles.fieldValue}>
                            <Text size={200}>{fieldValue(t, format, field, value)}</Text>
                          </dd>
                        </div>
                      );
                    })}
                  </dl>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </DrawerSection>
  );
}
