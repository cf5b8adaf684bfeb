import { FluentProvider, Spinner, makeStyles, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { I18nProvider } from "./i18n/I18nProvider";
import { AppShell } from "./shell/AppShell";
import { StartupGate } from "./startup/StartupGate";
import { useColorScheme } from "./theme/useColorScheme";

const useStyles = makeStyles({
  boot: {
    height: "100vh",
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
  },
});

/** Theme from the OS, then language, then the start-up workspace, then the app. */
export function App() {
  const scheme = useColorScheme();
  const styles = useStyles();
  return (
    <FluentProvider theme={scheme === "dark" ? webDarkTheme : webLightTheme}>
      <I18nProvider
        fallback={
          <div className={styles.boot}>
            <Spinner size="small" />
          </div>
        }
      >
        <StartupGate>
          <AppShell />
        </StartupGate>
      </I18nProvider>
    </FluentProvider>
  );
}
