import { useEffect, useRef, useState } from "react";
import { Button, Text, Tooltip, makeStyles, tokens } from "@fluentui/react-components";
import { Call16Regular, Checkmark16Regular, Copy16Regular, EyeOff16Regular, Mail16Regular, type FluentIcon } from "@fluentui/react-icons";
import type { LeadDetail_Serialize as LeadDetail } from "../../bindings";
import { useI18n } from "../../i18n/I18nContext";
import { copyText } from "../../opportunities/flyout/copyText";
import { DrawerSection } from "./DrawerSection";

const useStyles = makeStyles({
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  line: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  icon: {
    flexShrink: 0,
    color: tokens.colorNeutralForeground3,
  },
  value: {
    overflowWrap: "anywhere",
    minWidth: 0,
  },
  name: {
    fontWeight: tokens.fontWeightSemibold,
  },
  hidden: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground3,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
});

/** Copies `text` and says so for a moment. */
function CopyButton({ text, label, testId }: { text: string; label: string; testId: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<boolean | null>(null);
  const timer = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );
  const onCopy = async () => {
    const ok = await copyText(text);
    setCopied(ok);
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setCopied(null), 2000);
  };
  const shown = copied === true ? t("leads.copy.done") : copied === false ? t("leads.copy.failed") : t("leads.copy.button");
  return (
    <Tooltip content={label} relationship="description" withArrow>
      <Button
        appearance="subtle"
        size="small"
        icon={copied === true ? <Checkmark16Regular /> : <Copy16Regular />}
        onClick={() => void onCopy()}
        aria-label={copied === true ? `${label}: ${t("leads.copy.done")}` : label}
        data-testid={testId}
      >
        <span aria-live="polite">{shown}</span>
      </Button>
    </Tooltip>
  );
}

function ContactLine({ icon: Icon, value, copy }: { icon: FluentIcon; value: string; copy?: { label: string; testId: string } }) {
  const styles = useStyles();
  return (
    <li className={styles.line}>
      <Icon className={styles.icon} aria-hidden="true" />
      <Text className={styles.value}>{value}</Text>
      {copy ? <CopyButton text={value} label={copy.label} testId={copy.testId} /> : null}
    </li>
  );
}

/** The lead's contact: name, e-mail and phone with quick-copy; hidden once the lead expired. */
export function ContactSection({ detail }: { detail: LeadDetail }) {
  const { t } = useI18n();
  const styles = useStyles();
  const row = detail.row;
  const name = [detail.contactFirstName, detail.contactLastName].filter(Boolean).join(" ") || row.contactName || "";
  const phone = detail.phoneInternational ?? row.phone ?? "";
  return (
    <DrawerSection title={t("leads.detail.contact")} testId="lead-contact">
      {row.contactHidden ? (
        <Text className={styles.hidden} data-testid="lead-contact-hidden">
          <EyeOff16Regular aria-hidden="true" />
          {t("leads.contact.hidden")}
        </Text>
      ) : (
        <ul className={styles.list}>
          <li className={styles.line}>
            <Text className={styles.name} data-testid="lead-contact-name">
              {name || t("leads.contact.noName")}
            </Text>
          </li>
          {row.email ? (
            <ContactLine icon={Mail16Regular} value={row.email} copy={{ label: t("leads.copy.email"), testId: "copy-email" }} />
          ) : (
            <li className={styles.muted}>{t("leads.contact.noEmail")}</li>
          )}
          {phone ? (
            <ContactLine icon={Call16Regular} value={phone} copy={{ label: t("leads.copy.phone"), testId: "copy-phone" }} />
          ) : (
            <li className={styles.muted}>{t("leads.contact.noPhone")}</li>
          )}
        </ul>
      )}
    </DrawerSection>
  );
}
