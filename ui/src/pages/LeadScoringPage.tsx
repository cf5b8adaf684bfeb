import { useState } from "react";
import {
  Button,
  Card,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Text,
  Tooltip,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Add20Regular, Dismiss20Regular } from "@fluentui/react-icons";
import { commands, type IpcError, type ScoringModelSummary_Serialize as ScoringModelSummary } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { useDataChanged } from "../ipc/useDataChanged";
import { useReload } from "../opportunities/useReload";
import { AddModelDialog } from "../scoring/AddModelDialog";
import { ModelDetails, type DetailTab } from "../scoring/ModelDetails";
import { ModelList } from "../scoring/ModelList";
import { ScoringEmptyState } from "../scoring/ScoringEmptyState";
import { TrainingDataSummary } from "../scoring/TrainingDataSummary";
import { useScoringOverview } from "../scoring/useScoringOverview";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { PageLayout } from "./PageLayout";

const useStyles = makeStyles({
  card: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    gap: tokens.spacingVerticalS,
  },
  heading: {
    margin: 0,
  },
  intro: {
    color: tokens.colorNeutralForeground3,
  },
  loading: {
    alignSelf: "flex-start",
  },
});

type Notice = { kind: "created"; name: string } | { kind: "deleted"; name: string; openLeads: number } | null;

/**
 * Predictive lead scoring (SPEC §5), as a partner's sales admin knows it from Dynamics 365: the
 * closed leads to learn from against the 40/40 rule, the models in scoring order, and the selected
 * model's performance, attributes, versions, grade ranges and settings.
 */
export function LeadScoringPage() {
  const { t, language } = useI18n();
  const styles = useStyles();
  const { workspace } = useWorkspace();
  const [reloads, reload] = useReload();
  const generation = `${workspace.id}:${reloads}`;
  useDataChanged("leads", reload);
  const { overview, error } = useScoringOverview(language, generation);

  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [tab, setTab] = useState<DetailTab>("performance");
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [moving, setMoving] = useState(false);
  const [moveError, setMoveError] = useState<IpcError | null>(null);

  const models = overview?.models ?? [];
  const selected = models.find((m) => m.id === selectedId) ?? models[0] ?? null;
  const full = overview !== null && models.length >= overview.maxModels;

  const select = (id: number) => {
    if (id !== selected?.id) setTab("performance");
    setSelectedId(id);
  };

  async function move(id: number, step: -1 | 1) {
    const ids = models.map((m) => m.id);
    const from = ids.indexOf(id);
    const to = from + step;
    if (from < 0 || to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to] as number, ids[from] as number];
    setMoving(true);
    setMoveError(null);
    const result = await settle(commands.setScoringModelOrder(ids));
    setMoving(false);
    if (result.status === "error") setMoveError(result.error);
    reload();
  }

  const onCreated = (model: ScoringModelSummary) => {
    setAdding(false);
    setSelectedId(model.id);
    setTab("versions");
    setNotice({ kind: "created", name: model.name });
    reload();
  };
  const onDeleted = (model: ScoringModelSummary, openLeads: number) => {
    setSelectedId(null);
    setTab("performance");
    setNotice({ kind: "deleted", name: model.name, openLeads });
    reload();
  };

  const addButton =
    overview !== null && models.length > 0 ? (
      full ? (
        <Tooltip content={t("scoring.addModelFull", { max: overview.maxModels })} relationship="description">
          <Button appearance="primary" icon={<Add20Regular />} disabledFocusable data-testid="scoring-add">
            {t("scoring.addModel")}
          </Button>
        </Tooltip>
      ) : (
        <Button appearance="primary" icon={<Add20Regular />} onClick={() => setAdding(true)} data-testid="scoring-add">
          {t("scoring.addModel")}
        </Button>
      )
    ) : null;

  return (
    <PageLayout id="lead-scoring" title={t("page.leadScoring.title")} intro={t("scoring.intro")} actions={addButton} wide>
      {error ? <ErrorMessageBar error={error} title={t("scoring.loadFailed")} /> : null}
      {overview === null && !error ? <Spinner className={styles.loading} size="small" label={t("app.loading")} /> : null}
      {notice ? (
        <MessageBar intent="success" data-testid="scoring-notice">
          <MessageBarBody>
            {notice.kind === "created" ? t("scoring.created", { name: notice.name }) : t("scoring.deleted", { name: notice.name, leads: notice.openLeads })}
          </MessageBarBody>
          <MessageBarActions
            containerAction={<Button appearance="transparent" size="small" icon={<Dismiss20Regular />} aria-label={t("common.close")} onClick={() => setNotice(null)} />}
          />
        </MessageBar>
      ) : null}
      {overview !== null && full ? (
        <Text size={200} className={styles.intro} data-testid="scoring-full">
          {t("scoring.addModelFull", { max: overview.maxModels })}
        </Text>
      ) : null}
      {overview !== null && models.length === 0 ? <ScoringEmptyState overview={overview} onAdd={() => setAdding(true)} /> : null}
      {overview !== null && models.length > 0 ? (
        <>
          <TrainingDataSummary overview={overview} />
          <Card className={styles.card} data-testid="scoring-models-card">
            <Text as="h2" size={500} weight="semibold" className={styles.heading}>
              {t("scoring.models.heading")}
            </Text>
            <Text size={200} className={styles.intro}>
              {t("scoring.models.intro")}
            </Text>
            {moveError ? <ErrorMessageBar error={moveError} title={t("scoring.models.moveFailed")} /> : null}
            <ModelList models={models} selectedId={selected?.id ?? null} onSelect={select} onMove={(id, step) => void move(id, step)} busy={moving} />
          </Card>
          {selected ? (
            <ModelDetails
              key={selected.id}
              model={selected}
              minPerOutcome={overview.minPerOutcome}
              attributes={overview.attributes}
              tab={tab}
              onTab={setTab}
              generation={generation}
              onChanged={reload}
              onDeleted={onDeleted}
            />
          ) : null}
        </>
      ) : null}
      {adding && overview !== null ? <AddModelDialog attributes={overview.attributes} onCreated={onCreated} onClose={() => setAdding(false)} /> : null}
    </PageLayout>
  );
}
