import { Badge, Button, Tooltip, makeStyles, tokens, type BadgeProps } from "@fluentui/react-components";
import {
  CheckmarkCircle12Filled,
  DismissCircle12Filled,
  Fire16Filled,
  Fire16Regular,
  Heart20Filled,
  Heart20Regular,
  QuestionCircle12Regular,
  Warning12Filled,
} from "@fluentui/react-icons";
import type { EmailValidity, Flame, LeadQuality, LeadRow_Serialize as LeadRow, LeadSubstatus, PhoneValidity } from "../bindings";
import type { Translate } from "../i18n/I18nContext";
import { useI18n } from "../i18n/I18nContext";
import { EMAIL_VALIDITY_LABELS, PHONE_VALIDITY_LABELS, QUALITY_LABELS, SUBSTATUS_LABELS } from "./labels";

const useStyles = makeStyles({
  hot: {
    color: tokens.colorPaletteDarkOrangeForeground1,
    flexShrink: 0,
  },
  cooled: {
    color: tokens.colorNeutralForeground3,
    flexShrink: 0,
  },
  heartOn: {
    color: tokens.colorPaletteRedForeground1,
    ":hover": {
      color: tokens.colorPaletteRedForeground1,
    },
    ":hover:active": {
      color: tokens.colorPaletteRedForeground1,
    },
  },
  badge: {
    whiteSpace: "nowrap",
    maxWidth: "100%",
    overflow: "hidden",
    textOverflow: "ellipsis",
  },
});

type BadgeColor = NonNullable<BadgeProps["color"]>;

const VALIDITY_COLORS: Readonly<Record<EmailValidity, BadgeColor>> = {
  Valid: "success",
  Invalid: "danger",
  Spam: "danger",
  Unknown: "informative",
};

function ValidityIcon({ validity }: { validity: EmailValidity }) {
  switch (validity) {
    case "Valid":
      return <CheckmarkCircle12Filled />;
    case "Invalid":
      return <DismissCircle12Filled />;
    case "Spam":
      return <Warning12Filled />;
    case "Unknown":
      return <QuestionCircle12Regular />;
  }
}

interface ValidityBadgeProps {
  kind: "email" | "phone";
  validity: EmailValidity | PhoneValidity;
  /** Only the icon, named by a tooltip and for screen readers (narrow tables). */
  compact?: boolean;
}

/** E-mail or phone validity: Valid green, Invalid red, Spam red with a warning sign, Unknown grey. */
export function ValidityBadge({ kind, validity, compact = false }: ValidityBadgeProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const label = kind === "email" ? t(EMAIL_VALIDITY_LABELS[validity]) : t(PHONE_VALIDITY_LABELS[validity as PhoneValidity]);
  if (compact) {
    const named = t(kind === "email" ? "leads.validity.emailNamed" : "leads.validity.phoneNamed", { validity: label });
    return (
      <Tooltip content={named} relationship="label" withArrow>
        <Badge
          appearance="tint"
          shape="circular"
          size="large"
          color={VALIDITY_COLORS[validity]}
          icon={<ValidityIcon validity={validity} />}
          role="img"
          data-validity={validity}
        />
      </Tooltip>
    );
  }
  return (
    <Badge
      appearance="tint"
      shape="rounded"
      color={VALIDITY_COLORS[validity]}
      icon={<ValidityIcon validity={validity} />}
      className={styles.badge}
      data-validity={validity}
    >
      {label}
    </Badge>
  );
}

const STATUS_COLORS: Readonly<Record<LeadSubstatus, BadgeColor>> = {
  Pending: "informative",
  Received: "warning",
  Accepted: "brand",
  Won: "success",
  Lost: "danger",
  Declined: "informative",
  Expired: "informative",
};

/** A lead's substatus as a badge. */
export function StatusBadge({ substatus }: { substatus: LeadSubstatus }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <Badge appearance="tint" shape="rounded" color={STATUS_COLORS[substatus]} className={styles.badge} data-substatus={substatus}>
      {t(SUBSTATUS_LABELS[substatus])}
    </Badge>
  );
}

/** Microsoft's quality; Low says "potential spam" on hover. */
export function QualityBadge({ quality }: { quality: LeadQuality }) {
  const { t } = useI18n();
  const styles = useStyles();
  const badge = (
    <Badge appearance="tint" shape="rounded" color={quality === "High" ? "success" : "warning"} className={styles.badge} data-quality={quality}>
      {t(QUALITY_LABELS[quality])}
    </Badge>
  );
  if (quality === "High") return badge;
  return (
    <Tooltip content={t("leads.quality.lowHint")} relationship="description" withArrow>
      {badge}
    </Tooltip>
  );
}

/** The Contact-me alert: a hot flame for 72 hours, then a cooled one. */
export function FlameIcon({ flame }: { flame: Flame }) {
  const { t } = useI18n();
  const styles = useStyles();
  const label = flame === "hot" ? t("leads.flame.hot") : t("leads.flame.cooled");
  return (
    <Tooltip content={label} relationship="label" withArrow>
      <span role="img" aria-label={label} data-testid={`flame-${flame}`} style={{ display: "inline-flex" }}>
        {flame === "hot" ? <Fire16Filled className={styles.hot} /> : <Fire16Regular className={styles.cooled} />}
      </span>
    </Tooltip>
  );
}

interface HeartProps {
  favourite: boolean;
  customer: string;
  onToggle: () => void;
  tabIndex?: number;
  size?: "small" | "medium";
  testId?: string;
}

/** The heart: adds the lead to (or takes it off) the Favourites list. */
export function HeartButton({ favourite, customer, onToggle, tabIndex, size = "small", testId = "heart" }: HeartProps) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <Tooltip content={favourite ? t("leads.heart.remove") : t("leads.heart.add")} relationship="description" withArrow>
      <Button
        appearance="transparent"
        size={size}
        aria-pressed={favourite}
        icon={favourite ? <Heart20Filled className={styles.heartOn} /> : <Heart20Regular />}
        aria-label={t("leads.heart.label", { customer })}
        tabIndex={tabIndex}
        onClick={onToggle}
        data-testid={testId}
      />
    </Tooltip>
  );
}

/** Whether a lead is informational (an offer lead from Get it now, Free trial or Test drive). */
export function isInformational(row: Pick<LeadRow, "leadType" | "callToAction">): boolean {
  return row.leadType === "Offer" && row.callToAction !== null && row.callToAction !== "Contact me";
}

/** "3 days left", "5 hours left" or "Due now" for a number of whole hours before a deadline. */
export function timeLeftText(t: Translate, hoursLeft: number): string {
  if (hoursLeft <= 0) return t("leads.timeLeft.due");
  if (hoursLeft >= 48) return t("leads.timeLeft.days", { count: Math.floor(hoursLeft / 24) });
  return t("leads.timeLeft.hours", { count: hoursLeft });
}
