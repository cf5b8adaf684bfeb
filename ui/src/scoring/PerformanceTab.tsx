import {
  InfoLabel,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import type { ScoringModelSummary_Serialize as ScoringModelSummary, VersionView_Serialize as VersionView } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useFormat } from "../format/useFormat";
import type { MessageKey } from "../i18n/en";
import { useI18n, type Translate } from "../i18n/I18nContext";
import { AccuracyBadge, GradeBadge, VersionStateBadge } from "./badges";
import { scoringNumbers, type ScoringNumbers } from "./numbers";
import type { VersionViewState } from "./useVersionView";
import { TrainButton, TrainingFeedback, type TrainingState } from "./VersionsTab";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
  },
  dimmed: {
    opacity: 0.55,
  },
  factsBlock: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  method: {
    color: tokens.colorNeutralForeground2,
  },
  facts: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground2,
  },
  top: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(280px, 400px)",
    gap: tokens.spacingHorizontalXL,
    alignItems: "start",
    "@media (max-width: 1100px)": {
      gridTemplateColumns: "minmax(0, 1fr)",
    },
  },
  metrics: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(150px, 1fr))",
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  metric: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  metricLabel: {
    color: tokens.colorNeutralForeground2,
  },
  metricValue: {
    fontVariantNumeric: "tabular-nums",
  },
  metricSub: {
    color: tokens.colorNeutralForeground3,
  },
  figure: {
    margin: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  chartBox: {
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflow: "hidden",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  chart: {
    display: "block",
    width: "100%",
    height: "auto",
  },
  caption: {
    color: tokens.colorNeutralForeground3,
  },
  left: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    minWidth: 0,
  },
  bottom: {
    maxWidth: "760px",
  },
  block: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  heading: {
    margin: 0,
  },
  matrix: {
    captionSide: "bottom",
    borderCollapse: "collapse",
    width: "100%",
    maxWidth: "520px",
    fontVariantNumeric: "tabular-nums",
    "& th, & td": {
      padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      textAlign: "center",
    },
    "& th": {
      fontWeight: tokens.fontWeightRegular,
      color: tokens.colorNeutralForeground2,
      fontSize: tokens.fontSizeBase200,
    },
  },
  matrixCaption: {
    textAlign: "start",
    paddingTop: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground3,
  },
  hit: {
    backgroundColor: tokens.colorPaletteGreenBackground1,
  },
  miss: {
    backgroundColor: tokens.colorPaletteRedBackground1,
  },
  cellValue: {
    display: "block",
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  cellName: {
    display: "block",
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase100,
  },
  numeric: {
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
    "& > div, & > button": {
      justifyContent: "flex-end",
    },
  },
  gradeCell: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    whiteSpace: "nowrap",
  },
  empty: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalM,
  },
  muted: {
    color: tokens.colorNeutralForeground2,
  },
});

type MetricId =
  | "rocAuc"
  | "accuracy"
  | "precision"
  | "recall"
  | "f1"
  | "prAuc"
  | "logLoss"
  | "brier"
  | "ece"
  | "threshold"
  | "conversion";

const METRIC_KEYS: Readonly<Record<MetricId, { label: MessageKey; info: MessageKey }>> = {
  rocAuc: { label: "scoring.metric.rocAuc", info: "scoring.metric.rocAucInfo" },
  accuracy: { label: "scoring.metric.accuracy", info: "scoring.metric.accuracyInfo" },
  precision: { label: "scoring.metric.precision", info: "scoring.metric.precisionInfo" },
  recall: { label: "scoring.metric.recall", info: "scoring.metric.recallInfo" },
  f1: { label: "scoring.metric.f1", info: "scoring.metric.f1Info" },
  prAuc: { label: "scoring.metric.prAuc", info: "scoring.metric.prAucInfo" },
  logLoss: { label: "scoring.metric.logLoss", info: "scoring.metric.logLossInfo" },
  brier: { label: "scoring.metric.brier", info: "scoring.metric.brierInfo" },
  ece: { label: "scoring.metric.ece", info: "scoring.metric.eceInfo" },
  threshold: { label: "scoring.metric.threshold", info: "scoring.metric.thresholdInfo" },
  conversion: { label: "scoring.metric.conversion", info: "scoring.metric.conversionInfo" },
};

