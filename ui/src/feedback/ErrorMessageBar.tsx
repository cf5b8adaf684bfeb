import { MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { IpcError } from "../bindings";
import { useI18n } from "../i18n/I18nContext";
import { errorMessage } from "../ipc/errorMessage";

const useStyles = makeStyles({
  details: {
    display: "block",
    marginTop: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground3,
    wordBreak: "break-word",
  },
});

/** Codes whose backend message helps to diagnose (a path, an OS error); the others say it all. */
function showsDetails(error: IpcError): boolean {
  switch (error.code) {
    case "io":
    case "database":
    case "internal":
    case "invalidInput":
    case "notAllowed":
    case "notFound":
      return error.message.trim().length > 0;
    default:
      return false;
  }
}

/** An IPC error as a Fluent error bar, explained by its code. */
export function ErrorMessageBar({ error, title }: { error: IpcError; title?: string }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <MessageBar intent="error" layout="multiline" data-error-code={error.code}>
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {errorMessage(t, error)}
        {showsDetails(error) ? (
          <Text size={200} className={styles.details}>
            {t("common.technicalDetails", { message: error.message })}
          </Text>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
