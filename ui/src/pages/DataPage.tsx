import { useEffect, useState } from "react";
import { Button } from "@fluentui/react-components";
import { ArrowImport20Regular } from "@fluentui/react-icons";
import { commands } from "../bindings";
import { CurrentWorkspaceSection } from "../data/CurrentWorkspaceSection";
import { ImportDialog } from "../data/ImportDialog";
import { SnapshotsSection } from "../data/SnapshotsSection";
import { WorkspacesSection } from "../data/WorkspacesSection";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { useDataChanged } from "../ipc/useDataChanged";
import { useReload } from "../opportunities/useReload";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { PageLayout } from "./PageLayout";

/** The open workspace, its snapshots, and the other workspaces (SPEC §7); Import files. */
export function DataPage() {
  const { t } = useI18n();
  const { workspace, setWorkspace } = useWorkspace();
  const [importing, setImporting] = useState(false);
  const [reloads, reload] = useReload();
  // An import (or any other writer) adds snapshots: counts, size and the table follow.
  useDataChanged("snapshots", reload);

  useEffect(() => {
    // Refresh counts and size when the page opens and when the snapshots change; keep what is
    // shown if that fails.
    let live = true;
    void settle(commands.currentWorkspace()).then((result) => {
      if (live && result.status === "ok") setWorkspace(result.data);
    });
    return () => {
      live = false;
    };
  }, [setWorkspace, reloads]);

  return (
    <PageLayout
      id="data"
      title={t("page.data.title")}
      intro={t("page.data.intro")}
      actions={
        <Button appearance="primary" icon={<ArrowImport20Regular />} onClick={() => setImporting(true)} data-testid="import-files">
          {t("data.import.button")}
        </Button>
      }
    >
      <CurrentWorkspaceSection workspace={workspace} />
      <SnapshotsSection snapshots={workspace.snapshots} />
      <WorkspacesSection current={workspace} onOpened={setWorkspace} />
      <ImportDialog open={importing} onClose={() => setImporting(false)} />
    </PageLayout>
  );
}
