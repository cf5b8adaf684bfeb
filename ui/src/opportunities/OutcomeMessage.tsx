import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import { Dismiss20Regular } from "@fluentui/react-icons";
import type { ExportSummary, IpcError, RefreshSummary } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useFormat } from "../format/useFormat";
import type { MessageKey } from "../i18n/en";
import { useI18n } from "../i18n/I18nContext";

const useStyles = makeStyles({
  path: {
    fontFamily: tokens.fontFamilyMonospace,
    wordBreak: "break-all",
  },
  row: {
    display: "flex",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalS,
  },
  grow: {
    flexGrow: 1,
    minWidth: 0,
  },
});

/** What the last page-level action did; kept as data so that it follows a change of language. */
export type Outcome =
  | { kind: "refreshed"; summary: RefreshSummary }
  | { kind: "exported"; summary: ExportSummary }
  | { kind: "failed"; title: MessageKey; error: IpcError };

/** The result of Refresh, Export, Dismiss or Undo, with a close button. */
export function OutcomeMessage({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const close = (
    <Button appearance="transparent" size="small" icon={<Dismiss20Regular />} aria-label={t("common.close")} onClick={onClose} />
  );
  if (outcome.kind === "failed") {
    return (
      <div className={styles.row} data-testid="outcome-error">
        <div className={styles.grow}>
          <ErrorMessageBar error={outcome.error} title={t(outcome.title)} />
        </div>
        {close}
      </div>
    );
  }
  if (outcome.kind === "refreshed") {
    const s = outcome.summary;
    return (
      <MessageBar intent="success" layout="multiline" data-testid="refresh-message">
        <MessageBarBody>
          <MessageBarTitle>{t("opp.refreshDoneTitle")}</MessageBarTitle>
          {t("opp.refreshDone", { opportunities: s.opportunities, asOf: format.date(s.asOf), new: s.new, kept: s.kept, gone: s.gone })}
        </MessageBarBody>
        <MessageBarActions containerAction={close} />
      </MessageBar>
    );
  }
  const [before, after] = t("opp.exportDone", { rows: outcome.summary.rows, path: "\u0000" }).split("\u0000");
  return (
    <MessageBar intent="success" layout="multiline" data-testid="export-message">
      <MessageBarBody>
        {before}
        <span className={styles.path}>{outcome.summary.path}</span>
        {after}
      </MessageBarBody>
      <MessageBarActions containerAction={close} />
    </MessageBar>
  );
}
