import { Badge, Text, Tooltip, makeStyles, tokens } from "@fluentui/react-components";
import { Database20Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n/I18nContext";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { AppMark } from "./AppMark";

const useStyles = makeStyles({
  header: {
    gridColumn: "1 / -1",
    height: "48px",
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    paddingLeft: tokens.spacingHorizontalL,
    paddingRight: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    boxShadow: tokens.shadow4,
    zIndex: 1,
    minWidth: 0,
  },
  title: {
    whiteSpace: "nowrap",
  },
  spacer: {
    flexGrow: 1,
  },
  workspace: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: "rgba(255, 255, 255, 0.12)",
  },
  workspaceName: {
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
    maxWidth: "40vw",
  },
  demo: {
    flexShrink: 0,
  },
});

/** The suite header: the app's name, and the open workspace on the right. */
export function AppHeader() {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <AppMark size={24} inverted />
      <Text as="span" size={400} weight="semibold" className={styles.title}>
        {t("app.title")}
      </Text>
      <div className={styles.spacer} />
      <Tooltip content={workspace.path} relationship="description">
        <div className={styles.workspace} role="group" tabIndex={0} aria-label={t("shell.workspaceLabel", { name: workspace.name })}>
          <Database20Regular aria-hidden="true" />
          <Text as="span" weight="semibold" className={styles.workspaceName} data-testid="workspace-name">
            {workspace.name}
          </Text>
          {workspace.isDemo ? (
            <Badge appearance="filled" color="informative" size="small" className={styles.demo}>
              {t("shell.demo")}
            </Badge>
          ) : null}
        </div>
      </Tooltip>
    </header>
  );
}
