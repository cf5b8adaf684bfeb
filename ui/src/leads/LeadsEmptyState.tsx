import { Button } from "@fluentui/react-components";
import { DatabaseArrowUp20Regular, People24Regular } from "@fluentui/react-icons";
import { EmptyStateCard, EmptyStateText } from "../feedback/EmptyStateCard";
import { useI18n } from "../i18n/I18nContext";

/** A workspace without leads: where they come from. */
export function LeadsEmptyState({ onImport }: { onImport: () => void }) {
  const { t } = useI18n();
  return (
    <EmptyStateCard
      testId="leads-empty"
      icon={<People24Regular />}
      title={t("leads.empty.title")}
      action={
        <Button appearance="primary" icon={<DatabaseArrowUp20Regular />} onClick={onImport} data-testid="leads-empty-import">
          {t("leads.empty.import")}
        </Button>
      }
    >
      <EmptyStateText data-testid="workspace-facts">
        {t("page.leads.facts", { leads: 0 })} {t("leads.empty.body")}
      </EmptyStateText>
    </EmptyStateCard>
  );
}
