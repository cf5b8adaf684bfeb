import { useId, useRef, useState, type SyntheticEvent } from "react";
import { Badge, Button, Field, Label, makeStyles, tokens } from "@fluentui/react-components";
import { CheckmarkCircle16Filled, Circle16Regular } from "@fluentui/react-icons";
import type { CredentialKind, IpcError } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useI18n } from "../i18n/I18nContext";
import { checkCredential } from "./credentialRules";
import { SecretInput } from "../forms/SecretInput";

const useStyles = makeStyles({
  row: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  header: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  controls: {
    display: "flex",
    alignItems: "flex-start",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  field: {
    flexGrow: 1,
    minWidth: "240px",
    maxWidth: "520px",
  },
});

interface CredentialRowProps {
  kind: CredentialKind;
  name: string;
  isSet: boolean;
  onSave: (kind: CredentialKind, value: string) => Promise<IpcError | null>;
  onRemove: (kind: CredentialKind) => Promise<IpcError | null>;
  /** Called after a save or a removal; the section words it in the current language. */
  onDone: (kind: CredentialKind, outcome: "saved" | "removed") => void;
}

/**
 * One credential: Set / Not set, a password field that is never filled with the stored value,
 * Save and Remove. What is typed stays in the input element only (see SecretInput).
 */
export function CredentialRow({ kind, name, isSet, onSave, onRemove, onDone }: CredentialRowProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [hasValue, setHasValue] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);

  function clear() {
    if (input.current) input.current.value = "";
    setHasValue(false);
  }

  async function save(event: SyntheticEvent) {
    event.preventDefault();
    if (busy) return;
    const checked = checkCredential(kind, input.current?.value ?? "");
    if ("problem" in checked) {
      setProblem(t(checked.problem));
      return;
    }
    setBusy(true);
    setFailure(null);
    const error = await onSave(kind, checked.value);
    setBusy(false);
    if (error) {
      setFailure(error);
      return;
    }
    clear();
    onDone(kind, "saved");
  }

  async function remove() {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const error = await onRemove(kind);
    setBusy(false);
    if (error) setFailure(error);
    else {
      clear();
      onDone(kind, "removed");
    }
  }

  return (
    <form className={styles.row} onSubmit={(event) => void save(event)} noValidate data-testid={`credential-${kind}`}>
      <div className={styles.header}>
        <Label htmlFor={inputId} weight="semibold">
          {name}
        </Label>
        <Badge
          appearance="tint"
          color={isSet ? "success" : "subtle"}
          icon={isSet ? <CheckmarkCircle16Filled /> : <Circle16Regular />}
          data-testid={`credential-status-${kind}`}
          data-state={isSet ? "set" : "not-set"}
        >
          {isSet ? t("settings.credentials.set") : t("settings.credentials.notSet")}
        </Badge>
      </div>
      <div className={styles.controls}>
        <Field
          className={styles.field}
          validationState={problem ? "error" : "none"}
          validationMessage={problem ?? undefined}
        >
          <SecretInput
            ref={input}
            id={inputId}
            autoComplete="off"
            spellCheck={false}
            placeholder={isSet ? t("settings.credentials.placeholderSet") : t("settings.credentials.placeholderNotSet")}
            aria-label={t("settings.credentials.newValue", { name })}
            data-testid={`credential-input-${kind}`}
            onChange={(_, data) => {
              setHasValue(data.value.length > 0);
              setProblem(null);
            }}
          />
        </Field>
        <Button
          type="submit"
          appearance="primary"
          disabled={busy || !hasValue}
          aria-label={t("settings.credentials.saveNamed", { name })}
          data-testid={`credential-save-${kind}`}
        >
          {t("settings.credentials.save")}
        </Button>
        <Button
          type="button"
          disabled={busy || !isSet}
          aria-label={t("settings.credentials.removeNamed", { name })}
          onClick={() => void remove()}
          data-testid={`credential-remove-${kind}`}
        >
          {t("settings.credentials.remove")}
        </Button>
      </div>
      {failure ? <ErrorMessageBar error={failure} /> : null}
    </form>
  );
}
