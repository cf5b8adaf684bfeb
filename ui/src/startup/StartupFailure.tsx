import { Button, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { IpcError } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useI18n } from "../i18n/I18nContext";
import { StartupScreen } from "./StartupScreen";

const useStyles = makeStyles({
  actions: {
    display: "flex",
    flexWrap: "wrap",
    justifyContent: "flex-end",
    gap: tokens.spacingHorizontalS,
  },
});

interface StartupFailureProps {
  error: IpcError;
  onRetry: () => void;
  onUnlock: (() => void) | null;
  onOpenOther: () => void;
  onCreateNew: () => void;
}

/** Why the start-up workspace did not open, and the ways forward. */
export function StartupFailure({ error, onRetry, onUnlock, onOpenOther, onCreateNew }: StartupFailureProps) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <StartupScreen testId="startup-failure">
      {error.code === "cancelled" ? (
        <MessageBar intent="warning" layout="multiline" data-error-code={error.code}>
          <MessageBarBody>
            <MessageBarTitle>{t("startup.cancelledTitle")}</MessageBarTitle>
            <Text>{t("startup.cancelledBody")}</Text>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <ErrorMessageBar error={error} title={t("startup.failedTitle")} />
      )}
      <div className={styles.actions}>
        <Button onClick={onOpenOther}>{t("startup.openOther")}</Button>
        <Button onClick={onCreateNew}>{t("startup.createNew")}</Button>
        {onUnlock ? (
          <Button appearance="primary" onClick={onUnlock}>
            {t("passphrase.unlock")}
          </Button>
        ) : (
          <Button appearance="primary" onClick={onRetry} data-testid="startup-retry">
            {t("common.tryAgain")}
          </Button>
        )}
      </div>
    </StartupScreen>
  );
}
