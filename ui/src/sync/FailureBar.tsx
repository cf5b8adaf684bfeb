import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
  type MessageBarIntent,
} from "@fluentui/react-components";
import { Dismiss20Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n/I18nContext";
import { ERROR_BODIES, ERROR_TITLES, type SyncErrorCode } from "./labels";
import { fixedInSettings, showsMessage, type SyncFailure } from "./failure";

const useStyles = makeStyles({
  details: {
    display: "block",
    marginTop: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground3,
    wordBreak: "break-word",
  },
});

function intentOf(code: SyncErrorCode): MessageBarIntent {
  switch (code) {
    case "offline":
    case "cancelled":
    case "busy":
      return "info";
    case "timeout":
    case "throttled":
    case "server":
      return "warning";
    default:
      return "error";
  }
}

interface FailureBarProps {
  failure: SyncFailure;
  /** Opens Settings on the credentials (for the codes fixed there). */
  onOpenSettings: () => void;
  /** Syncs again (for the passing failures), when a sync can start. */
  onSyncAgain: (() => void) | null;
  /** Hides the bar (the offline one). */
  onDismiss?: () => void;
}

/** Why the last sync did not complete, by its code: what it means and what to do. */
export function FailureBar({ failure, onOpenSettings, onSyncAgain, onDismiss }: FailureBarProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const { code } = failure;
  const body =
    code === "cancelled" && failure.stage === "sync.push" ? t("sync.error.cancelled.bodyPush") : t(ERROR_BODIES[code]);
  const passing = code === "offline" || code === "timeout" || code === "throttled" || code === "server";
  return (
    <MessageBar intent={intentOf(code)} layout="multiline" data-testid="sync-failure" data-code={code}>
      <MessageBarBody>
        <MessageBarTitle>{t(ERROR_TITLES[code])}</MessageBarTitle>{" "}
        {body}
        {showsMessage(failure) ? (
          <Text size={200} className={styles.details} data-testid="sync-failure-details">
            {t("common.technicalDetails", { message: failure.message })}
          </Text>
        ) : null}
      </MessageBarBody>
      <MessageBarActions
        containerAction={
          onDismiss ? (
            <Button appearance="transparent" icon={<Dismiss20Regular />} aria-label={t("sync.error.dismiss")} onClick={onDismiss} data-testid="sync-failure-dismiss" />
          ) : undefined
        }
      >
        {fixedInSettings(code) ? (
          <Button onClick={onOpenSettings} data-testid="sync-failure-settings">
            {t("sync.error.checkSettings")}
          </Button>
        ) : null}
        {passing && onSyncAgain ? (
          <Button onClick={onSyncAgain} data-testid="sync-failure-again">
            {t("sync.error.syncAgain")}
          </Button>
        ) : null}
      </MessageBarActions>
    </MessageBar>
  );
}
