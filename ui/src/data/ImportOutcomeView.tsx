import { useState } from "react";
import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import {
  DocumentTable20Regular,
  ErrorCircle16Filled,
  EyeOff16Regular,
  Info16Regular,
  Warning16Filled,
} from "@fluentui/react-icons";
import type { ImportOutcome, ImportProblem, ImportedFile } from "../bindings";
import { useFormat } from "../format/useFormat";
import { useI18n, type Translate } from "../i18n/I18nContext";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  line: {
    display: "block",
  },
  barList: {
    margin: `${tokens.spacingVerticalXS} 0 0 0`,
    paddingLeft: tokens.spacingHorizontalXL,
  },
  heading: {
    margin: `${tokens.spacingVerticalXS} 0 0 0`,
  },
  files: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  file: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  fileHeader: {
    display: "flex",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalS,
  },
  fileIcon: {
    flexShrink: 0,
    marginTop: "1px",
    color: tokens.colorNeutralForeground3,
  },
  fileTitles: {
    display: "flex",
    flexDirection: "column",
    flex: "1 1 0",
    minWidth: 0,
  },
  fileName: {
    margin: 0,
    overflowWrap: "anywhere",
  },
  badges: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXS,
  },
  path: {
    fontFamily: tokens.fontFamilyMonospace,
    color: tokens.colorNeutralForeground3,
    overflowWrap: "anywhere",
  },
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  pair: {
    display: "contents",
  },
  term: {
    color: tokens.colorNeutralForeground3,
  },
  value: {
    margin: 0,
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  items: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  item: {
    display: "flex",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalS,
  },
  itemIcon: {
    flexShrink: 0,
    // Centres a 16px icon on the first line of 20px text.
    marginTop: "2px",
  },
  // The colours of MessageBar's error and warning icons.
  errorIcon: {
    color: tokens.colorStatusDangerForeground1,
  },
  warningIcon: {
    color: tokens.colorStatusWarningForeground3,
  },
  noteIcon: {
    color: tokens.colorNeutralForeground3,
  },
  itemText: {
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  note: {
    color: tokens.colorNeutralForeground2,
  },
  showAll: {
    alignSelf: "flex-start",
  },
});

/** Problems listed per file before "Show all". */
const PROBLEMS_SHOWN = 50;

/** The file's name without its folder (the backend gives the path the user chose). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** "Line 12, column Seats: reason", or the parts that the problem has. */
export function problemText(t: Translate, problem: ImportProblem): string {
  const line = problem.line ?? null;
  const column = problem.column ?? null;
  const reason = problem.reason;
  // A line number reads as the editor shows it, without a thousands separator.
  if (line !== null && column !== null) return t("data.import.problem.lineColumn", { line: String(line), column, reason });
  if (line !== null) return t("data.import.problem.line", { line: String(line), reason });
  if (column !== null) return t("data.import.problem.column", { column, reason });
  return reason;
}

/** The tenant as the user gave it, with the ID it resolved to when that differs (a domain). */
function tenantText(tenantId: string, given: string | null): string {
  return given && given.toLowerCase() !== tenantId.toLowerCase() ? `${given} (${tenantId})` : tenantId;
}

