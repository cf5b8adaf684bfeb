import { useState } from "react";
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  OverlayDrawer,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Dismiss24Regular } from "@fluentui/react-icons";
import type { OpportunityRow } from "../../bindings";
import { ErrorMessageBar } from "../../feedback/ErrorMessageBar";
import type { MessageKey } from "../../i18n/en";
import { useI18n } from "../../i18n/I18nContext";
import { ActionsTab } from "./ActionsTab";
import { FlyoutHeader } from "./FlyoutHeader";
import { InsightsTab } from "./InsightsTab";
import { ResourcesTab } from "./ResourcesTab";
import { SubscriptionsTab } from "./SubscriptionsTab";
import { UsageTab } from "./UsageTab";
import { useOpportunityDetail } from "./useOpportunityDetail";

const useStyles = makeStyles({
  drawer: {
    width: "min(720px, 100vw)",
  },
  header: {
    gap: tokens.spacingVerticalXS,
  },
  titleText: {
    overflowWrap: "anywhere",
  },
  domain: {
    color: tokens.colorNeutralForeground3,
  },
  body: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    paddingBottom: tokens.spacingVerticalXXL,
  },
  tabs: {
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  loading: {
    padding: tokens.spacingVerticalXXL,
  },
});

const TABS = ["insights", "actions", "resources", "subscriptions", "usage"] as const;
type FlyoutTab = (typeof TABS)[number];

const TAB_LABELS: Readonly<Record<FlyoutTab, MessageKey>> = {
  insights: "opp.flyout.tab.insights",
  actions: "opp.flyout.tab.actions",
  resources: "opp.flyout.tab.resources",
  subscriptions: "opp.flyout.tab.subscriptions",
  usage: "opp.flyout.tab.usage",
};

interface OpportunityFlyoutProps {
  /** The row clicked: its header shows at once, the tabs once the detail has loaded. */
  row: OpportunityRow | null;
  open: boolean;
  onClose: () => void;
  generation: string;
}

/** The customer recommendation flyout (SPEC §3.3): header, then five tabs. */
export function OpportunityFlyout({ row, open, onClose, generation }: OpportunityFlyoutProps) {
  const { t, language } = useI18n();
  const styles = useStyles();
  const key = row?.key ?? null;
  const { detail, error } = useOpportunityDetail(language, open ? key : null, generation);
  // Each customer opens on Insights.
  const [tabOf, setTabOf] = useState<{ key: string | null; tab: FlyoutTab }>({ key, tab: "insights" });
  const tab = tabOf.key === key ? tabOf.tab : "insights";
  const shown = detail?.row ?? row;

  return (
    <OverlayDrawer
      position="end"
      size="medium"
      className={styles.drawer}
      open={open}
      onOpenChange={(_, data) => {
        if (!data.open) onClose();
      }}
      aria-label={shown ? t("opp.flyout.label", { customer: shown.customer }) : undefined}
      data-testid="opportunity-flyout"
    >
      {shown ? (
        <>
          <DrawerHeader className={styles.header}>
            <DrawerHeaderTitle
              action={
                <Button appearance="subtle" aria-label={t("opp.flyout.close")} icon={<Dismiss24Regular />} onClick={onClose} data-testid="flyout-close" />
              }
            >
              <span className={styles.titleText} data-testid="flyout-customer">
                {shown.customer}
              </span>
            </DrawerHeaderTitle>
            <Text size={200} className={styles.domain}>
              {shown.domain}
            </Text>
          </DrawerHeader>
          <DrawerBody className={styles.body}>
            <FlyoutHeader row={shown} />
            <TabList
              className={styles.tabs}
              selectedValue={tab}
              onTabSelect={(_, data) => setTabOf({ key, tab: data.value as FlyoutTab })}
              aria-label={t("opp.flyout.tabsLabel")}
            >
              {TABS.map((id) => (
                <Tab key={id} value={id} data-testid={`flyout-tab-${id}`}>
                  {t(TAB_LABELS[id])}
                </Tab>
              ))}
            </TabList>
            <div role="tabpanel" aria-label={t(TAB_LABELS[tab])} data-testid={`flyout-panel-${tab}`}>
              {error ? <ErrorMessageBar error={error} title={t("opp.flyout.loadFailed")} /> : null}
              {!detail && !error ? <Spinner className={styles.loading} size="small" label={t("app.loading")} /> : null}
              {detail ? (
                <>
                  {tab === "insights" ? <InsightsTab detail={detail} /> : null}
                  {tab === "actions" ? <ActionsTab detail={detail} /> : null}
                  {tab === "resources" ? <ResourcesTab resources={detail.resources} /> : null}
                  {tab === "subscriptions" ? <SubscriptionsTab customer={detail.row.customer} subscriptions={detail.subscriptions} /> : null}
                  {tab === "usage" ? <UsageTab detail={detail} generation={generation} /> : null}
                </>
              ) : null}
            </div>
          </DrawerBody>
        </>
      ) : null}
    </OverlayDrawer>
  );
}
