import { useState } from "react";
import {
  Button,
  Card,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  ProgressBar,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import {
  Snooze24Regular,
  Clock16Regular,
  Snooze16Regular,
  Fire16Filled,
  DataPie24Regular,
  Fire24Filled,
  MailInbox24Regular,
  Timer24Regular,
  type FluentIcon,
} from "@fluentui/react-icons";
import type { ActionItem_Serialize as ActionItem, LeadsOverview_Serialize as LeadsOverview } from "../bindings";
import { useFormat } from "../format/useFormat";
import { useI18n, type Translate } from "../i18n/I18nContext";
import { timeLeftText } from "./badges";

const useStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 3fr) minmax(0, 2fr)",
    gap: tokens.spacingHorizontalL,
    "@media (max-width: 1180px)": {
      gridTemplateColumns: "minmax(0, 1fr)",
    },
  },
  card: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    gap: tokens.spacingVerticalM,
  },
  titles: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  heading: {
    margin: 0,
  },
  intro: {
    color: tokens.colorNeutralForeground3,
  },
  metrics: {
    display: "grid",
    gridAutoFlow: "column",
    gridAutoColumns: "minmax(0, 1fr)",
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  stacked: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  stackedMetric: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    minWidth: 0,
    ":not(:first-child)": {
      paddingTop: tokens.spacingVerticalM,
      borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
  },
  metric: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    minWidth: 0,
    paddingRight: tokens.spacingHorizontalM,
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ":first-child": {
      paddingLeft: 0,
      borderLeft: "none",
    },
  },
  label: {
    color: tokens.colorNeutralForeground2,
    minHeight: `calc(2 * ${tokens.lineHeightBase200})`,
  },
  stackedLabel: {
    color: tokens.colorNeutralForeground2,
  },
  valueLine: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  icon: {
    flexShrink: 0,
    color: tokens.colorBrandForeground1,
  },
  hotIcon: {
    flexShrink: 0,
    color: tokens.colorPaletteDarkOrangeForeground1,
  },
  value: {
    fontVariantNumeric: "tabular-nums",
    lineHeight: tokens.lineHeightHero700,
    whiteSpace: "nowrap",
  },
  sub: {
    color: tokens.colorNeutralForeground3,
  },
  items: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: 0,
    listStyle: "none",
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
  },
  itemsHeader: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  item: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    width: "100%",
    minWidth: 0,
    justifyContent: "flex-start",
    fontWeight: tokens.fontWeightRegular,
    textAlign: "start",
  },
  itemCustomer: {
    fontWeight: tokens.fontWeightSemibold,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
    minWidth: 0,
    flexShrink: 1,
  },
  itemReason: {
    color: tokens.colorNeutralForeground3,
    whiteSpace: "nowrap",
    marginLeft: "auto",
    flexShrink: 0,
  },
  itemIcon: {
    flexShrink: 0,
    color: tokens.colorNeutralForeground3,
  },
  allItems: {
    maxHeight: "min(420px, 60vh)",
    overflowY: "auto",
    width: "min(440px, 90vw)",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  allList: {
    borderTop: "none",
    paddingTop: 0,
  },
  progress: {
    marginTop: tokens.spacingVerticalXXS,
  },
});

/** Items shown in the card; the others are a click away. */
const SHOWN_ITEMS = 3;

function reasonOf(t: Translate, item: ActionItem): string {
  switch (item.kind) {
    case "hotContactMe":
      return item.hoursLeft === null
        ? t("leads.item.hot")
        : t("leads.item.hotWithTime", { time: timeLeftText(t, item.hoursLeft) });
    case "needsResponse":
      return item.hoursLeft === null ? t("leads.item.needsResponse") : timeLeftText(t, item.hoursLeft);
    case "stale":
      return t("leads.item.stale", { count: item.daysIdle ?? 30 });
  }
}

const ITEM_ICONS: Readonly<Record<ActionItem["kind"], FluentIcon>> = {
  hotContactMe: Fire16Filled,
  needsResponse: Clock16Regular,
  stale: Snooze16Regular,
};

function ItemList({ items, onOpen, className }: { items: readonly ActionItem[]; onOpen: (id: string) => void; className?: string }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <ul className={mergeClasses(styles.items, className)}>
      {items.map((item) => {
        const Icon = ITEM_ICONS[item.kind];
        return (
          <li key={`${item.kind}-${item.id}`}>
            <Button
              appearance="subtle"
              size="small"
              className={styles.item}
              onClick={() => onOpen(item.id)}
              aria-label={t("leads.item.open", { customer: item.customerName, reason: reasonOf(t, item) })}
              data-testid="action-item"
              data-lead-id={item.id}
              data-kind={item.kind}
            >
              <Icon className={item.kind === "hotContactMe" ? styles.hotIcon : styles.itemIcon} aria-hidden="true" />
              <span className={styles.itemCustomer}>{item.customerName}</span>
              <span className={styles.itemReason}>{reasonOf(t, item)}</span>
            </Button>
          </li>
        );
      })}
    </ul>
  );
}

interface MetricProps {
  /** Stacked in a column instead of side by side. */
  stacked?: boolean;
  testId: string;
  label: string;
  value: string;
  sub: string;
  icon: FluentIcon;
  hot?: boolean;
}

