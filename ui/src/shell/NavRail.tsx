import { Fragment } from "react";
import { CounterBadge, NavDivider, NavDrawer, NavDrawerBody, NavItem, makeStyles, tokens } from "@fluentui/react-components";
import { useI18n } from "../i18n/I18nContext";
import { useSyncConflicts } from "../sync/useSyncState";
import { PAGES, isPageId, type PageId } from "./pages";

const useStyles = makeStyles({
  nav: {
    height: "100%",
  },
  drawer: {
    height: "100%",
    width: "260px",
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  body: {
    paddingTop: tokens.spacingVerticalM,
  },
  label: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
    flexGrow: 1,
  },
});

/**
 * The left navigation: the four capabilities, then Sync, Data and Settings. Arrow keys move.
 * Sync carries the number of conflicts to resolve.
 */
export function NavRail({ page, onSelect }: { page: PageId; onSelect: (page: PageId) => void }) {
  const { t } = useI18n();
  const styles = useStyles();
  const conflicts = useSyncConflicts();
  return (
    <nav aria-label={t("shell.navigation")} className={styles.nav}>
      <NavDrawer
        open
        type="inline"
        className={styles.drawer}
        selectedValue={page}
        onNavItemSelect={(_, data) => {
          if (typeof data.value === "string" && isPageId(data.value)) onSelect(data.value);
        }}
      >
        <NavDrawerBody className={styles.body}>
          {PAGES.map((entry) => {
            const Icon = entry.icon;
            return (
              <Fragment key={entry.id}>
                {entry.groupStart ? <NavDivider /> : null}
                <NavItem value={entry.id} icon={<Icon />} data-testid={`nav-${entry.id}`}>
                  {entry.id === "sync" && conflicts > 0 ? (
                    <span className={styles.label}>
                      {t(entry.label)}
                      <CounterBadge
                        count={conflicts}
                        size="small"
                        color="danger"
                        aria-label={t("nav.syncConflicts", { count: conflicts })}
                        data-testid="sync-conflicts-badge"
                      />
                    </span>
                  ) : (
                    t(entry.label)
                  )}
                </NavItem>
              </Fragment>
            );
          })}
        </NavDrawerBody>
      </NavDrawer>
    </nav>
  );
}
