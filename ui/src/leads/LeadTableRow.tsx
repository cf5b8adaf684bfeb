import { memo, type FocusEvent, type KeyboardEvent, type MouseEvent } from "react";
import { SkeletonItem, TableCell, TableRow, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { EyeOff16Regular } from "@fluentui/react-icons";
import type { LeadRow_Serialize as LeadRow } from "../bindings";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { ScoreBadge } from "./ScoreBadge";
import { FlameIcon, HeartButton, QualityBadge, StatusBadge, ValidityBadge, isInformational, timeLeftText } from "./badges";
import { LEAD_ROW_HEIGHT, type LeadColumn } from "./columns";
import { CTA_LABELS, SOURCE_LABELS, TYPE_LABELS } from "./labels";

const useStyles = makeStyles({
  row: {
    height: `${LEAD_ROW_HEIGHT}px`,
    cursor: "pointer",
    scrollMarginTop: "48px",
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  cell: {
    overflow: "hidden",
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalXS,
  },
  marker: {
    display: "flex",
    alignItems: "center",
    gap: "2px",
  },
  twoLines: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: "2px",
    minWidth: 0,
  },
  ellipsis: {
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
    maxWidth: "100%",
  },
  secondary: {
    color: tokens.colorNeutralForeground3,
  },
  hidden: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground3,
    fontStyle: "italic",
  },
  urgent: {
    color: tokens.colorPaletteRedForeground1,
  },
  nowrap: {
    whiteSpace: "nowrap",
    fontVariantNumeric: "tabular-nums",
  },
  skeleton: {
    width: "70%",
  },
});

export interface LeadRowHandlers {
  onOpen: (row: LeadRow) => void;
  onToggleFavourite: (row: LeadRow) => void;
  onRowKeyDown: (index: number, event: KeyboardEvent<HTMLTableRowElement>) => void;
  onRowFocus: (index: number) => void;
}

interface LeadTableRowProps extends LeadRowHandlers {
  columns: readonly LeadColumn[];
  /** Narrow table: validity as icons. */
  compact: boolean;
  index: number;
  /** Undefined while its window loads. */
  row: LeadRow | undefined;
  /** The row that Tab reaches (roving tab stop). */
  tabbable: boolean;
  hintId: string;
}

/** A click on the row itself, not on one of its buttons. */
function isRowClick(event: MouseEvent<HTMLElement>): boolean {
  const target = event.target as Node;
  if (!event.currentTarget.contains(target)) return false;
  return !(target instanceof Element && target.closest("button, a, input"));
}

/**
 * One lead: heart and flame, customer (offer under it), contact, e-mail and phone validity,
 * call to action, source (type under it), quality, status (time left under it) and creation.
 */
export const LeadTableRow = memo(function LeadTableRow({
  columns,
  compact,
  index,
  row,
  tabbable,
  hintId,
  onOpen,
  onToggleFavourite,
  onRowKeyDown,
  onRowFocus,
}: LeadTableRowProps) {
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
      <TableRow className={styles.row} {...common} aria-busy="true" data-testid="lead-row-loading">
        {columns.map((column) => (
          <TableCell key={column.id} className={styles.cell}>
            {column.id === "marker" ? null : <SkeletonItem size={12} className={styles.skeleton} aria-label={t("leads.table.loadingRow")} />}
          </TableCell>
        ))}
      </TableRow>
    );
  }

  const contactLine = [row.email, row.phone].filter((part): part is string => Boolean(part)).join(" · ");
  const informational = isInformational(row);
  const waiting = row.substatus === "Received" && row.hoursLeft !== null;
  return (
    <TableRow
      className={styles.row}
      {...common}
      aria-describedby={hintId}
      data-testid="lead-row"
      data-id={row.id}
      onClick={(event) => {
        if (isRowClick(event)) onOpen(row);
      }}
    >
      <TableCell className={styles.cell}>
        <div className={styles.marker}>
          <HeartButton favourite={row.favourite} customer={row.customerName} tabIndex={tabbable ? 0 : -1} onToggle={() => onToggleFavourite(row)} />
          {row.flame ? <FlameIcon flame={row.flame} /> : null}
        </div>
      </TableCell>
      <TableCell className={styles.cell}>
        <div className={styles.twoLines}>
          <Text weight="semibold" className={styles.ellipsis} title={row.customerName}>
            {row.customerName}
          </Text>
          <Text size={200} className={mergeClasses(styles.ellipsis, styles.secondary)} title={row.offerName}>
            {row.offerName}
          </Text>
        </div>
      </TableCell>
      <TableCell className={styles.cell}>
        <ScoreBadge score={row.score} />
      </TableCell>
      <TableCell className={styles.cell}>
        {row.contactHidden ? (
          <Text size={200} className={styles.hidden} data-testid="contact-hidden">
            <EyeOff16Regular aria-hidden="true" />
            {t("leads.contact.hiddenShort")}
          </Text>
        ) : (
          <div className={styles.twoLines}>
            <Text className={styles.ellipsis} title={row.contactName ?? undefined}>
              {row.contactName || "–"}
            </Text>
            <Text size={200} className={mergeClasses(styles.ellipsis, styles.secondary)} title={contactLine}>
              {contactLine || "–"}
            </Text>
          </div>
        )}
      </TableCell>
      <TableCell className={styles.cell}>
        <ValidityBadge kind="email" validity={row.emailValidity} compact={compact} />
      </TableCell>
      <TableCell className={styles.cell}>
        <ValidityBadge kind="phone" validity={row.phoneValidity} compact={compact} />
      </TableCell>
      <TableCell className={styles.cell}>
        <Text size={200}>{row.callToAction ? t(CTA_LABELS[row.callToAction]) : "–"}</Text>
      </TableCell>
      <TableCell className={styles.cell}>
        <div className={styles.twoLines}>
          <Text size={200} className={styles.ellipsis} title={t(SOURCE_LABELS[row.source])}>
            {t(SOURCE_LABELS[row.source])}
          </Text>
          <Text size={200} className={mergeClasses(styles.ellipsis, styles.secondary)}>
            {t(TYPE_LABELS[row.leadType])}
          </Text>
        </div>
      </TableCell>
      <TableCell className={styles.cell}>
        <QualityBadge quality={row.quality} />
      </TableCell>
      <TableCell className={styles.cell}>
        <div className={styles.twoLines}>
          <StatusBadge substatus={row.substatus} />
          {waiting ? (
            <Text
              size={200}
              className={mergeClasses(styles.ellipsis, informational ? styles.secondary : (row.hoursLeft ?? 0) < 48 ? styles.urgent : styles.secondary)}
              title={informational ? t("leads.informationalShort") : timeLeftText(t, row.hoursLeft ?? 0)}
              data-testid="time-left"
            >
              {informational ? t("leads.informationalShort") : timeLeftText(t, row.hoursLeft ?? 0)}
            </Text>
          ) : null}
        </div>
      </TableCell>
      <TableCell className={styles.cell}>
        <div className={styles.twoLines}>
          <Text size={200} className={styles.nowrap}>
            {format.day(row.createdAt)}
          </Text>
          <Text size={200} className={mergeClasses(styles.nowrap, styles.secondary)}>
            {format.time(row.createdAt)}
          </Text>
        </div>
      </TableCell>
    </TableRow>
  );
});
