import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { Checkmark16Regular } from "@fluentui/react-icons";

const useStyles = makeStyles({
  list: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  item: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  line: {
    width: "32px",
    height: tokens.strokeWidthThin,
    backgroundColor: tokens.colorNeutralStroke1,
  },
  step: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: "none",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: "transparent",
    color: tokens.colorNeutralForeground2,
    fontFamily: "inherit",
    fontSize: tokens.fontSizeBase300,
    cursor: "pointer",
    ":hover": {
      backgroundColor: tokens.colorSubtleBackgroundHover,
    },
    ":disabled": {
      cursor: "default",
      color: tokens.colorNeutralForegroundDisabled,
      backgroundColor: "transparent",
    },
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
  current: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  number: {
    display: "inline-flex",
    alignItems: "center",
    justifyContent: "center",
    width: "24px",
    height: "24px",
    borderRadius: tokens.borderRadiusCircular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    flexShrink: 0,
  },
  numberCurrent: {
    backgroundColor: tokens.colorBrandBackground,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandBackground}`,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  numberDone: {
    backgroundColor: tokens.colorBrandBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}`,
    color: tokens.colorBrandForeground1,
  },
});

interface StepperProps {
  label: string;
  steps: readonly string[];
  current: number;
  /** Steps after this one cannot be reached yet. */
  reachable: number;
  onStep: (index: number) => void;
}

/** The wizard's steps in a row: done ones ticked, the current one highlighted, each a button. */
export function Stepper({ label, steps, current, reachable, onStep }: StepperProps) {
  const styles = useStyles();
  return (
    <ol className={styles.list} aria-label={label} data-testid="wizard-steps">
      {steps.map((step, i) => (
        <li key={step} className={styles.item}>
          {i > 0 ? <span className={styles.line} aria-hidden="true" /> : null}
          <button
            type="button"
            className={mergeClasses(styles.step, i === current ? styles.current : undefined)}
            disabled={i > reachable}
            aria-current={i === current ? "step" : undefined}
            onClick={() => onStep(i)}
            data-testid={`wizard-step-${i + 1}`}
          >
            <span className={mergeClasses(styles.number, i === current ? styles.numberCurrent : i < current ? styles.numberDone : undefined)} aria-hidden="true">
              {i < current ? <Checkmark16Regular /> : i + 1}
            </span>
            {step}
          </button>
        </li>
      ))}
    </ol>
  );
}
