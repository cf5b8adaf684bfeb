import { useState, type KeyboardEvent } from "react";
import { Button, Field, Input, Spinner, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { ArrowReset20Regular } from "@fluentui/react-icons";
import { commands, type Grade, type GradeRangesView, type IpcError, type ScoringModelSummary_Serialize as ScoringModelSummary } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { GRADES, GradeBadge, useGradeStyles } from "./badges";
import type { MessageKey } from "../i18n/en";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    maxWidth: "760px",
  },
  intro: {
    color: tokens.colorNeutralForeground2,
  },
  scale: {
    display: "flex",
    height: "28px",
    borderRadius: tokens.borderRadiusMedium,
    overflow: "hidden",
  },
  segment: {
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    minWidth: 0,
    color: tokens.colorNeutralForegroundOnBrand,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    overflow: "hidden",
    whiteSpace: "nowrap",
  },
  rows: {
    display: "grid",
    gridTemplateColumns: "auto minmax(0, 1fr) minmax(0, 1fr) minmax(0, 2fr)",
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    alignItems: "start",
  },
  header: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  grade: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    minHeight: "32px",
  },
  input: {
    width: "100%",
    maxWidth: "120px",
  },
  meaning: {
    color: tokens.colorNeutralForeground2,
    paddingTop: tokens.spacingVerticalXS,
  },
  actions: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
  },
  saving: {
    color: tokens.colorNeutralForeground3,
  },
});

const MEANINGS: Readonly<Record<Grade, MessageKey>> = {
  A: "scoring.grades.meaningA",
  B: "scoring.grades.meaningB",
  C: "scoring.grades.meaningC",
  D: "scoring.grades.meaningD",
};

/** The range (lowest, highest score) of a grade. */
export function rangeOf(g: GradeRangesView, grade: Grade): [number, number] {
  switch (grade) {
    case "A":
      return [g.aMin, 100];
    case "B":
      return [g.bMin, g.aMin - 1];
    case "C":
      return [g.cMin, g.bMin - 1];
    case "D":
      return [0, g.cMin - 1];
  }
}

type Bound = `${Grade}-${"min" | "max"}`;

function without(typed: Partial<Record<Bound, string>>, bound: Bound): Partial<Record<Bound, string>> {
  return Object.fromEntries(Object.entries(typed).filter(([key]) => key !== bound));
}

/**
 * The four grade ranges (A green, B purple, C yellow, D red) over 0–100. Editing one end of a
 * range moves its neighbour's (A's minimum 80 makes B's maximum 79), as Dynamics 365 does; the
 * backend checks each edit and says why it refuses one. Reset puts back A 75–100, B 50–74,
 * C 25–49, D 0–24.
 */
