import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { Info16Regular, ShieldError16Filled, Warning16Filled } from "@fluentui/react-icons";
import type { ContactCheck, EmailValidity, LeadDetail_Serialize as LeadDetail, PhoneValidity } from "../../bindings";
import { useI18n } from "../../i18n/I18nContext";
import { ValidityBadge } from "../badges";
import { EMAIL_REASON_LABELS, PHONE_REASON_LABELS } from "../labels";
import { DrawerSection } from "./DrawerSection";

const useStyles = makeStyles({
  box: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  notice: {
    display: "flex",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
  },
  noticeIcon: {
    flexShrink: 0,
    marginTop: "2px",
    color: tokens.colorBrandForeground1,
  },
  checks: {
    display: "grid",
    gridTemplateColumns: "auto auto minmax(0, 1fr)",
    alignItems: "baseline",
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    margin: 0,
  },
  group: {
    display: "contents",
  },
  term: {
    color: tokens.colorNeutralForeground3,
  },
  reason: {
    display: "flex",
    flexDirection: "column",
    margin: 0,
    minWidth: 0,
  },
  badge: {
    margin: 0,
  },
  source: {
    color: tokens.colorNeutralForeground3,
  },
  warning: {
    display: "flex",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalS,
    color: tokens.colorPaletteRedForeground1,
  },
  warningIcon: {
    flexShrink: 0,
    marginTop: "2px",
  },
});

function reasonText(check: ContactCheck, labels: Readonly<Record<string, string>>, translate: (key: string) => string): string {
  const key = labels[check.reason];
  return key ? translate(key) : check.explanation;
}

/**
 * What is known about the contact's validity: each verdict with its reason, whose verdict it is
 * (Partner Center's, or the app's own offline check), the spam and quality flags, and the
 * reminder that Microsoft does not verify a referral's identity or legitimacy (SPEC §4).
 */
export function ChecksSection({ detail }: { detail: LeadDetail }) {
  const { t } = useI18n();
  const styles = useStyles();
  const row = detail.row;
  const translate = (key: string) => t(key as Parameters<typeof t>[0]);
  const checks: Array<{ id: "email" | "phone"; label: string; validity: EmailValidity | PhoneValidity; check: ContactCheck; labels: Readonly<Record<string, string>> }> = [
    { id: "email", label: t("leads.detail.email"), validity: row.emailValidity, check: detail.emailCheck, labels: EMAIL_REASON_LABELS },
    { id: "phone", label: t("leads.detail.phone"), validity: row.phoneValidity, check: detail.phoneCheck, labels: PHONE_REASON_LABELS },
  ];
  return (
    <DrawerSection title={t("leads.detail.checks")} testId="lead-checks">
      <div className={styles.box}>
        <Text className={styles.notice} data-testid="lead-not-verified">
          <Info16Regular className={styles.noticeIcon} aria-hidden="true" />
          {t("leads.detail.notVerified")}
        </Text>
        <dl className={styles.checks}>
          {checks.map(({ id, label, validity, check, labels }) => (
            <div key={id} className={styles.group} data-testid={`lead-check-${id}`}>
              <dt className={styles.term}>
                <Text size={200}>{label}</Text>
              </dt>
              <dd className={styles.badge}>
                <ValidityBadge kind={id} validity={validity} />
              </dd>
              <dd className={styles.reason}>
                <Text size={200} data-testid={`lead-check-${id}-reason`}>
                  {reasonText(check, labels, translate)}
                </Text>
                <Text size={200} className={styles.source} data-testid={`lead-check-${id}-source`}>
                  {check.fromPartnerCenter ? t("leads.check.fromPartnerCenter") : t("leads.check.fromApp")}
                </Text>
              </dd>
            </div>
          ))}
        </dl>
        {row.spam ? (
          <Text size={200} className={styles.warning} data-testid="lead-spam-warning">
            <ShieldError16Filled className={styles.warningIcon} aria-hidden="true" />
            {t("leads.detail.spam")}
          </Text>
        ) : null}
        {row.quality === "Low" ? (
          <Text size={200} className={styles.warning} data-testid="lead-low-quality">
            <Warning16Filled className={styles.warningIcon} aria-hidden="true" />
            {t("leads.detail.lowQuality")}
          </Text>
        ) : null}
      </div>
    </DrawerSection>
  );
}