function metricValues(view: VersionView, n: ScoringNumbers, t: Translate) {
  const values: Array<[MetricId, string, string | null]> = [
    ["rocAuc", n.decimal(view.rocAuc), null],
    ["accuracy", n.percent(view.accuracy), null],
    ["precision", n.percent(view.precision), null],
    ["recall", n.percent(view.recall), null],
    ["f1", n.percent(view.f1), null],
    ["prAuc", n.decimal(view.prAuc), null],
    ["logLoss", n.decimal(view.logLoss), t("scoring.metric.logLossBefore", { value: n.decimal(view.uncalibratedLogLoss) })],
    ["brier", n.decimal(view.brier), null],
    ["ece", n.finePercent(view.expectedCalibrationError), null],
    ["threshold", String(view.thresholdScore), null],
    ["conversion", n.percent(view.conversionRate), null],
  ];
  return values;
}

function Metrics({ view }: { view: VersionView }) {
  const { t, locale } = useI18n();
  const styles = useStyles();
  const numbers = scoringNumbers(locale);
  return (
    <ul className={styles.metrics} data-testid="performance-metrics">
      {metricValues(view, numbers, t).map(([id, value, sub]) => (
        <li key={id} className={styles.metric} data-testid={`metric-${id}`}>
          <InfoLabel size="small" className={styles.metricLabel} info={t(METRIC_KEYS[id].info)}>
            {t(METRIC_KEYS[id].label)}
          </InfoLabel>
          <Text size={500} weight="semibold" className={styles.metricValue} data-testid="metric-value">
            {value}
          </Text>
          {sub ? (
            <Text size={200} className={styles.metricSub}>
              {sub}
            </Text>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function ConfusionMatrix({ view }: { view: VersionView }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const cell = (value: number, name: MessageKey, good: boolean, id: string) => (
    <td className={good ? styles.hit : styles.miss} data-testid={`confusion-${id}`}>
      <span className={styles.cellValue}>{format.number(value)}</span>
      <span className={styles.cellName}>{t(name)}</span>
    </td>
  );
  return (
    <div className={styles.block}>
      <Text as="h3" size={400} weight="semibold" className={styles.heading}>
        {t("scoring.confusion.heading")}
      </Text>
      <table className={styles.matrix} data-testid="confusion-matrix">
        <caption className={styles.matrixCaption}>
          <Text size={200}>{t("scoring.confusion.caption", { threshold: view.thresholdScore, leads: view.validationRows })}</Text>
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <span className={styles.cellName}>{t("scoring.confusion.actualPredicted")}</span>
            </th>
            <th scope="col">{t("scoring.confusion.predictedQualified")}</th>
            <th scope="col">{t("scoring.confusion.predictedDisqualified")}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t("scoring.confusion.qualified")}</th>
            {cell(view.truePositives, "scoring.confusion.tp", true, "tp")}
            {cell(view.falseNegatives, "scoring.confusion.fn", false, "fn")}
          </tr>
          <tr>
            <th scope="row">{t("scoring.confusion.disqualified")}</th>
            {cell(view.falsePositives, "scoring.confusion.fp", false, "fp")}
            {cell(view.trueNegatives, "scoring.confusion.tn", true, "tn")}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function GradesPerformance({ view }: { view: VersionView }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const numbers = scoringNumbers(locale);
  return (
    <div className={styles.block}>
      <Text as="h3" size={400} weight="semibold" className={styles.heading}>
        {t("scoring.gradePerf.heading")}
      </Text>
      <Table size="small" aria-label={t("scoring.gradePerf.heading")} data-testid="grade-performance">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("scoring.gradePerf.grade")}</TableHeaderCell>
            <TableHeaderCell className={styles.numeric}>{t("scoring.gradePerf.leads")}</TableHeaderCell>
            <TableHeaderCell className={styles.numeric}>{t("scoring.gradePerf.qualified")}</TableHeaderCell>
            <TableHeaderCell className={styles.numeric}>{t("scoring.gradePerf.precision")}</TableHeaderCell>
            <TableHeaderCell className={styles.numeric}>{t("scoring.gradePerf.recall")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {view.grades.map((g) => (
            <TableRow key={g.grade} data-testid="grade-performance-row" data-grade={g.grade}>
              <TableCell>
                <span className={styles.gradeCell}>
                  <GradeBadge grade={g.grade} />
                  <Text size={200}>{t("scoring.grades.range", { min: g.min, max: g.max })}</Text>
                </span>
              </TableCell>
              <TableCell className={styles.numeric}>{format.number(g.leads)}</TableCell>
              <TableCell className={styles.numeric}>{format.number(g.qualified)}</TableCell>
              <TableCell className={styles.numeric} data-testid="grade-precision">
                {numbers.percent(g.precisionAtOrAbove)}
              </TableCell>
              <TableCell className={styles.numeric} data-testid="grade-recall">
                {numbers.percent(g.recallAtOrAbove)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Text size={200} className={styles.caption}>
        {t("scoring.gradePerf.caption")}
      </Text>
    </div>
  );
}

interface PerformanceTabProps {
  model: ScoringModelSummary;
  minPerOutcome: number;
  report: VersionViewState;
  training: TrainingState;
  onTrain: () => void;
}

/**
 * A version's performance on its validation leads (the most recent 20%), as Dynamics 365's
 * Performance tab shows it, plus calibration: the metrics, the ROC curve (drawn in Rust, shown
 * as an image), the confusion matrix at the threshold, and precision and recall per grade.
 */
export function PerformanceTab({ model, minPerOutcome, report, training, onTrain }: PerformanceTabProps) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const numbers = scoringNumbers(locale);
  if (model.versions.length === 0) {
    return (
      <div className={styles.empty} data-testid="performance-untrained">
        <Text className={styles.muted}>{t("scoring.performance.untrained", { qualified: model.qualified, disqualified: model.disqualified })}</Text>
        <TrainButton training={training} onTrain={onTrain} primary />
        <TrainingFeedback model={model} min={minPerOutcome} training={training} />
      </div>
    );
  }
  const view = report.view;
  if (!view) {
    return report.error ? <ErrorMessageBar error={report.error} title={t("scoring.performance.loadFailed")} /> : <Spinner size="small" label={t("app.loading")} />;
  }
  const v = view.summary;
  const alt = t("scoring.performance.rocAlt", { version: v.version, auc: numbers.decimal(view.rocAuc), leads: view.validationRows });
  return (
    <div className={mergeClasses(styles.root, report.loading ? styles.dimmed : undefined)} aria-busy={report.loading} data-testid="performance-tab" data-version={v.version}>
      {report.error ? <ErrorMessageBar error={report.error} title={t("scoring.performance.loadFailed")} /> : null}
      <div className={styles.factsBlock} data-testid="performance-facts">
        <div className={styles.facts}>
          <Text weight="semibold">{t("scoring.version.name", { version: v.version })}</Text>
          <VersionStateBadge state={v.state} />
          <AccuracyBadge status={v.accuracyStatus} label={v.accuracyLabel} />
          <Text size={200}>{t("scoring.performance.trained", { date: format.dateTime(v.trainedAt) })}</Text>
        </div>
        <Text size={200} className={styles.method}>
          {t("scoring.performance.rows", { training: view.trainingRows, validation: view.validationRows })}
          {" · "}
          {t("scoring.performance.method", { learner: v.learner, calibration: view.calibration, since: format.day(view.windowStart) })}
        </Text>
      </div>
      <div className={styles.top}>
        <div className={styles.left}>
          <Metrics view={view} />
          <ConfusionMatrix view={view} />
        </div>
        <figure className={styles.figure}>
          <div className={styles.chartBox}>
            <img className={styles.chart} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(view.rocSvg)}`} alt={alt} data-testid="roc-chart" />
          </div>
          <figcaption className={styles.caption}>
            <Text size={200}>{t("scoring.performance.rocCaption")}</Text>
          </figcaption>
        </figure>
      </div>
      <div className={styles.bottom}>
        <GradesPerformance view={view} />
      </div>
    </div>
  );
}
