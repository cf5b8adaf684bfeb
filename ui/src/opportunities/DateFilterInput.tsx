import { useState } from "react";
import { Input, makeStyles } from "@fluentui/react-components";
import { parseIsoDate } from "../forms/isoDate";
import { useI18n } from "../i18n/I18nContext";

const useStyles = makeStyles({
  input: {
    width: "136px",
  },
  text: {
    fontVariantNumeric: "tabular-nums",
  },
});

/** Why a typed date is not applied. */
export type DateProblem = "invalid" | "order";

interface DateFilterInputProps {
  /** The date applied to the query (YYYY-MM-DD), or null. */
  value: string | null;
  /** Applies a date (or clears it); returns the problem that stops it, if any. */
  onCommit: (value: string | null) => DateProblem | null;
  /** Shown under the toolbar while this input holds something that is not applied. */
  onProblem: (problem: DateProblem | null) => void;
  /** The problem shown for this input, if any (its message's id for aria-describedby). */
  problemId: string | undefined;
  label: string;
  testId: string;
}

/**
 * A date typed as YYYY-MM-DD (a text input with a placeholder, so that an empty filter looks
 * empty in every webview). What is typed is applied on blur or Enter; something that is not a
 * date stays in the box, marked invalid, and the query keeps the previous value.
 */
export function DateFilterInput({ value, onCommit, onProblem, problemId, label, testId }: DateFilterInputProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const [text, setText] = useState(value ?? "");
  const [shown, setShown] = useState(value);
  // The applied value changed elsewhere (Clear filters): show it.
  if (shown !== value) {
    setShown(value);
    setText(value ?? "");
  }

  function commit() {
    const parsed = parseIsoDate(text);
    if (parsed.kind === "invalid") {
      onProblem("invalid");
      return;
    }
    const next = parsed.kind === "date" ? parsed.iso : null;
    const problem = next === value ? null : onCommit(next);
    onProblem(problem);
    if (!problem) setText(next ?? "");
  }

  return (
    <Input
      className={styles.input}
      input={{ className: styles.text }}
      value={text}
      placeholder={t("common.datePlaceholder")}
      aria-label={label}
      aria-invalid={problemId ? true : undefined}
      aria-describedby={problemId}
      autoComplete="off"
      spellCheck={false}
      onChange={(_, data) => setText(data.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === "Enter") commit();
      }}
      data-testid={testId}
    />
  );
}
