import { Fragment } from "react";
import { NavDivider, NavDrawer, NavDrawerBody, NavItem, makeStyles, tokens } from "@fluentui/react-components";
import { useI18n } from "../i18n/I18nContext";
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
});

/** The left navigation: the four capabilities, then Data and Settings. Arrow keys move. */
export function NavRail({ page, onSelect }: { page: PageId; onSelect: (page: PageId) => void }) {
  const { t } = useI18n();
  const styles = useStyles();
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
                  {t(entry.label)}
                </NavItem>
              </Fragment>
            );
          })}
        </NavDrawerBody>
      </NavDrawer>
    </nav>
  );
}
