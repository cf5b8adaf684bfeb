import { useEffect, useMemo, useRef, useState } from "react";
import {
  Button,
  Card,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  ArrowDownload20Regular,
  CalendarClock20Regular,
  ChevronLeft20Regular,
  ChevronRight20Regular,
  Dismiss20Regular,
  Eye20Regular,
  FolderOpen20Regular,
  Open20Regular,
} from "@fluentui/react-icons";
import { commands, type IpcError } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { JobProgressView } from "../jobs/JobProgressView";
import { ClusterLegendBadge } from "./ClusterBadge";
import { ColumnPicker } from "./ColumnPicker";
import { CLUSTER_LETTERS, KIND_SHORT, localIsoDate } from "./labels";
import { NameStep, RangeStep, checkMonths } from "./OptionSteps";
import { PreviewGrid } from "./PreviewGrid";
import { ScheduleDialog } from "./ScheduleDialog";
import { SourceStep } from "./SourceStep";
import { Stepper } from "./Stepper";
import type { ReportKind, ReportKindInfo, ReportPreview, ReportSchedule, ReportSpec, SavedReport } from "./types";
import { useReportJob, type JobKind } from "./useReportJob";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    minWidth: 0,
  },
  advice: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  adviceText: {
    marginRight: tokens.spacingHorizontalS,
  },
  card: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    gap: tokens.spacingVerticalL,
  },
  stepTitle: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  heading: {
    margin: 0,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  footer: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  buttons: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  summary: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    "& dt": {
      color: tokens.colorNeutralForeground3,
    },
    "& dd": {
      margin: 0,
      overflowWrap: "anywhere",
    },
  },
  progress: {
    display: "flex",
    alignItems: "center",
    flexGrow: 1,
    gap: tokens.spacingHorizontalL,
  },
  outcome: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    scrollMarginBottom: tokens.spacingVerticalXXL,
    ":empty": {
      display: "none",
    },
  },
  progressBar: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    flexGrow: 1,
    minWidth: 0,
  },
  previewHeader: {
    display: "flex",
    alignItems: "flex-end",
    justifyContent: "space-between",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
  },
});

type Outcome =
  | { kind: "saved"; report: SavedReport }
  | { kind: "cancelled"; job: JobKind }
  | { kind: "failed"; job: JobKind; error: IpcError }
  | { kind: "scheduled"; schedule: ReportSchedule }
  | null;

const PREVIEW_LIMIT = 500;
const LAST_STEP = 3;

interface CreateReportTabProps {
  catalogue: readonly ReportKindInfo[];
  /** A report was saved or a schedule created: My reports and Schedules load again. */
  onChanged: () => void;
  onShowReport: (id: number) => void;
  onShowSchedules: () => void;
}

/**
 * Create new report (SPEC §6.3) as a four-step wizard: the data source, its columns, the time
 * range, then the name and file type with Preview, Download now and Schedule. A preview or a
 * download shows its progress and can be cancelled.
 */
