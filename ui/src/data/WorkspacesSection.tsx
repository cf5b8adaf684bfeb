import { useEffect, useState } from "react";
import {
  Badge,
  Button,
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
import { Add20Regular, FolderOpen20Regular } from "@fluentui/react-icons";
import { commands, type IpcError, type WorkspaceRef, type WorkspaceSummary } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { asksForPassphrase } from "../ipc/errorMessage";
import { settle } from "../ipc/settle";
import { Section } from "../pages/Section";
import { NewWorkspaceDialog } from "../workspace/NewWorkspaceDialog";
import { OpenWorkspaceDialog } from "../workspace/OpenWorkspaceDialog";
import { PassphraseDialog } from "../workspace/PassphraseDialog";

const useStyles = makeStyles({
  scroller: {
    overflowX: "auto",
  },
  table: {
    tableLayout: "auto",
    minWidth: "720px",
  },
  nameCell: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    whiteSpace: "nowrap",
  },
  nowrap: {
    whiteSpace: "nowrap",
  },
  path: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    overflowWrap: "anywhere",
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  actionsColumn: {
    width: "140px",
    textAlign: "end",
    "& > div": {
      justifyContent: "flex-end",
    },
  },
});

interface Locked {
  path: string;
  error: IpcError;
}

/**
 * The workspaces on this computer (listWorkspaces) with Open, plus "New workspace" and "Open
 * workspace". Opening or creating one makes it the app's current workspace.
 */
export function WorkspacesSection({ current, onOpened }: { current: WorkspaceSummary; onOpened: (workspace: WorkspaceSummary) => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const [list, setList] = useState<WorkspaceRef[] | null>(null);
  const [listError, setListError] = useState<IpcError | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const [openError, setOpenError] = useState<IpcError | null>(null);
  const [locked, setLocked] = useState<Locked | null>(null);
  const [dialog, setDialog] = useState<"none" | "new" | "open">("none");

  useEffect(() => {
    // Reload whenever the open workspace changes (its "current" mark and last-opened date move).
    let live = true;
    void settle(commands.listWorkspaces()).then((result) => {
      if (!live) return;
      if (result.status === "ok") {
        setList(result.data);
        setListError(null);
      } else {
        setListError(result.error);
      }
    });
    return () => {
      live = false;
    };
  }, [current.id]);

  const opened = (workspace: WorkspaceSummary) => {
    setDialog("none");
    setLocked(null);
    setOpenError(null);
    onOpened(workspace);
  };

  async function open(ref: WorkspaceRef) {
    setOpenError(null);
    if (ref.keyMode === "passphrase") {
      setLocked({ path: ref.path, error: { code: "passphraseRequired", message: "", details: ref.path } });
      return;
    }
    setOpening(ref.id);
    const result = await settle(commands.openWorkspace(ref.path, null));
    setOpening(null);
    if (result.status === "ok") opened(result.data);
    else if (asksForPassphrase(result.error)) setLocked({ path: result.error.details ?? ref.path, error: result.error });
    else setOpenError(result.error);
  }

  return (
    <Section
      title={t("data.workspaces.heading")}
      intro={t("data.workspaces.intro")}
      testId="workspaces"
      actions={
        <>
          <Button icon={<FolderOpen20Regular />} onClick={() => setDialog("open")} data-testid="open-workspace">
            {t("data.workspaces.openFolder")}
          </Button>
          <Button appearance="primary" icon={<Add20Regular />} onClick={() => setDialog("new")} data-testid="new-workspace">
            {t("data.workspaces.new")}
          </Button>
        </>
      }
    >
      {listError ? <ErrorMessageBar error={listError} title={t("data.workspaces.loadFailed")} /> : null}
      {openError ? <ErrorMessageBar error={openError} /> : null}
      {list === null && !listError ? <Spinner size="tiny" label={t("app.loading")} /> : null}
      {list !== null && list.length === 0 ? <Text className={styles.muted}>{t("data.workspaces.empty")}</Text> : null}
      {list !== null && list.length > 0 ? (
        <div className={styles.scroller}>
          <Table size="small" aria-label={t("data.workspaces.tableLabel")} className={styles.table} data-testid="workspaces-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("data.workspaces.name")}</TableHeaderCell>
                <TableHeaderCell>{t("data.workspaces.folder")}</TableHeaderCell>
                <TableHeaderCell>{t("data.workspaces.protection")}</TableHeaderCell>
                <TableHeaderCell>{t("data.workspaces.lastOpened")}</TableHeaderCell>
                <TableHeaderCell className={styles.actionsColumn}>{t("data.workspaces.actions")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((ref) => {
                const isCurrent = ref.isCurrent || ref.id === current.id;
                return (
                  <TableRow key={ref.id} data-testid="workspace-row" aria-current={isCurrent ? "true" : undefined}>
                    <TableCell>
                      <span className={styles.nameCell}>
                        <Text wrap={false} weight={isCurrent ? "semibold" : "regular"}>
                          {ref.name}
                        </Text>
                        {isCurrent ? (
                          <Badge appearance="tint" color="brand" size="small">
                            {t("data.workspaces.current")}
                          </Badge>
                        ) : null}
                      </span>
                    </TableCell>
                    <TableCell>
                      <span className={styles.path}>{ref.path}</span>
                    </TableCell>
                    <TableCell className={styles.nowrap}>
                      {ref.keyMode === "passphrase" ? t("data.workspaces.passphrase") : t("data.workspaces.keychain")}
                    </TableCell>
                    <TableCell className={mergeClasses(styles.muted, styles.nowrap)}>
                      {ref.lastOpened ? format.dateTime(ref.lastOpened) : t("data.workspaces.never")}
                    </TableCell>
                    <TableCell className={styles.actionsColumn}>
                      {isCurrent ? null : (
                        <Button
                          size="small"
                          disabled={opening !== null}
                          aria-label={t("data.workspaces.openNamed", { name: ref.name })}
                          onClick={() => void open(ref)}
                        >
                          {opening === ref.id ? t("data.workspaces.opening") : t("data.workspaces.open")}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {locked ? (
        <PassphraseDialog
          key={locked.path}
          open
          path={locked.path}
          reason={locked.error.code}
          onOpened={opened}
          onDismiss={() => setLocked(null)}
        />
      ) : null}
      <OpenWorkspaceDialog open={dialog === "open"} onOpened={opened} onDismiss={() => setDialog("none")} />
      <NewWorkspaceDialog open={dialog === "new"} onCreated={opened} onDismiss={() => setDialog("none")} />
    </Section>
  );
}
