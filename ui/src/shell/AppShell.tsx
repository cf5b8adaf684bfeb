import { makeStyles, tokens } from "@fluentui/react-components";
import { useI18n } from "../i18n/I18nContext";
import { LeadAlerts } from "../leads/LeadAlerts";
import { DataPage } from "../pages/DataPage";
import { LeadScoringPage } from "../pages/LeadScoringPage";
import { LeadsPage } from "../pages/LeadsPage";
import { OpportunitiesPage } from "../pages/OpportunitiesPage";
import { PropensityPage } from "../pages/PropensityPage";
import { SettingsPage } from "../pages/SettingsPage";
import { SyncPage } from "../pages/SyncPage";
import { AppHeader } from "./AppHeader";
import { NavRail } from "./NavRail";
import type { PageId } from "./pages";
import { useCurrentPage } from "./useCurrentPage";

const useStyles = makeStyles({
  root: {
    display: "grid",
    gridTemplateRows: "48px minmax(0, 1fr)",
    gridTemplateColumns: "auto minmax(0, 1fr)",
    height: "100vh",
    overflow: "hidden",
    backgroundColor: tokens.colorNeutralBackground2,
  },
  skip: {
    position: "absolute",
    left: "-10000px",
    top: "8px",
    zIndex: 10,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow16,
    ":focus": {
      left: "8px",
    },
  },
  nav: {
    minHeight: 0,
    overflowY: "auto",
  },
  main: {
    minHeight: 0,
    overflowY: "auto",
    scrollbarGutter: "stable",
    ":focus": {
      outlineStyle: "none",
    },
  },
});

function Page({ id }: { id: PageId }) {
  switch (id) {
    case "opportunities":
      return <OpportunitiesPage />;
    case "leads":
      return <LeadsPage />;
    case "lead-scoring":
      return <LeadScoringPage />;
    case "propensity":
      return <PropensityPage />;
    case "sync":
      return <SyncPage />;
    case "data":
      return <DataPage />;
    case "settings":
      return <SettingsPage />;
  }
}

/** Header, left navigation and the current page. */
export function AppShell() {
  const { t } = useI18n();
  const styles = useStyles();
  const [page, go] = useCurrentPage();
  return (
    <div className={styles.root}>
      <a href="#main-content" className={styles.skip}>
        {t("app.skipToContent")}
      </a>
      <AppHeader />
      <div className={styles.nav}>
        <NavRail page={page} onSelect={go} />
      </div>
      <main id="main-content" className={styles.main} tabIndex={-1} aria-labelledby="page-title">
        <Page id={page} />
      </main>
      <LeadAlerts go={go} />
    </div>
  );
}