export function CreateReportTab({ catalogue, onChanged, onShowReport, onShowSchedules }: CreateReportTabProps) {
  const { t, language } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const job = useReportJob();

  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<ReportKind | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [lifetime, setLifetime] = useState(true);
  const [monthsText, setMonthsText] = useState("12");
  const [name, setName] = useState("");
  const [nameEdited, setNameEdited] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [actionError, setActionError] = useState<IpcError | null>(null);
  const [preview, setPreview] = useState<{ key: string; data: ReportPreview } | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const previewRef = useRef<HTMLDivElement>(null);

  // What an action ended with may be below the fold: bring it into view.
  useEffect(() => {
    if (outcome) outcomeRef.current?.scrollIntoView({ block: "nearest" });
  }, [outcome]);
  useEffect(() => {
    if (preview) previewRef.current?.scrollIntoView({ block: "start" });
  }, [preview]);

  const info = catalogue.find((c) => c.kind === kind) ?? null;
  const months = lifetime ? null : checkMonths(monthsText);
  const trimmedName = name.trim();

  const spec = useMemo<ReportSpec | null>(() => {
    if (!info) return null;
    const all = info.columns.every((c) => selected.has(c.name));
    return {
      kind: info.kind,
      name: trimmedName,
      columns: all ? [] : info.columns.filter((c) => selected.has(c.name)).map((c) => c.name),
      months,
    };
  }, [info, selected, months, trimmedName]);
  const previewKey = spec ? JSON.stringify([spec.kind, spec.columns, spec.months]) : "";
  const shownPreview = preview && preview.key === previewKey ? preview.data : null;

  /** The first step whose input is not valid yet, or null when the spec can be run. */
  const invalidStep = !info ? 0 : selected.size === 0 ? 1 : !lifetime && months === null ? 2 : trimmedName === "" ? 3 : null;

  function choose(next: ReportKind) {
    const nextInfo = catalogue.find((c) => c.kind === next);
    if (!nextInfo) return;
    if (next !== kind) {
      setKind(next);
      setSelected(new Set(nextInfo.columns.map((c) => c.name)));
      if (!nameEdited) setName(t("propensity.defaultName", { kind: t(KIND_SHORT[next]), date: localIsoDate() }));
    }
    setStep(1);
  }

  /** Runs an action once every step is valid; otherwise goes to the step to fix. */
  function ready(): ReportSpec | null {
    if (invalidStep !== null || spec === null) {
      setStep(invalidStep ?? 0);
      return null;
    }
    setOutcome(null);
    setActionError(null);
    return spec;
  }

  async function runPreview() {
    const wanted = ready();
    if (!wanted) return;
    const key = previewKey;
    const result = await job.run("preview", () => commands.previewPropensityReport(language, wanted, PREVIEW_LIMIT));
    if (result.status === "ok") setPreview({ key, data: result.data });
    else if (result.error.code === "cancelled") setOutcome({ kind: "cancelled", job: "preview" });
    else setOutcome({ kind: "failed", job: "preview", error: result.error });
  }

  async function runDownload() {
    const wanted = ready();
    if (!wanted) return;
    onChanged();
    const result = await job.run("download", () => commands.generatePropensityReport(language, wanted));
    if (result.status === "ok") setOutcome({ kind: "saved", report: result.data });
    else if (result.error.code === "cancelled") setOutcome({ kind: "cancelled", job: "download" });
    else setOutcome({ kind: "failed", job: "download", error: result.error });
    onChanged();
  }

  function openSchedule() {
    if (ready()) setScheduling(true);
  }

  async function act(action: (id: number) => Promise<{ status: "ok"; data: null } | { status: "error"; error: IpcError }>, id: number) {
    setActionError(null);
    const result = await settle(action(id));
    if (result.status === "error") setActionError(result.error);
  }

  const busy = job.running !== null;
  const steps = [t("propensity.step.source"), t("propensity.step.columns"), t("propensity.step.range"), t("propensity.step.name")];
  const stepIntros = [t("propensity.step.source.intro"), t("propensity.step.columns.intro"), t("propensity.step.range.intro"), t("propensity.step.name.intro")];
  const rangeText = months === null ? t("propensity.range.lifetime") : t("propensity.range.summary", { months });
  const columnsText = info ? t("propensity.columns.count", { selected: selected.size, total: info.columns.length }) : "";

  return (
    <div className={styles.root} data-testid="create-report">
      <div className={styles.advice} data-testid="targeting-advice">
        <Text weight="semibold" className={styles.adviceText}>
          {t("propensity.advice")}
        </Text>
        {CLUSTER_LETTERS.map((letter) => (
          <ClusterLegendBadge key={letter} letter={letter} />
        ))}
      </div>

      <Card className={styles.card} data-testid="report-wizard" data-step={step + 1}>
        <Stepper label={t("propensity.create.heading")} steps={steps} current={step} reachable={info ? LAST_STEP : 0} onStep={setStep} />
        <div className={styles.stepTitle}>
          <Text as="h2" size={500} weight="semibold" className={styles.heading}>
            {steps[step]}
          </Text>
          <Text size={200} className={styles.muted}>
            {stepIntros[step]}
          </Text>
        </div>

        {step === 0 ? <SourceStep catalogue={catalogue} kind={kind} onChoose={choose} /> : null}
        {step === 1 && info ? <ColumnPicker info={info} selected={selected} onChange={setSelected} /> : null}
        {step === 1 && info && selected.size === 0 ? (
          <Text className={styles.muted} role="alert" data-testid="columns-required">
            {t("propensity.columns.required")}
          </Text>
        ) : null}
        {step === 2 ? <RangeStep lifetime={lifetime} monthsText={monthsText} onLifetime={setLifetime} onMonths={setMonthsText} /> : null}
        {step === 3 ? (
          <>
            <NameStep
              name={name}
              nameInvalid={trimmedName === ""}
              onName={(value) => {
                setName(value);
                setNameEdited(true);
              }}
            />
            {info ? (
              <dl className={styles.summary} data-testid="report-summary">
                <dt>{t("propensity.summary.source")}</dt>
                <dd>{info.title}</dd>
                <dt>{t("propensity.summary.columns")}</dt>
                <dd>{columnsText}</dd>
                <dt>{t("propensity.summary.range")}</dt>
                <dd>{rangeText}</dd>
              </dl>
            ) : null}
          </>
        ) : null}

        {info ? (
          <div className={styles.footer}>
            {job.running ? (
              <div className={styles.progress} data-testid="report-progress" data-job={job.running}>
                <div className={styles.progressBar}>
                  <Text weight="semibold">{job.running === "preview" ? t("propensity.progress.preview") : t("propensity.progress.download", { name: trimmedName })}</Text>
                  <JobProgressView progress={job.progress} />
                </div>
                <Button icon={<Dismiss20Regular />} disabled={!job.canCancel} onClick={() => void job.cancel()} data-testid="report-cancel">
                  {job.cancelling ? t("propensity.progress.cancelling") : t("common.cancel")}
                </Button>
              </div>
            ) : (
              <>
                <div className={styles.buttons}>
                  {step > 0 ? (
                    <Button icon={<ChevronLeft20Regular />} disabled={busy} onClick={() => setStep(step - 1)} data-testid="wizard-back">
                      {t("propensity.wizard.back")}
                    </Button>
                  ) : null}
                  {step < LAST_STEP ? (
                    <Button appearance="primary" icon={<ChevronRight20Regular />} iconPosition="after" onClick={() => setStep(step + 1)} data-testid="wizard-next">
                      {t("propensity.wizard.next")}
                    </Button>
                  ) : null}
                </div>
                {step === LAST_STEP ? (
                  <div className={styles.buttons}>
                    <Button icon={<Eye20Regular />} disabled={busy} onClick={() => void runPreview()} data-testid="report-preview">
                      {t("propensity.action.preview")}
                    </Button>
                    <Button icon={<CalendarClock20Regular />} disabled={busy} onClick={openSchedule} data-testid="report-schedule">
                      {t("propensity.action.schedule")}
                    </Button>
                    <Button appearance="primary" icon={<ArrowDownload20Regular />} disabled={busy} onClick={() => void runDownload()} data-testid="report-download">
                      {t("propensity.action.download")}
                    </Button>
                  </div>
                ) : null}
              </>
            )}
          </div>
        ) : null}
      </Card>

      <div ref={outcomeRef} className={styles.outcome}>
      {outcome?.kind === "saved" ? (
        <MessageBar intent="success" layout="multiline" data-testid="report-saved">
          <MessageBarBody>
            <MessageBarTitle>{t("propensity.saved.title")}</MessageBarTitle>
            {t("propensity.saved.body", {
              name: outcome.report.fileName,
              rows: outcome.report.rows ?? 0,
              size: format.bytes(outcome.report.bytes ?? 0),
            })}
          </MessageBarBody>
          <MessageBarActions
            containerAction={<Button appearance="transparent" size="small" icon={<Dismiss20Regular />} aria-label={t("common.close")} onClick={() => setOutcome(null)} />}
          >
            <Button size="small" icon={<Open20Regular />} onClick={() => void act(commands.openSavedReport, outcome.report.id)} data-testid="report-saved-open">
              {t("propensity.action.open")}
            </Button>
            <Button size="small" icon={<FolderOpen20Regular />} onClick={() => void act(commands.revealSavedReport, outcome.report.id)} data-testid="report-saved-reveal">
              {t("propensity.action.reveal")}
            </Button>
            <Button size="small" appearance="transparent" onClick={() => onShowReport(outcome.report.id)} data-testid="report-saved-show">
              {t("propensity.saved.inMyReports")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {outcome?.kind === "scheduled" ? (
        <MessageBar intent="success" data-testid="report-scheduled">
          <MessageBarBody>
            {outcome.schedule.nextRunAt
              ? t("propensity.scheduled.monthly", { name: outcome.schedule.spec.name, date: format.date(outcome.schedule.nextRunAt.slice(0, 10)) })
              : t("propensity.scheduled.afterImport", { name: outcome.schedule.spec.name })}
          </MessageBarBody>
          <MessageBarActions
            containerAction={<Button appearance="transparent" size="small" icon={<Dismiss20Regular />} aria-label={t("common.close")} onClick={() => setOutcome(null)} />}
          >
            <Button size="small" onClick={onShowSchedules} data-testid="report-scheduled-show">
              {t("propensity.scheduled.show")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {outcome?.kind === "cancelled" ? (
        <MessageBar intent="info" data-testid="report-cancelled">
          <MessageBarBody>{outcome.job === "preview" ? t("propensity.cancelled.preview") : t("propensity.cancelled.download")}</MessageBarBody>
        </MessageBar>
      ) : null}
      {outcome?.kind === "failed" ? (
        <ErrorMessageBar error={outcome.error} title={outcome.job === "preview" ? t("propensity.failed.preview") : t("propensity.failed.download")} />
      ) : null}
      {actionError ? <ErrorMessageBar error={actionError} title={t("propensity.reports.actionFailed")} /> : null}
      </div>

      {shownPreview ? (
        <Card ref={previewRef} className={styles.card} data-testid="report-preview-card">
          <div className={styles.previewHeader}>
            <div className={styles.stepTitle}>
              <Text as="h2" size={500} weight="semibold" className={styles.heading}>
                {t("propensity.preview.heading")}
              </Text>
              <Text size={200} className={styles.muted} data-testid="preview-facts">
                {shownPreview.rowsInRange === null
                  ? t("propensity.preview.factsPartial", { shown: shownPreview.rows.length, customers: shownPreview.customers, date: format.date(shownPreview.asOf) })
                  : t("propensity.preview.facts", {
                      shown: shownPreview.rows.length,
                      rows: shownPreview.rowsInRange,
                      customers: shownPreview.customers,
                      date: format.date(shownPreview.asOf),
                    })}
              </Text>
            </div>
            <Button appearance="subtle" icon={<Dismiss20Regular />} onClick={() => setPreview(null)} data-testid="preview-close">
              {t("propensity.preview.close")}
            </Button>
          </div>
          {shownPreview.rows.length === 0 ? (
            <Text className={styles.muted} data-testid="preview-empty">
              {t("propensity.preview.empty")}
            </Text>
          ) : (
            <PreviewGrid preview={shownPreview} />
          )}
        </Card>
      ) : null}

      {scheduling && spec ? (
        <ScheduleDialog
          spec={spec}
          onClose={() => setScheduling(false)}
          onCreated={(schedule) => {
            setScheduling(false);
            setOutcome({ kind: "scheduled", schedule });
            onChanged();
          }}
        />
      ) : null}
    </div>
  );
}
