import { useEffect } from "react";
import { commands } from "../bindings";
import { CurrentWorkspaceSection } from "../data/CurrentWorkspaceSection";
import { SnapshotsSection } from "../data/SnapshotsSection";
import { WorkspacesSection } from "../data/WorkspacesSection";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { PageLayout } from "./PageLayout";

/** The open workspace, its snapshots, and the other workspaces (SPEC §7). */
export function DataPage() {
  const { t } = useI18n();
  const { workspace, setWorkspace } = useWorkspace();

  useEffect(() => {
    // Refresh counts and size when the page opens; keep what is shown if that fails.
    let live = true;
    void settle(commands.currentWorkspace()).then((result) => {
      if (live && result.status === "ok") setWorkspace(result.data);
    });
    return () => {
      live = false;
    };
  }, [setWorkspace]);

  return (
    <PageLayout id="data" title={t("page.data.title")} intro={t("page.data.intro")}>
      <CurrentWorkspaceSection workspace={workspace} />
      <SnapshotsSection snapshots={workspace.snapshots} />
      <WorkspacesSection current={workspace} onOpened={setWorkspace} />
    </PageLayout>
  );
}
