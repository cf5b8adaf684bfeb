import {
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  SplitButton,
  Tooltip,
  makeStyles,
  type MenuButtonProps,
} from "@fluentui/react-components";
import { ArrowSync20Regular, ArrowSyncCircle20Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n/I18nContext";

const useStyles = makeStyles({
  popover: {
    maxWidth: "340px",
  },
  wrap: {
    display: "inline-flex",
  },
});

/** A test hook for a slot (slot props do not list data attributes). */
function testId(id: string): object {
  return { "data-testid": id };
}

interface SyncButtonProps {
  credentialsSet: boolean;
  running: boolean;
  onSync: (full: boolean) => void;
}

/** Sync now, with Full sync in its menu; disabled, with the reason, without credentials or while a sync runs. */
export function SyncButton({ credentialsSet, running, onSync }: SyncButtonProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const reason = !credentialsSet ? t("sync.disabledCredentials") : running ? t("sync.disabledRunning") : null;
  const button = (
    <Menu positioning="below-end">
      <MenuTrigger disableButtonEnhancement>
        {(triggerProps: MenuButtonProps) => (
          <SplitButton
            appearance="primary"
            icon={<ArrowSync20Regular />}
            disabledFocusable={reason !== null}
            menuButton={{ ...triggerProps, "aria-label": t("sync.moreOptions"), ...testId("sync-more") }}
            primaryActionButton={{ onClick: () => onSync(false), ...testId("sync-now") }}
            data-testid="sync-button"
            data-disabled-reason={reason ?? undefined}
          >
            {t("sync.now")}
          </SplitButton>
        )}
      </MenuTrigger>
      <MenuPopover className={styles.popover}>
        <MenuList>
          <MenuItem icon={<ArrowSyncCircle20Regular />} subText={t("sync.fullHint")} onClick={() => onSync(true)} data-testid="sync-full">
            {t("sync.full")}
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
  if (reason === null) return button;
  return (
    <Tooltip content={reason} relationship="description" withArrow>
      <span className={styles.wrap}>{button}</span>
    </Tooltip>
  );
}
