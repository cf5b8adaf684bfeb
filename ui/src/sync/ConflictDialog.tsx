import { useState, type ReactNode } from "react";
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
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
import { commands, type IpcError, type LeadSide, type QueueItem, type Resolution } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useFormat } from "../format/useFormat";
import type { MessageKey } from "../i18n/en";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { StatusBadge } from "../leads/badges";
import { SUBSTATUS_LABELS } from "../leads/labels";

const useStyles = makeStyles({
  surface: {
    width: "min(820px, calc(100vw - 32px))",
    maxWidth: "none",
  },
  content: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  intro: {
    color: tokens.colorNeutralForeground2,
  },
  frame: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    overflow: "hidden",
  },
  table: {
    tableLayout: "fixed",
  },
  fieldCol: {
    width: "24%",
  },
  header: {
    fontWeight: tokens.fontWeightSemibold,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  field: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground2,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
  },
  differs: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
  },
  differsCell: {
    fontWeight: tokens.fontWeightSemibold,
  },
  value: {
    overflowWrap: "anywhere",
    whiteSpace: "pre-wrap",
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
  },
  empty: {
    color: tokens.colorNeutralForeground4,
  },
  reason: {
    color: tokens.colorNeutralForeground2,
  },
  actions: {
    justifyContent: "flex-end",
  },
});

type Field = "substatus" | "dealValue" | "dealName" | "estimatedClose" | "notes" | "statusReason" | "industry" | "companySize" | "updatedAt";

const FIELDS: readonly { field: Field; label: MessageKey }[] = [
  { field: "substatus", label: "sync.conflict.field.substatus" },
  { field: "dealValue", label: "sync.conflict.field.dealValue" },
  { field: "dealName", label: "sync.conflict.field.dealName" },
  { field: "estimatedClose", label: "sync.conflict.field.estimatedClose" },
  { field: "notes", label: "sync.conflict.field.notes" },
  { field: "statusReason", label: "sync.conflict.field.statusReason" },
  { field: "industry", label: "sync.conflict.field.industry" },
  { field: "companySize", label: "sync.conflict.field.companySize" },
  { field: "updatedAt", label: "sync.conflict.field.updatedAt" },
];

/** A field's value to compare: the deal value goes with its currency. */
function comparable(side: LeadSide, field: Field): string {
  switch (field) {
    case "dealValue":
      return side.dealValue === null || side.dealValue === undefined ? "" : `${side.dealValue} ${side.currency ?? ""}`;
    default:
      return (side[field] ?? "").trim();
  }
}

interface ConflictDialogProps {
  item: QueueItem;
  /** The resolution was saved: the queue as it is now. */
  onResolved: (queue: QueueItem[], resolution: Resolution) => void;
  onClose: () => void;
}

/**
 * The lead here beside Partner Center's copy, the differing fields highlighted; Keep mine (when
 * Partner Center's lifecycle allows it) or Take Partner Center's, each confirmed before it is saved.
 */
