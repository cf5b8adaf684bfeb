import { useEffect, useState } from "react";
import { Button, Card, Text, makeStyles, tokens } from "@fluentui/react-components";
import {
  BookOpen20Regular,
  Checkmark20Regular,
  Copy20Regular,
  DocumentBulletList20Regular,
  Mail20Regular,
  Play20Regular,
  type FluentIcon,
} from "@fluentui/react-icons";
import type { Resource, ResourceKind } from "../../bindings";
import { useI18n } from "../../i18n/I18nContext";
import { RESOURCE_LABELS } from "../labels";
import { copyText } from "./copyText";
import { ResourceBody } from "./ResourceBody";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  card: {
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
  },
  head: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  icon: {
    flexShrink: 0,
    color: tokens.colorBrandForeground1,
  },
  titles: {
    display: "flex",
    flexDirection: "column",
    flexGrow: 1,
    minWidth: 0,
  },
  title: {
    margin: 0,
  },
  kind: {
    color: tokens.colorNeutralForeground3,
  },
  subject: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  subjectLabel: {
    color: tokens.colorNeutralForeground3,
    flexShrink: 0,
  },
  copied: {
    color: tokens.colorStatusSuccessForeground1,
  },
  failed: {
    color: tokens.colorStatusDangerForeground1,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
  },
});

const ICONS: Readonly<Record<ResourceKind, FluentIcon>> = {
  playbook: BookOpen20Regular,
  demoScript: Play20Regular,
  cheatSheet: DocumentBulletList20Regular,
  emailTemplate: Mail20Regular,
};

/** How long "Copied" stays on the button. */
const CONFIRM_MS = 2500;

/** The e-mail as it would be pasted into a new message. */
export function emailText(resource: Resource): string {
  return resource.subject ? `${resource.subject}\n\n${resource.body}` : resource.body;
}

function CopyButton({ resource }: { resource: Resource }) {
  const { t } = useI18n();
  const styles = useStyles();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), CONFIRM_MS);
    return () => window.clearTimeout(timer);
  }, [state]);
  return (
    <>
      <Button
        size="small"
        icon={state === "copied" ? <Checkmark20Regular className={styles.copied} /> : <Copy20Regular />}
        aria-label={state === "copied" ? t("opp.resources.copied") : t("opp.resources.copyEmail")}
        onClick={() => void copyText(emailText(resource)).then((ok) => setState(ok ? "copied" : "failed"))}
        data-testid="resource-copy"
      >
        {state === "copied" ? t("opp.resources.copied") : t("opp.resources.copy")}
      </Button>
      <span role="status" className={state === "failed" ? styles.failed : styles.hidden}>
        {state === "failed" ? <Text size={200}>{t("opp.resources.copyFailed")}</Text> : null}
        {state === "copied" ? t("opp.resources.copied") : null}
      </span>
    </>
  );
}

/** Playbook, demo script, cheat sheet and e-mail template, merged with the customer's figures. */
export function ResourcesTab({ resources }: { resources: readonly Resource[] }) {
  const { t } = useI18n();
  const styles = useStyles();
  if (resources.length === 0) return <Text className={styles.muted}>{t("opp.resources.empty")}</Text>;
  return (
    <div className={styles.root} data-testid="flyout-resources">
      {resources.map((resource, i) => {
        const Icon = ICONS[resource.kind];
        return (
          <Card key={i} className={styles.card} appearance="outline" data-testid={`resource-${resource.kind}`}>
            <div className={styles.head}>
              <Icon className={styles.icon} aria-hidden="true" />
              <div className={styles.titles}>
                <Text as="h3" weight="semibold" className={styles.title}>
                  {resource.title}
                </Text>
                <Text size={200} className={styles.kind}>
                  {t(RESOURCE_LABELS[resource.kind])}
                </Text>
              </div>
              {resource.kind === "emailTemplate" ? <CopyButton resource={resource} /> : null}
            </div>
            {resource.subject ? (
              <div className={styles.subject} data-testid="resource-subject">
                <Text className={styles.subjectLabel}>{t("opp.resources.subject")}</Text>
                <Text weight="semibold">{resource.subject}</Text>
              </div>
            ) : null}
            <ResourceBody body={resource.body} />
          </Card>
        );
      })}
    </div>
  );
}
