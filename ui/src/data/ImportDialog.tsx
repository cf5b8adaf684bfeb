import { useEffect, useRef, useState, type SyntheticEvent } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowImport20Regular } from "@fluentui/react-icons";
import { commands, type ImportOutcome, type IpcError, type JobProgress } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { parseIsoDate } from "../forms/isoDate";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { JobProgressView } from "../jobs/JobProgressView";
import { withJobProgress } from "../jobs/withJobProgress";
import { ImportOutcomeView } from "./ImportOutcomeView";

const useStyles = makeStyles({
  surface: {
    width: "min(760px, calc(100vw - 48px))",
    maxWidth: "760px",
  },
  content: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  intro: {
    color: tokens.colorNeutralForeground2,
  },
  fields: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) 180px",
    gap: tokens.spacingHorizontalL,
    alignItems: "start",
    "@media (max-width: 640px)": {
      gridTemplateColumns: "minmax(0, 1fr)",
    },
  },
  // The input fills its column (its intrinsic width, 20 characters, would overflow it).
  fill: {
    width: "100%",
  },
  date: {
    width: "100%",
    fontVariantNumeric: "tabular-nums",
  },
  waiting: {
    alignSelf: "flex-start",
  },
});

interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
}

/**
 * Import files (SPEC §8): an optional tenant and "as of" date, then the native file picker
 * (importFiles without paths), the job's progress, and what the import made of each file. An
 * import writes all or nothing; after one that wrote, `data-changed` reloads the pages.
 */
export function ImportDialog({ open, onClose }: ImportDialogProps) {
  const { t, language } = useI18n();
  const styles = useStyles();
  const [tenant, setTenant] = useState("");
  const [asOf, setAsOf] = useState("");
  const [asOfInvalid, setAsOfInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  // The tenant that the shown outcome was asked for (the field may have changed since).
  const [tenantGiven, setTenantGiven] = useState<string | null>(null);
  const [failure, setFailure] = useState<IpcError | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  // Bring the first lines of what the import did into view, if they are not (the form stays
  // above them, for another try, and is not scrolled away when both fit).
  useEffect(() => {
    if (outcome || failure) resultRef.current?.querySelector(".fui-MessageBar")?.scrollIntoView({ block: "nearest" });
  }, [outcome, failure]);

  function reset() {
    setTenant("");
    setAsOf("");
    setAsOfInvalid(false);
    setProgress(null);
    setCancelling(false);
    setOutcome(null);
    setTenantGiven(null);
    setFailure(null);
  }

  /** Validates the date; returns it (normalised), null when empty, undefined when invalid. */
  function checkedAsOf(): string | null | undefined {
    const parsed = parseIsoDate(asOf);
    setAsOfInvalid(parsed.kind === "invalid");
    if (parsed.kind === "invalid") return undefined;
    if (parsed.kind === "date") {
      setAsOf(parsed.iso);
      return parsed.iso;
    }
    return null;
  }

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (busy) return;
    const date = checkedAsOf();
    if (date === undefined) return;
    const tenantText = tenant.trim();
    setBusy(true);
    setProgress(null);
    setOutcome(null);
    setFailure(null);
    const result = await withJobProgress(
      () => settle(commands.importFiles(language, null, tenantText === "" ? null : tenantText, date)),
      setProgress,
    );
    setBusy(false);
    setCancelling(false);
    setProgress(null);
    if (result.status === "error") setFailure(result.error);
    // null: the file picker was closed without a choice, nothing happened.
    else if (result.data !== null) {
      setOutcome(result.data);
      setTenantGiven(tenantText === "" ? null : tenantText);
    }
  }

  async function cancelJob() {
    if (!progress || cancelling) return;
    setCancelling(true);
    await settle(commands.cancelJob(progress.jobId));
  }

  function close() {
    if (busy) return;
    reset();
    onClose();
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        if (!data.open) close();
      }}
    >
      <DialogSurface className={styles.surface} aria-busy={busy} data-testid="import-dialog">
        <form onSubmit={(event) => void submit(event)} noValidate>
          <DialogBody>
            <DialogTitle>{t("data.import.title")}</DialogTitle>
            <DialogContent className={styles.content}>
              <Text className={styles.intro}>{t("data.import.intro")}</Text>
              <div className={styles.fields}>
                <Field label={t("data.import.tenant")} hint={t("data.import.tenantHint")}>
                  <Input
                    value={tenant}
                    placeholder={t("data.import.tenantPlaceholder")}
                    disabled={busy}
                    spellCheck={false}
                    autoComplete="off"
                    onChange={(_, data) => setTenant(data.value)}
                    data-testid="import-tenant"
                  />
                </Field>
                <Field
                  label={t("data.import.asOf")}
                  hint={asOfInvalid ? undefined : t("data.import.asOfHint")}
                  validationState={asOfInvalid ? "error" : "none"}
                  validationMessage={asOfInvalid ? t("common.dateInvalid") : undefined}
                >
                  <Input
                    value={asOf}
                    className={styles.fill}
                    input={{ className: styles.date }}
                    placeholder={t("common.datePlaceholder")}
                    disabled={busy}
                    spellCheck={false}
                    autoComplete="off"
                    onChange={(_, data) => {
                      setAsOf(data.value);
                      if (asOfInvalid && parseIsoDate(data.value).kind !== "invalid") setAsOfInvalid(false);
                    }}
                    onBlur={() => void checkedAsOf()}
                    data-testid="import-as-of"
                  />
                </Field>
              </div>
              {busy && progress === null ? (
                <Spinner className={styles.waiting} size="tiny" label={t("data.import.picking")} data-testid="import-picking" />
              ) : null}
              {busy && progress !== null ? (
                <div data-testid="import-progress">
                  <JobProgressView progress={progress} />
                </div>
              ) : null}
              <div ref={resultRef}>
                {failure ? <ErrorMessageBar error={failure} title={t("data.import.failed")} /> : null}
                {outcome ? <ImportOutcomeView outcome={outcome} tenantGiven={tenantGiven} /> : null}
              </div>
            </DialogContent>
            <DialogActions>
              {busy ? (
                <Button appearance="secondary" type="button" disabled={progress === null || cancelling} onClick={() => void cancelJob()}>
                  {cancelling ? t("startup.cancelling") : t("common.cancel")}
                </Button>
              ) : (
                <Button appearance="secondary" type="button" onClick={close} data-testid="import-close">
                  {t("common.close")}
                </Button>
              )}
              <Button
                appearance="primary"
                type="submit"
                icon={<ArrowImport20Regular />}
                disabled={busy}
                data-testid="import-choose"
              >
                {busy ? t("data.import.importing") : t("data.import.choose")}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
