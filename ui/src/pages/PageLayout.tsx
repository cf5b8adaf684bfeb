import { useEffect, type ReactNode } from "react";
import { Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useI18n } from "../i18n/I18nContext";
import type { PageId } from "../shell/pages";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXL,
    maxWidth: "1200px",
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXXL}`,
    boxSizing: "border-box",
  },
  wide: {
    maxWidth: "1600px",
  },
  header: {
    display: "flex",
    alignItems: "flex-start",
    justifyContent: "space-between",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalL,
  },
  titles: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  actions: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalXS,
  },
  title: {
    margin: 0,
  },
  intro: {
    color: tokens.colorNeutralForeground2,
    maxWidth: "80ch",
  },
});

interface PageLayoutProps {
  id: PageId;
  title: string;
  intro?: string;
  /** Page-wide commands, on the right of the title. */
  actions?: ReactNode;
  /** Lets a page of wide tables use more of a large window. */
  wide?: boolean;
  children: ReactNode;
}

/** A page: its h1 (which also names the window), an optional introduction and commands. */
export function PageLayout({ id, title, intro, actions, wide = false, children }: PageLayoutProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const appTitle = t("app.title");
  useEffect(() => {
    document.title = `${title} – ${appTitle}`;
  }, [title, appTitle]);
  return (
    <div className={mergeClasses(styles.root, wide ? styles.wide : undefined)} data-testid={`page-${id}`}>
      <header className={styles.header}>
        <div className={styles.titles}>
          <Text as="h1" size={700} weight="semibold" className={styles.title} id="page-title">
            {title}
          </Text>
          {intro ? (
            <Text className={styles.intro} data-testid="page-intro">
              {intro}
            </Text>
          ) : null}
        </div>
        {actions ? <div className={styles.actions}>{actions}</div> : null}
      </header>
      {children}
    </div>
  );
}
