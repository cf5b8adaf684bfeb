import { useEffect, useState } from "react";
import { MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { CheckmarkCircle20Regular, LockClosed20Regular } from "@fluentui/react-icons";
import { commands, type CredentialKind, type CredentialStatus, type IpcError } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { Section } from "../pages/Section";
import { CredentialRow } from "./CredentialRow";
import { CREDENTIALS } from "./credentialRules";

const useStyles = makeStyles({
  status: {
    marginTop: `calc(-1 * ${tokens.spacingVerticalS})`,
    ":empty": {
      display: "none",
    },
  },
  statusText: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorStatusSuccessForeground1,
  },
  statusIcon: {
    flexShrink: 0,
  },
});

/** Partner Center / Entra credentials, kept in the OS keychain only. */
export function CredentialsSection() {
  const { t } = useI18n();
  const styles = useStyles();
  const [statuses, setStatuses] = useState<CredentialStatus[] | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  // Kept as what happened, not as text, so it follows a change of language.
  const [announcement, setAnnouncement] = useState<{ kind: CredentialKind; outcome: "saved" | "removed" } | null>(null);

  useEffect(() => {
    let live = true;
    void settle(commands.credentialStatus()).then((result) => {
      if (!live) return;
      if (result.status === "ok") setStatuses(result.data);
      else setLoadError(result.error);
    });
    return () => {
      live = false;
    };
  }, []);

  const isSet = (kind: CredentialKind) => statuses?.find((s) => s.kind === kind)?.isSet ?? false;

  const apply = async (call: Promise<Awaited<ReturnType<typeof commands.credentialStatus>>>) => {
    setAnnouncement(null);
    const result = await settle(call);
    if (result.status === "ok") {
      setStatuses(result.data);
      return null;
    }
    return result.error;
  };

  return (
    <Section title={t("settings.credentials.heading")} intro={t("settings.credentials.intro")} testId="credentials">
      <MessageBar intent="info" layout="multiline" icon={<LockClosed20Regular />}>
        <MessageBarBody>{t("settings.credentials.storage")}</MessageBarBody>
      </MessageBar>
      {loadError ? <ErrorMessageBar error={loadError} title={t("settings.credentials.loadFailed")} /> : null}
      {statuses === null && !loadError ? <Spinner size="tiny" label={t("app.loading")} /> : null}
      {statuses !== null ? (
        <div>
          {CREDENTIALS.map(({ kind, label }) => (
            <CredentialRow
              key={kind}
              kind={kind}
              name={t(label)}
              isSet={isSet(kind)}
              onSave={(k, value) => apply(commands.setCredential(k, value))}
              onRemove={(k) => apply(commands.deleteCredential(k))}
              onDone={(kind, outcome) => setAnnouncement({ kind, outcome })}
            />
          ))}
        </div>
      ) : null}
      <div role="status" aria-live="polite" className={styles.status} data-testid="credentials-status">
        {announcement ? (
          <Text className={styles.statusText}>
            <CheckmarkCircle20Regular className={styles.statusIcon} aria-hidden="true" />
            {t(announcement.outcome === "saved" ? "settings.credentials.saved" : "settings.credentials.removed", {
              name: t(CREDENTIALS.find((c) => c.kind === announcement.kind)?.label ?? "settings.credentials.entraClientSecret"),
            })}
          </Text>
        ) : null}
      </div>
    </Section>
  );
}
