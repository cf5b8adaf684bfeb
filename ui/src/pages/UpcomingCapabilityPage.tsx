import { MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { FluentIcon } from "@fluentui/react-icons";
import type { PageId } from "../shell/pages";
import { PageLayout } from "./PageLayout";
import { Section } from "./Section";

const useStyles = makeStyles({
  body: {
    display: "flex",
    gap: tokens.spacingHorizontalL,
    alignItems: "flex-start",
  },
  icon: {
    flexShrink: 0,
    width: "40px",
    height: "40px",
    color: tokens.colorBrandForeground1,
  },
  text: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    maxWidth: "80ch",
  },
  facts: {
    color: tokens.colorNeutralForeground2,
  },
});

interface UpcomingCapabilityPageProps {
  id: PageId;
  title: string;
  notAvailable: string;
  /** What the page will do, from the specification. */
  about: string;
  /** Facts from the open workspace that the capability will work on. */
  facts: string;
  aboutHeading: string;
  icon: FluentIcon;
}

/**
 * A capability that is not built yet: says so plainly, says what it will do and what it will
 * work on in this workspace. No sample data.
 */
export function UpcomingCapabilityPage({ id, title, notAvailable, about, facts, aboutHeading, icon: Icon }: UpcomingCapabilityPageProps) {
  const styles = useStyles();
  return (
    <PageLayout id={id} title={title}>
      <MessageBar intent="info" layout="multiline" data-testid="not-available">
        <MessageBarBody>{notAvailable}</MessageBarBody>
      </MessageBar>
      <Section title={aboutHeading}>
        <div className={styles.body}>
          <Icon className={styles.icon} aria-hidden="true" />
          <div className={styles.text}>
            <Text>{about}</Text>
            <Text className={styles.facts} data-testid="workspace-facts">
              {facts}
            </Text>
          </div>
        </div>
      </Section>
    </PageLayout>
  );
}