export function GradesTab({ model, onChanged }: { model: ScoringModelSummary; onChanged: () => void }) {
  const { t } = useI18n();
  const styles = useStyles();
  const colours = useGradeStyles();
  // The ranges as last answered by the backend (the overview catches up after the reload).
  const [ranges, setRanges] = useState<GradeRangesView>(model.grades);
  const [seen, setSeen] = useState<GradeRangesView>(model.grades);
  if (seen.aMin !== model.grades.aMin || seen.bMin !== model.grades.bMin || seen.cMin !== model.grades.cMin) {
    setSeen(model.grades);
    setRanges(model.grades);
  }
  const [typed, setTyped] = useState<Partial<Record<Bound, string>>>({});
  const [refused, setRefused] = useState<{ bound: Bound; message: string } | null>(null);
  const [saving, setSaving] = useState<Bound | "reset" | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  async function commit(grade: Grade, upper: boolean) {
    const bound: Bound = `${grade}-${upper ? "max" : "min"}`;
    const text = typed[bound];
    if (text === undefined) return;
    // The backend says which values this end can take now; its sentence is the fallback.
    const refusal = (details: string | null | undefined, message: string) => {
      const allowed = allowedRange(details);
      return allowed
        ? t(upper ? "scoring.grades.allowedMax" : "scoring.grades.allowedMin", { grade, min: allowed.min, max: allowed.max })
        : t("scoring.grades.refused", { reason: message });
    };
    const [min, max] = rangeOf(ranges, grade);
    const current = upper ? max : min;
    const value = Number(text.trim());
    if (text.trim() === "" || !Number.isInteger(value) || value < 0 || value > 100) {
      setRefused({ bound, message: t("scoring.grades.wholeNumber") });
      return;
    }
    if (value === current) {
      setTyped((previous) => without(previous, bound));
      setRefused(null);
      return;
    }
    setSaving(bound);
    setError(null);
    const result = await settle(commands.setGradeBound(model.id, grade, upper, value));
    setSaving(null);
    if (result.status === "error") {
      if (result.error.code === "invalidInput") setRefused({ bound, message: refusal(result.error.details, result.error.message) });
      else setError(result.error);
      return;
    }
    setRanges(result.data);
    setTyped({});
    setRefused(null);
    onChanged();
  }

  async function reset() {
    setSaving("reset");
    setError(null);
    const result = await settle(commands.resetGradeRanges(model.id));
    setSaving(null);
    if (result.status === "error") {
      setError(result.error);
      return;
    }
    setRanges(result.data);
    setTyped({});
    setRefused(null);
    onChanged();
  }

  const input = (grade: Grade, upper: boolean) => {
    const bound: Bound = `${grade}-${upper ? "max" : "min"}`;
    const [min, max] = rangeOf(ranges, grade);
    const fixed = (grade === "A" && upper) || (grade === "D" && !upper);
    const message = refused?.bound === bound ? refused.message : undefined;
    const label = upper ? t("scoring.grades.maxOf", { grade }) : t("scoring.grades.minOf", { grade });
    return (
      <Field validationMessage={message} validationState={message ? "error" : "none"} hint={fixed ? t("scoring.grades.fixed") : undefined}>
        <Input
          className={styles.input}
          type="number"
          min={0}
          max={100}
          inputMode="numeric"
          aria-label={label}
          value={typed[bound] ?? String(upper ? max : min)}
          disabled={fixed}
          onChange={(_, data) => {
            setTyped((previous) => ({ ...previous, [bound]: data.value }));
            if (refused?.bound === bound) setRefused(null);
          }}
          onBlur={() => void commit(grade, upper)}
          onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
            if (event.key === "Enter") void commit(grade, upper);
            if (event.key === "Escape") {
              setTyped((previous) => without(previous, bound));
              setRefused(null);
            }
          }}
          data-testid={`grade-${grade}-${upper ? "max" : "min"}`}
        />
      </Field>
    );
  };

  const barOf = { A: colours.barA, B: colours.barB, C: colours.barC, D: colours.barD } as const;

  return (
    <div className={styles.root} data-testid="grades-tab">
      <Text className={styles.intro}>{t("scoring.grades.intro")}</Text>
      <div className={styles.scale} role="img" aria-label={t("scoring.grades.scaleLabel", { a: ranges.aMin, b: ranges.bMin, c: ranges.cMin })} data-testid="grade-scale">
        {[...GRADES].reverse().map((grade) => {
          const [min, max] = rangeOf(ranges, grade);
          return (
            <span key={grade} className={mergeClasses(styles.segment, barOf[grade])} style={{ flexGrow: max - min + 1, flexBasis: 0 }}>
              {grade}
            </span>
          );
        })}
      </div>
      {error ? <ErrorMessageBar error={error} title={t("scoring.grades.failed")} /> : null}
      <div className={styles.rows} role="group" aria-label={t("scoring.grades.heading")}>
        <span className={styles.header}>{t("scoring.grades.col.grade")}</span>
        <span className={styles.header}>{t("scoring.grades.col.from")}</span>
        <span className={styles.header}>{t("scoring.grades.col.to")}</span>
        <span className={styles.header}>{t("scoring.grades.col.meaning")}</span>
        {GRADES.map((grade) => (
          <div key={grade} style={{ display: "contents" }} data-testid={`grade-row-${grade}`}>
            <span className={styles.grade}>
              <GradeBadge grade={grade} size="large" />
            </span>
            {input(grade, false)}
            {input(grade, true)}
            <Text size={200} className={styles.meaning}>
              {t(MEANINGS[grade])}
            </Text>
          </div>
        ))}
      </div>
      <div className={styles.actions}>
        <Button icon={saving === "reset" ? <Spinner size="tiny" /> : <ArrowReset20Regular />} disabled={saving !== null} onClick={() => void reset()} data-testid="grades-reset">
          {t("scoring.grades.reset")}
        </Button>
        {saving !== null && saving !== "reset" ? (
          <Text size={200} className={styles.saving} role="status">
            {t("scoring.grades.saving")}
          </Text>
        ) : (
          <Text size={200} className={styles.saving}>
            {t("scoring.grades.regraded")}
          </Text>
        )}
      </div>
    </div>
  );
}

/** The `{min, max}` a refused grade bound may take, from the error's details (JSON). */
function allowedRange(details: string | null | undefined): { min: number; max: number } | null {
  if (!details) return null;
  try {
    const parsed: unknown = JSON.parse(details);
    if (typeof parsed === "object" && parsed !== null && "min" in parsed && "max" in parsed) {
      const { min, max } = parsed;
      if (typeof min === "number" && typeof max === "number") return { min, max };
    }
  } catch {
    return null;
  }
  return null;
}
