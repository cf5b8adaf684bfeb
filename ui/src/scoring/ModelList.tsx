import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { ArrowDown16Regular, ArrowUp16Regular } from "@fluentui/react-icons";
import type { ScoringModelSummary_Serialize as ScoringModelSummary } from "../bindings";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { AccuracyBadge, FilterTags } from "./badges";

const useStyles = makeStyles({
  table: {
    tableLayout: "auto",
    width: "100%",
  },
  modelHeader: {
    minWidth: "200px",
  },
  nowrap: {
    whiteSpace: "nowrap",
  },
  row: {
    cursor: "pointer",
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    ":hover": {
      backgroundColor: tokens.colorBrandBackground2Hover,
    },
  },
  rank: {
    fontVariantNumeric: "tabular-nums",
    color: tokens.colorNeutralForeground3,
  },
  model: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  name: {
    padding: 0,
    minWidth: 0,
    maxWidth: "100%",
    height: "auto",
    justifyContent: "flex-start",
    fontWeight: tokens.fontWeightSemibold,
    textAlign: "start",
    overflowWrap: "break-word",
  },
  numeric: {
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
    "& > div, & > button": {
      justifyContent: "flex-end",
    },
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  moves: {
    display: "flex",
    gap: tokens.spacingHorizontalXXS,
  },
});

interface ModelListProps {
  models: readonly ScoringModelSummary[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** Moves a model one place up (-1) or down (+1) in the scoring order. */
  onMove: (id: number, step: -1 | 1) => void;
  /** A reorder is on its way: the arrows wait. */
  busy: boolean;
}

/**
 * The models in scoring order (the first published model whose filter matches a lead scores it),
 * each with its filter, published version, accuracy, open leads scored and next retraining.
 */
export function ModelList({ models, selectedId, onSelect, onMove, busy }: ModelListProps) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  return (
    <Table size="small" className={styles.table} aria-label={t("scoring.models.tableLabel")} data-testid="scoring-model-table">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.nowrap}>{t("scoring.models.col.position")}</TableHeaderCell>
          <TableHeaderCell className={styles.modelHeader}>{t("scoring.models.col.model")}</TableHeaderCell>
          <TableHeaderCell className={styles.nowrap}>{t("scoring.models.col.published")}</TableHeaderCell>
          <TableHeaderCell className={styles.nowrap}>{t("scoring.models.col.accuracy")}</TableHeaderCell>
          <TableHeaderCell className={mergeClasses(styles.nowrap, styles.numeric)}>{t("scoring.models.col.scored")}</TableHeaderCell>
          <TableHeaderCell className={styles.nowrap}>{t("scoring.models.col.retrain")}</TableHeaderCell>
          <TableHeaderCell className={styles.nowrap}>
            <span className={styles.muted}>{t("scoring.models.col.order")}</span>
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {models.map((m, index) => {
          const published = m.versions.find((v) => v.version === m.publishedVersion) ?? null;
          const selected = m.id === selectedId;
          const retrain = !m.autoRetrain
            ? t("scoring.models.retrainOff")
            : m.retrainDueAt
              ? format.day(m.retrainDueAt)
              : t("scoring.models.retrainAfterPublish");
          return (
            <TableRow
              key={m.id}
              className={mergeClasses(styles.row, selected ? styles.selected : undefined)}
              aria-selected={selected}
              onClick={() => onSelect(m.id)}
              data-testid="scoring-model-row"
              data-model-id={m.id}
              data-selected={selected}
            >
              <TableCell className={styles.rank}>{format.number(m.position)}</TableCell>
              <TableCell>
                <div className={styles.model}>
                  <Button
                    appearance="transparent"
                    className={styles.name}
                    aria-pressed={selected}
                    onClick={(event) => {
                      event.stopPropagation();
                      onSelect(m.id);
                    }}
                    data-testid="scoring-model-name"
                  >
                    {m.name}
                  </Button>
                  <FilterTags filter={m.filter} />
                </div>
              </TableCell>
              <TableCell className={styles.nowrap} data-testid="scoring-model-published">
                {m.publishedVersion === null ? (
                  <Text className={styles.muted}>{t("scoring.models.notPublished")}</Text>
                ) : (
                  t("scoring.version.name", { version: m.publishedVersion })
                )}
              </TableCell>
              <TableCell>{published ? <AccuracyBadge status={published.accuracyStatus} label={published.accuracyLabel} /> : <Text className={styles.muted}>–</Text>}</TableCell>
              <TableCell className={styles.numeric} data-testid="scoring-model-scored">
                {format.number(m.scoredLeads)}
              </TableCell>
              <TableCell className={styles.nowrap}>{retrain}</TableCell>
              <TableCell>
                <div className={styles.moves}>
                  <Tooltip content={t("scoring.models.moveUp", { name: m.name })} relationship="label">
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<ArrowUp16Regular />}
                      disabled={busy || index === 0}
                      onClick={(event) => {
                        event.stopPropagation();
                        onMove(m.id, -1);
                      }}
                      data-testid="scoring-model-up"
                    />
                  </Tooltip>
                  <Tooltip content={t("scoring.models.moveDown", { name: m.name })} relationship="label">
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<ArrowDown16Regular />}
                      disabled={busy || index === models.length - 1}
                      onClick={(event) => {
                        event.stopPropagation();
                        onMove(m.id, 1);
                      }}
                      data-testid="scoring-model-down"
                    />
                  </Tooltip>
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