export function ConflictDialog({ item, onResolved, onClose }: ConflictDialogProps) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const [choice, setChoice] = useState<Resolution | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const mine = item.local;
  const theirs = item.remote ?? null;

  const show = (side: LeadSide, field: Field): ReactNode => {
    const empty = <span className={styles.empty}>—</span>;
    switch (field) {
      case "substatus":
        return <StatusBadge substatus={side.substatus} />;
      case "dealValue":
        return side.dealValue === null || side.dealValue === undefined ? empty : format.money(side.dealValue, side.currency ?? "USD");
      case "estimatedClose":
        return side.estimatedClose ? format.date(side.estimatedClose.slice(0, 10)) : empty;
      case "updatedAt":
        return format.dateTime(side.updatedAt);
      default: {
        const value = side[field];
        return value ? value : empty;
      }
    }
  };

  async function resolve(resolution: Resolution) {
    setRunning(true);
    setError(null);
    const result = await settle(commands.resolveSyncConflict(item.leadId, resolution));
    setRunning(false);
    if (result.status === "error") {
      setError(result.error);
      setChoice(null);
      return;
    }
    onResolved(result.data, resolution);
  }

  const cannotKeep =
    theirs !== null && !item.canKeepMine
      ? t("sync.conflict.cannotKeep", { theirs: t(SUBSTATUS_LABELS[theirs.substatus]), mine: t(SUBSTATUS_LABELS[mine.substatus]) })
      : null;

  return (
    <Dialog
      open
      modalType="modal"
      onOpenChange={(_, data) => {
        if (!data.open && !running) onClose();
      }}
    >
      <DialogSurface className={styles.surface} data-testid="conflict-dialog">
        <DialogBody>
          <DialogTitle>{t("sync.conflict.title", { customer: item.customerName })}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text className={styles.intro}>{t("sync.conflict.intro")}</Text>
            {error ? <ErrorMessageBar error={error} title={t("sync.conflict.failed")} /> : null}
            {theirs === null ? (
              <MessageBar intent="warning" layout="multiline" data-testid="conflict-no-remote">
                <MessageBarBody>{t("sync.conflict.noRemote")}</MessageBarBody>
              </MessageBar>
            ) : (
              <div className={styles.frame}>
                <Table size="small" className={styles.table} aria-label={t("sync.conflict.title", { customer: item.customerName })} data-testid="conflict-table">
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell className={mergeClasses(styles.header, styles.fieldCol)}>{t("sync.conflict.field")}</TableHeaderCell>
                      <TableHeaderCell className={styles.header}>{t("sync.conflict.mine")}</TableHeaderCell>
                      <TableHeaderCell className={styles.header}>{t("sync.conflict.theirs")}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {FIELDS.map(({ field, label }) => {
                      const differs = comparable(mine, field) !== comparable(theirs, field);
                      return (
                        <TableRow
                          key={field}
                          className={differs ? styles.differs : undefined}
                          data-testid={`conflict-field-${field}`}
                          data-differs={differs ? "true" : "false"}
                        >
                          <TableCell>
                            <span className={mergeClasses(styles.field, differs ? styles.differsCell : undefined)}>
                              {t(label)}
                              {differs ? (
                                <Badge appearance="filled" color="warning" size="small" data-testid="conflict-differs">
                                  {t("sync.conflict.differs")}
                                </Badge>
                              ) : null}
                            </span>
                          </TableCell>
                          <TableCell>
                            <div className={styles.value} data-testid="conflict-mine">
                              {show(mine, field)}
                            </div>
                          </TableCell>
                          <TableCell>
                            <div className={styles.value} data-testid="conflict-theirs">
                              {show(theirs, field)}
                            </div>
                          </TableCell>
                        </TableRow>
                      );
                    })}
                  </TableBody>
                </Table>
              </div>
            )}
            {cannotKeep ? (
              <Text className={styles.reason} id={`keep-mine-reason-${item.leadId}`} data-testid="keep-mine-reason">
                {cannotKeep}
              </Text>
            ) : null}
            {choice ? (
              <MessageBar intent="warning" layout="multiline" data-testid="conflict-confirm-text">
                <MessageBarBody>{t(choice === "keepMine" ? "sync.conflict.confirmMine" : "sync.conflict.confirmTheirs")}</MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions fluid className={styles.actions}>
            {choice ? (
              <>
                <Button
                  appearance="primary"
                  disabled={running}
                  icon={running ? <Spinner size="tiny" /> : undefined}
                  onClick={() => void resolve(choice)}
                  data-testid="conflict-confirm"
                >
                  {t("sync.conflict.confirm")}
                </Button>
                <Button disabled={running} onClick={() => setChoice(null)} data-testid="conflict-back">
                  {t("sync.conflict.back")}
                </Button>
              </>
            ) : (
              <>
                <Button
                  disabledFocusable={theirs === null || !item.canKeepMine}
                  aria-describedby={cannotKeep ? `keep-mine-reason-${item.leadId}` : undefined}
                  onClick={() => setChoice("keepMine")}
                  data-testid="conflict-keep-mine"
                >
                  {t("sync.conflict.keepMine")}
                </Button>
                <Button disabledFocusable={theirs === null} onClick={() => setChoice("takeTheirs")} data-testid="conflict-take-theirs">
                  {t("sync.conflict.takeTheirs")}
                </Button>
                <Button onClick={onClose} data-testid="conflict-cancel">
                  {t("common.cancel")}
                </Button>
              </>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
