import { memo, type FocusEvent, type KeyboardEvent, type MouseEvent } from "react";
import {
  Button,
  SkeletonItem,
  TableCell,
  TableRow,
  Text,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { ArrowUndo20Regular, EyeOff20Regular } from "@fluentui/react-icons";
import type { OpportunityRow } from "../bindings";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { FeedbackPopover, type SaveFeedback } from "./FeedbackPopover";
import { TYPE_LABELS } from "./labels";
import { ProbabilityBadge } from "./ProbabilityBadge";
import { ROW_HEIGHT, type Column } from "./columns";

const useStyles = makeStyles({
  row: {
    height: `${ROW_HEIGHT}px`,
    cursor: "pointer",
    // Keeps a focused row clear of the sticky header when the browser scrolls it into view.
    scrollMarginTop: "48px",
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  cell: {
    overflow: "hidden",
  },
  twoLines: {
    display: "flex",
    flexDirection: "column",
    minWidth: 0,
  },
  ellipsis: {
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
  domain: {
    color: tokens.colorNeutralForeground3,
  },
  clamp: {
    display: "-webkit-box",
    WebkitLineClamp: 2,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- still what line clamping needs in WebKitGTK and Chromium
    WebkitBoxOrient: "vertical",
    overflow: "hidden",
    lineHeight: tokens.lineHeightBase300,
  },
  numeric: {
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
  },
  nowrap: {
    whiteSpace: "nowrap",
    fontVariantNumeric: "tabular-nums",
  },
  buttons: {
    display: "flex",
    gap: tokens.spacingHorizontalXXS,
  },
  skeleton: {
    width: "70%",
  },
});

export interface RowHandlers {
  onOpen: (row: OpportunityRow) => void;
  onSaveFeedback: (row: OpportunityRow, ...args: Parameters<SaveFeedback>) => ReturnType<SaveFeedback>;
  onDismiss: (row: OpportunityRow) => void;
  /** Brings a dismissed recommendation back into the lists. */
  onRestore: (row: OpportunityRow) => void;
  onRowKeyDown: (index: number, event: KeyboardEvent<HTMLTableRowElement>) => void;
  onRowFocus: (index: number) => void;
}

interface OpportunityTableRowProps extends RowHandlers {
  /** The table's columns (the dismissed list has no Feedback column). */
  columns: readonly Column[];
  index: number;
  /** Undefined while its window loads. */
  row: OpportunityRow | undefined;
  /** The row that Tab reaches (roving tab stop). */
  tabbable: boolean;
  hintId: string;
}

/** A click on the row itself, not on one of its buttons nor inside a popover it opened. */
function isRowClick(event: MouseEvent<HTMLElement>): boolean {
  const target = event.target as Node;
  if (!event.currentTarget.contains(target)) return false;
  return !(target instanceof Element && target.closest("button, a, input, textarea, [role='radio']"));
}

/**
 * One recommendation: customer, recommendation, probability, type, seats, date added, feedback
 * (not in the dismissed list), and Dismiss (or Restore, for a dismissed one).
 */
export const OpportunityTableRow = memo(function OpportunityTableRow({
  columns,
  index,
  row,
  tabbable,
  hintId,
  onOpen,
  onSaveFeedback,
  onDismiss,
  onRestore,
  onRowKeyDown,
  onRowFocus,
}: OpportunityTableRowProps) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const common = {
    "data-index": index,
    "aria-rowindex": index + 2,
    tabIndex: tabbable ? 0 : -1,
    onFocus: (event: FocusEvent<HTMLTableRowElement>) => {
      if (event.target === event.currentTarget) onRowFocus(index);
    },
    onKeyDown: (event: KeyboardEvent<HTMLTableRowElement>) => {
      if (event.target === event.currentTarget) onRowKeyDown(index, event);
    },
  };

  if (!row) {
    return (
      <TableRow className={styles.row} {...common} aria-busy="true" data-testid="opportunity-row-loading">
        {columns.map((column) => (
          <TableCell key={column.id} className={styles.cell}>
            {column.id === "actions" ? null : <SkeletonItem size={12} className={styles.skeleton} aria-label={t("opp.table.loadingRow")} />}
          </TableCell>
        ))}
      </TableRow>
    );
  }

  const buttonTab = tabbable ? 0 : -1;
  const withFeedback = columns.some((column) => column.id === "feedback");
  return (
    <TableRow
      className={styles.row}
      {...common}
      aria-describedby={hintId}
      data-testid="opportunity-row"
      data-key={row.key}
      onClick={(event) => {
        if (isRowClick(event)) onOpen(row);
      }}
    >
      <TableCell className={styles.cell}>
        <div className={styles.twoLines}>
          <Text weight="semibold" className={styles.ellipsis} title={row.customer}>
            {row.customer}
          </Text>
          <Text size={200} className={mergeClasses(styles.ellipsis, styles.domain)} title={row.domain}>
            {row.domain}
          </Text>
        </div>
      </TableCell>
      <TableCell className={styles.cell}>
        <Text className={styles.clamp} title={row.recommendation}>
          {row.recommendation}
        </Text>
      </TableCell>
      <TableCell className={styles.cell}>
        <ProbabilityBadge status={row.status} percent={row.probabilityPct} />
      </TableCell>
      <TableCell className={styles.cell}>
        <Text className={styles.clamp}>{t(TYPE_LABELS[row.type])}</Text>
      </TableCell>
      <TableCell className={mergeClasses(styles.cell, styles.numeric)}>{format.number(row.seats)}</TableCell>
      <TableCell className={mergeClasses(styles.cell, styles.nowrap)}>{format.date(row.dateAdded)}</TableCell>
      {withFeedback ? (
        <TableCell className={styles.cell}>
          <div className={styles.buttons}>
            <FeedbackPopover
              helpful
              customer={row.customer}
              current={row.feedback}
              tabIndex={buttonTab}
              onSave={(feedback) => onSaveFeedback(row, feedback)}
            />
            <FeedbackPopover
              helpful={false}
              customer={row.customer}
              current={row.feedback}
              tabIndex={buttonTab}
              onSave={(feedback) => onSaveFeedback(row, feedback)}
            />
          </div>
        </TableCell>
      ) : null}
      <TableCell className={styles.cell}>
        {row.dismissed ? (
          <Button
            appearance="subtle"
            size="small"
            icon={<ArrowUndo20Regular />}
            aria-label={t("opp.restoreFor", { customer: row.customer })}
            tabIndex={buttonTab}
            onClick={() => onRestore(row)}
            data-testid="restore"
          >
            {t("opp.restore")}
          </Button>
        ) : (
          <Tooltip content={t("opp.dismiss")} relationship="description" withArrow>
            <Button
              appearance="subtle"
              size="small"
              icon={<EyeOff20Regular />}
              aria-label={t("opp.dismissFor", { customer: row.customer })}
              tabIndex={buttonTab}
              onClick={() => onDismiss(row)}
              data-testid="dismiss"
            />
          </Tooltip>
        )}
      </TableCell>
    </TableRow>
  );
});