/** What an import did: a success or refusal bar, notes, then each file with its problems. */
export function ImportOutcomeView({ outcome, tenantGiven }: { outcome: ImportOutcome; tenantGiven: string | null }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const refresh = outcome.refresh ?? null;
  const tenant = outcome.tenantId ? tenantText(outcome.tenantId, tenantGiven) : null;
  return (
    <div className={styles.root} data-testid="import-outcome">
      {outcome.imported ? (
        <MessageBar intent="success" layout="multiline" data-testid="import-success">
          <MessageBarBody>
            <MessageBarTitle>{t("data.import.doneTitle")}</MessageBarTitle>
            {outcome.leads ? (
              <span className={styles.line} data-testid="import-lead-counts">
                {t("data.import.leadsDone", {
                  added: outcome.leads.added,
                  updated: outcome.leads.updated,
                  unchanged: outcome.leads.unchanged,
                  skipped: outcome.leads.skippedOlder,
                })}
                {outcome.leads.expiredNow > 0 ? ` ${t("data.import.leadsExpired", { count: outcome.leads.expiredNow })}` : null}
              </span>
            ) : (
              <span className={styles.line} data-testid="import-counts">
                {t("data.import.done", {
                  asOf: outcome.asOf ? format.date(outcome.asOf) : "–",
                  usageRows: outcome.usageRows,
                  userActivityRows: outcome.userActivityRows,
                  opportunities: outcome.opportunities,
                })}
              </span>
            )}
            {tenant ? <span className={styles.line}>{t("data.import.doneTenant", { tenant })}</span> : null}
            {refresh ? (
              <span className={styles.line} data-testid="import-refresh">
                {t("data.import.refreshed", {
                  opportunities: refresh.opportunities,
                  new: refresh.new,
                  kept: refresh.kept,
                  gone: refresh.gone,
                })}
              </span>
            ) : null}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="error" layout="multiline" data-testid="import-refused">
          <MessageBarBody>
            <MessageBarTitle>{t("data.import.refusedTitle")}</MessageBarTitle>
            <span className={styles.line}>{t("data.import.refused")}</span>
            {outcome.errors.length > 0 ? (
              <ul className={styles.barList} data-testid="import-errors">
                {outcome.errors.map((error, i) => (
                  <li key={i}>{error}</li>
                ))}
              </ul>
            ) : null}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome.notes.length > 0 ? (
        <section>
          <Text as="h3" size={400} weight="semibold" className={styles.heading}>
            {t("data.import.notes")}
          </Text>
          <Notes notes={outcome.notes} testId="import-note" />
        </section>
      ) : null}
      {outcome.files.length > 0 ? (
        <section className={styles.root}>
          <Text as="h3" size={400} weight="semibold" className={styles.heading}>
            {t("data.import.files", { count: outcome.files.length })}
          </Text>
          <ul className={styles.files}>
            {outcome.files.map((file, i) => (
              <FileReport key={`${i}:${file.file}`} file={file} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function Notes({ notes, testId }: { notes: readonly string[]; testId: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.items}>
      {notes.map((note, i) => (
        <li key={i} className={styles.item} data-testid={testId}>
          <Info16Regular className={mergeClasses(styles.itemIcon, styles.noteIcon)} aria-hidden="true" />
          <Text size={200} className={mergeClasses(styles.itemText, styles.note)}>
            {note}
          </Text>
        </li>
      ))}
    </ul>
  );
}

/** One file: name, path, the format recognised, rows, names concealed, problems and notes. */
function FileReport({ file }: { file: ImportedFile }) {
  const { t } = useI18n();
  const styles = useStyles();
  const [showAll, setShowAll] = useState(false);
  const name = baseName(file.file);
  const errors = file.problems.filter((p) => p.error).length;
  const warnings = file.problems.length - errors;
  const problems = showAll ? file.problems : file.problems.slice(0, PROBLEMS_SHOWN);
  return (
    <li className={styles.file} data-testid="import-file" data-file={name}>
      <div className={styles.fileHeader}>
        <DocumentTable20Regular className={styles.fileIcon} aria-hidden="true" />
        <div className={styles.fileTitles}>
          <Text as="h4" weight="semibold" className={styles.fileName} data-testid="import-file-name">
            {name}
          </Text>
          {name !== file.file ? (
            <Text size={200} className={styles.path}>
              {file.file}
            </Text>
          ) : null}
        </div>
      </div>
      {errors > 0 || warnings > 0 || file.concealed ? (
        <div className={styles.badges}>
          {errors > 0 ? (
            <Badge appearance="tint" color="danger" icon={<ErrorCircle16Filled />} data-testid="import-file-errors">
              {t("data.import.file.errors", { count: errors })}
            </Badge>
          ) : null}
          {warnings > 0 ? (
            <Badge appearance="tint" color="warning" icon={<Warning16Filled />} data-testid="import-file-warnings">
              {t("data.import.file.warnings", { count: warnings })}
            </Badge>
          ) : null}
          {file.concealed ? (
            <Badge appearance="tint" color="informative" icon={<EyeOff16Regular />} data-testid="import-file-concealed">
              {t("data.import.file.concealed")}
            </Badge>
          ) : null}
        </div>
      ) : null}
      <dl className={styles.facts}>
        <div className={styles.pair}>
          <dt className={styles.term}>
            <Text size={200}>{t("data.import.file.kind")}</Text>
          </dt>
          <dd className={styles.value}>
            <Text size={200} data-testid="import-file-kind">
              {file.kind}
            </Text>
          </dd>
        </div>
        <div className={styles.pair}>
          <dt className={styles.term}>
            <Text size={200}>{t("data.import.file.rows")}</Text>
          </dt>
          <dd className={styles.value}>
            <Text size={200} data-testid="import-file-rows">
              {t("data.import.file.rowsValue", { read: file.rowsRead, accepted: file.rowsAccepted })}
            </Text>
          </dd>
        </div>
      </dl>
      {problems.length > 0 ? (
        <ul className={styles.items} aria-label={t("data.import.file.problemsLabel", { file: name })}>
          {problems.map((problem, i) => (
            <li key={i} className={styles.item} data-testid="import-problem" data-severity={problem.error ? "error" : "warning"}>
              {problem.error ? (
                <ErrorCircle16Filled className={mergeClasses(styles.itemIcon, styles.errorIcon)} aria-hidden="true" />
              ) : (
                <Warning16Filled className={mergeClasses(styles.itemIcon, styles.warningIcon)} aria-hidden="true" />
              )}
              <Text size={200} className={styles.itemText}>
                <Text size={200} weight="semibold">
                  {problem.error ? t("data.import.problem.error") : t("data.import.problem.warning")}
                </Text>
                {" "}
                <span data-testid="import-problem-text">{problemText(t, problem)}</span>
              </Text>
            </li>
          ))}
        </ul>
      ) : null}
      {problems.length < file.problems.length ? (
        <Button appearance="transparent" size="small" className={styles.showAll} onClick={() => setShowAll(true)}>
          {t("data.import.file.showAll", { count: file.problems.length })}
        </Button>
      ) : null}
      {file.notes.length > 0 ? <Notes notes={file.notes} testId="import-file-note" /> : null}
    </li>
  );
}