function Metric({ stacked = false, testId, label, value, sub, icon: Icon, hot = false }: MetricProps) {
  const styles = useStyles();
  return (
    <li className={stacked ? styles.stackedMetric : styles.metric} data-testid={testId}>
      <Text size={200} className={stacked ? styles.stackedLabel : styles.label}>
        {label}
      </Text>
      <span className={styles.valueLine}>
        <Icon className={hot ? styles.hotIcon : styles.icon} aria-hidden="true" />
        <Text size={700} weight="semibold" className={styles.value} data-testid={`${testId}-value`}>
          {value}
        </Text>
      </span>
      <Text size={200} className={styles.sub}>
        {sub}
      </Text>
    </li>
  );
}

/**
 * The action centre (SPEC §4): what needs a response now, with the most urgent leads a click
 * away, and the responsiveness Partner Center rewards (median time to respond, and the share of
 * accepted leads with value, date and outcome).
 */
export function ActionCentre({ overview, onOpen }: { overview: LeadsOverview; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const [allOpen, setAllOpen] = useState(false);
  const soonest = overview.actionItems
    .filter((item) => item.kind !== "stale" && item.hoursLeft !== null)
    .reduce<number | null>((min, item) => (min === null || (item.hoursLeft ?? min) < min ? item.hoursLeft : min), null);
  const r = overview.responsiveness;
  const median = r.medianHoursToRespond;
  const medianText = median === null ? "–" : median >= 48 ? format.days(Math.round((median / 24) * 10) / 10) : format.hours(median);
  const share = r.accepted > 0 ? Math.round((100 * r.acceptedComplete) / r.accepted) : null;
  const items = overview.actionItems;

  return (
    <div className={styles.grid}>
      <Card className={styles.card} data-testid="action-centre">
        <div className={styles.titles}>
          <Text as="h2" size={400} weight="semibold" className={styles.heading}>
            {t("leads.centre.heading")}
          </Text>
          <Text size={200} className={styles.intro}>
            {t("leads.centre.intro")}
          </Text>
        </div>
        <ul className={styles.metrics}>
          <Metric
            testId="action-needs-response"
            label={t("leads.centre.needsResponse")}
            value={format.number(overview.needsResponse)}
            sub={soonest === null ? t("leads.centre.nothingWaiting") : t("leads.centre.soonest", { time: timeLeftText(t, soonest) })}
            icon={MailInbox24Regular}
          />
          <Metric
            testId="action-hot"
            label={t("leads.centre.hot")}
            value={format.number(overview.hot)}
            sub={t("leads.centre.hotSub")}
            icon={Fire24Filled}
            hot
          />
          <Metric
            testId="action-stale"
            label={t("leads.centre.stale")}
            value={format.number(overview.stale)}
            sub={t("leads.centre.staleSub")}
            icon={Snooze24Regular}
          />
        </ul>
        {items.length > 0 ? (
          <div>
            <div className={styles.itemsHeader}>
              <Text size={200} weight="semibold">
                {t("leads.centre.top")}
              </Text>
              {items.length > SHOWN_ITEMS ? (
                <Popover open={allOpen} onOpenChange={(_, data) => setAllOpen(data.open)} positioning="below-end" withArrow trapFocus>
                  <PopoverTrigger disableButtonEnhancement>
                    <Button appearance="transparent" size="small" data-testid="action-items-all">
                      {t("leads.centre.showAll", { count: items.length })}
                    </Button>
                  </PopoverTrigger>
                  <PopoverSurface aria-label={t("leads.centre.top")} data-testid="action-items-popover">
                    <div className={styles.allItems}>
                      <ItemList
                        items={items}
                        className={styles.allList}
                        onOpen={(id) => {
                          setAllOpen(false);
                          onOpen(id);
                        }}
                      />
                    </div>
                  </PopoverSurface>
                </Popover>
              ) : null}
            </div>
            <ItemList items={items.slice(0, SHOWN_ITEMS)} onOpen={onOpen} />
          </div>
        ) : (
          <Text size={200} className={styles.sub} data-testid="action-items-none">
            {t("leads.centre.allClear")}
          </Text>
        )}
      </Card>
      <Card className={styles.card} data-testid="responsiveness">
        <div className={styles.titles}>
          <Text as="h2" size={400} weight="semibold" className={styles.heading}>
            {t("leads.resp.heading")}
          </Text>
          <Text size={200} className={styles.intro}>
            {t("leads.resp.intro")}
          </Text>
        </div>
        <ul className={styles.stacked}>
          <Metric
            stacked
            testId="responsiveness-median"
            label={t("leads.resp.median")}
            value={medianText}
            sub={t("leads.resp.answered", { answered: r.answered, expired: r.expired })}
            icon={Timer24Regular}
          />
          <li className={styles.stackedMetric} data-testid="responsiveness-complete">
            <Text size={200} className={styles.stackedLabel}>
              {t("leads.resp.complete")}
            </Text>
            <span className={styles.valueLine}>
              <DataPie24Regular className={styles.icon} aria-hidden="true" />
              <Text size={700} weight="semibold" className={styles.value} data-testid="responsiveness-complete-value">
                {share === null ? "–" : format.percent(share)}
              </Text>
            </span>
            {share !== null ? (
              <ProgressBar
                className={styles.progress}
                value={share / 100}
                thickness="large"
                color={share >= 80 ? "success" : share >= 50 ? "warning" : "error"}
                aria-label={t("leads.resp.complete")}
              />
            ) : null}
            <Text size={200} className={styles.sub}>
              {r.accepted === 0 ? t("leads.resp.noneAccepted") : t("leads.resp.completeOf", { complete: r.acceptedComplete, accepted: r.accepted })}
            </Text>
          </li>
        </ul>
      </Card>
    </div>
  );
}
