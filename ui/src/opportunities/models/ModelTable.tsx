import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { ModelSummary } from "../../bindings";
import { useFormat } from "../../format/useFormat";
import { useI18n } from "../../i18n/I18nContext";
import { METHOD_LABELS } from "../labels";

const useStyles = makeStyles({
  table: {
    tableLayout: "auto",
  },
  name: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
  },
  note: {
    color: tokens.colorNeutralForeground3,
  },
  numeric: {
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
    whiteSpace: "nowrap",
    "& > div, & > button": {
      justifyContent: "flex-end",
    },
  },
  nowrap: {
    whiteSpace: "nowrap",
  },
});

/** How each model did at the last refresh: method, learned or not, validation AUC, rows. */
export function ModelTable({ models }: { models: readonly ModelSummary[] }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const auc = new Intl.NumberFormat(format.locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  return (
    <Table size="small" className={styles.table} aria-label={t("opp.models.tableLabel")} data-testid="model-table">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t("opp.models.col.model")}</TableHeaderCell>
          <TableHeaderCell>{t("opp.models.col.method")}</TableHeaderCell>
          <TableHeaderCell>{t("opp.models.col.source")}</TableHeaderCell>
          <TableHeaderCell className={styles.numeric}>{t("opp.models.col.auc")}</TableHeaderCell>
          <TableHeaderCell className={styles.numeric}>{t("opp.models.col.trainingRows")}</TableHeaderCell>
          <TableHeaderCell className={styles.numeric}>{t("opp.models.col.candidates")}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {models.map((m) => {
          const milli = m.validationAucMilli ?? null;
          const source = m.learned ? "learned" : m.method === "businessRule" ? "rule" : "shipped";
          const detail = [m.learner ?? null, m.note].filter((part) => part !== null && part.trim() !== "").join(" · ");
          return (
            <TableRow key={m.model} data-testid="model-row" data-model={m.model}>
              <TableCell>
                <div className={styles.name}>
                  <Text weight="semibold">{m.name}</Text>
                  {detail ? (
                    <Text size={200} className={styles.note} lang="en" data-testid="model-note">
                      {detail}
                    </Text>
                  ) : null}
                </div>
              </TableCell>
              <TableCell className={styles.nowrap}>{t(METHOD_LABELS[m.method])}</TableCell>
              <TableCell>
                <Badge
                  appearance={m.learned ? "filled" : "tint"}
                  color={m.learned ? "brand" : "informative"}
                  data-testid="model-source"
                  data-source={source}
                >
                  {t(`opp.models.source.${source}`)}
                </Badge>
              </TableCell>
              <TableCell className={styles.numeric} data-testid="model-auc">
                {milli === null ? <span title={t("opp.models.aucNone")} aria-label={t("opp.models.aucNone")}>–</span> : auc.format(milli / 1000)}
              </TableCell>
              <TableCell className={styles.numeric}>{format.number(m.trainingRows)}</TableCell>
              <TableCell className={styles.numeric} data-testid="model-candidates">
                {format.number(m.candidates)}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
