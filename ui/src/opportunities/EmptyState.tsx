import { Button, Spinner } from "@fluentui/react-components";
import { ArrowClockwise20Regular, ArrowTrendingLines24Regular } from "@fluentui/react-icons";
import { EmptyStateCard, EmptyStateText } from "../feedback/EmptyStateCard";
import { useI18n } from "../i18n/I18nContext";

interface EmptyStateProps {
  refreshing: boolean;
  onRefresh: () => void;
  /** The workspace has no snapshot to score yet. */
  noSnapshots: boolean;
}

/** Before the first refresh: what a refresh does, and the button to run it. */
export function EmptyState({ refreshing, onRefresh, noSnapshots }: EmptyStateProps) {
  const { t } = useI18n();
  return (
    <EmptyStateCard
      testId="opportunities-empty"
      icon={<ArrowTrendingLines24Regular />}
      title={t("opp.empty.title")}
      action={
        <Button
          appearance="primary"
          icon={refreshing ? <Spinner size="tiny" /> : <ArrowClockwise20Regular />}
          disabled={refreshing || noSnapshots}
          onClick={onRefresh}
          data-testid="empty-refresh"
        >
          {refreshing ? t("opp.refreshing") : t("opp.refresh")}
        </Button>
      }
    >
      <EmptyStateText>{noSnapshots ? t("opp.empty.noSnapshots") : t("opp.empty.body")}</EmptyStateText>
    </EmptyStateCard>
  );
}
