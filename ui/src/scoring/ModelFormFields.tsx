import { useId } from "react";
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  Option,
  Radio,
  RadioGroup,
  Switch,
  Text,
  Tooltip,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Add16Regular, Delete16Regular } from "@fluentui/react-icons";
import type { AttributeChoice } from "../bindings";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import type { ConditionDraft, DraftField, DraftProblem, ModelDraft } from "./modelForm";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    minWidth: 0,
  },
  group: {
    border: "none",
    margin: 0,
    padding: 0,
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  legend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightSemibold,
  },
  hint: {
    color: tokens.colorNeutralForeground3,
  },
  condition: {
    display: "grid",
    gridTemplateColumns: "minmax(140px, 2fr) minmax(160px, 3fr) auto",
    gap: tokens.spacingHorizontalS,
    alignItems: "end",
  },
  dropdown: {
    minWidth: 0,
    width: "100%",
  },
  add: {
    alignSelf: "flex-start",
  },
  checks: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(190px, 1fr))",
    gap: `0 ${tokens.spacingHorizontalM}`,
  },
  error: {
    color: tokens.colorPaletteRedForeground1,
  },
  row: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalL,
    alignItems: "start",
    "@media (max-width: 720px)": {
      gridTemplateColumns: "minmax(0, 1fr)",
    },
  },
  tolerance: {
    maxWidth: "160px",
  },
});

interface ModelFormFieldsProps {
  draft: ModelDraft;
  onChange: (draft: ModelDraft) => void;
  /** Problems to show now (after a submit, or after leaving a field). */
  problems: Partial<Record<DraftField, DraftProblem>>;
  attributes: readonly AttributeChoice[];
  disabled: boolean;
  /** A new model may leave its name empty (the backend names it after the date). */
  isNew: boolean;
}

/** A model's settings: name, filter conditions, attributes, automatic retraining, trend tolerance. */
export function ModelFormFields({ draft, onChange, problems, attributes, disabled, isNew }: ModelFormFieldsProps) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const id = useId();
  const nameOf = (key: string) => attributes.find((a) => a.key === key)?.name ?? key;
  const used = new Set(draft.filter.map((c) => c.attribute));
  const free = attributes.filter((a) => !used.has(a.key));

  const setCondition = (index: number, condition: ConditionDraft) => {
    onChange({ ...draft, filter: draft.filter.map((c, i) => (i === index ? condition : c)) });
  };
  const removeCondition = (index: number) => {
    onChange({ ...draft, filter: draft.filter.filter((_, i) => i !== index) });
  };
  const addCondition = () => {
    const first = free[0];
    if (first) onChange({ ...draft, filter: [...draft.filter, { attribute: first.key, values: [] }] });
  };
  const toggleAttribute = (key: string, on: boolean) => {
    const next = on ? [...draft.attributes, key] : draft.attributes.filter((a) => a !== key);
    onChange({ ...draft, attributes: attributes.map((a) => a.key).filter((k) => next.includes(k)) });
  };
  const problem = (field: DraftField) => {
    const p = problems[field];
    return p ? t(p.key, p.params) : undefined;
  };

  return (
    <div className={styles.form}>
      <Field
        label={t("scoring.form.name")}
        hint={isNew ? t("scoring.form.nameHintNew") : undefined}
        validationMessage={problem("name")}
        validationState={problems.name ? "error" : "none"}
      >
        <Input value={draft.name} disabled={disabled} onChange={(_, data) => onChange({ ...draft, name: data.value })} data-testid="model-form-name" />
      </Field>

      <fieldset className={styles.group} disabled={disabled} data-testid="model-form-filter">
        <legend className={styles.legend}>{t("scoring.form.filter")}</legend>
        <Text size={200} className={styles.hint}>
          {draft.filter.length === 0 ? t("scoring.form.filterAll") : t("scoring.form.filterHint")}
        </Text>
        {draft.filter.map((condition, index) => {
          const choice = attributes.find((a) => a.key === condition.attribute);
          const values = choice?.values ?? [];
          const labelOf = (value: string) => values.find((v) => v.value === value)?.label ?? value;
          return (
            <div key={`${condition.attribute}-${index}`} className={styles.condition} data-testid="model-form-condition">
              <Field label={t("scoring.form.attribute")} size="small">
                <Dropdown
                  size="small"
                  className={styles.dropdown}
                  value={nameOf(condition.attribute)}
                  selectedOptions={[condition.attribute]}
                  onOptionSelect={(_, data) => {
                    if (data.optionValue && data.optionValue !== condition.attribute) setCondition(index, { attribute: data.optionValue, values: [] });
                  }}
                  data-testid="model-form-condition-attribute"
                >
                  {attributes
                    .filter((a) => a.key === condition.attribute || !used.has(a.key))
                    .map((a) => (
                      <Option key={a.key} value={a.key} data-testid={`model-form-attribute-${a.key}`}>
                        {a.name}
                      </Option>
                    ))}
                </Dropdown>
              </Field>
              <Field label={t("scoring.form.values")} size="small">
                <Dropdown
                  size="small"
                  multiselect
                  className={styles.dropdown}
                  placeholder={t("scoring.form.valuesPlaceholder")}
                  value={condition.values.map(labelOf).join(", ")}
                  selectedOptions={condition.values}
                  onOptionSelect={(_, data) => setCondition(index, { ...condition, values: data.selectedOptions })}
                  data-testid="model-form-condition-values"
                >
                  {values.map((v) => (
                    <Option key={v.value} value={v.value} text={v.label} data-testid={`model-form-value-${v.value}`}>
                      {t("scoring.form.valueWithCount", { value: v.label, count: v.leads })}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
              <Tooltip content={t("scoring.form.removeCondition", { attribute: nameOf(condition.attribute) })} relationship="label">
                <Button size="small" appearance="subtle" icon={<Delete16Regular />} onClick={() => removeCondition(index)} data-testid="model-form-condition-remove" />
              </Tooltip>
            </div>
          );
        })}
        {problems.filter ? (
          <Text size={200} className={styles.error} role="alert">
            {problem("filter")}
          </Text>
        ) : null}
        <Button className={styles.add} size="small" icon={<Add16Regular />} disabled={free.length === 0} onClick={addCondition} data-testid="model-form-add-condition">
          {t("scoring.form.addCondition")}
        </Button>
      </fieldset>

      <fieldset className={styles.group} disabled={disabled} data-testid="model-form-attributes">
        <legend className={styles.legend} id={`${id}-attributes`}>
          {t("scoring.form.attributes")}
        </legend>
        <RadioGroup
          layout="horizontal"
          value={draft.attributesMode}
          onChange={(_, data) => onChange({ ...draft, attributesMode: data.value === "chosen" ? "chosen" : "auto" })}
          aria-labelledby={`${id}-attributes`}
        >
          <Radio value="auto" label={t("scoring.form.attributesAuto")} data-testid="model-form-attributes-auto" />
          <Radio value="chosen" label={t("scoring.form.attributesChosen")} data-testid="model-form-attributes-chosen" />
        </RadioGroup>
        <Text size={200} className={styles.hint}>
          {draft.attributesMode === "auto" ? t("scoring.form.attributesAutoHint") : t("scoring.form.attributesChosenHint")}
        </Text>
        {draft.attributesMode === "chosen" ? (
          <div className={styles.checks} role="group" aria-label={t("scoring.form.attributes")}>
            {attributes.map((a) => (
              <Checkbox
                key={a.key}
                label={a.name}
                checked={draft.attributes.includes(a.key)}
                onChange={(_, data) => toggleAttribute(a.key, data.checked === true)}
                data-testid={`model-form-use-${a.key}`}
              />
            ))}
          </div>
        ) : null}
        {problems.attributes ? (
          <Text size={200} className={styles.error} role="alert">
            {problem("attributes")}
          </Text>
        ) : null}
      </fieldset>

      <div className={styles.row}>
        <Field label={t("scoring.form.retrain")} hint={t("scoring.form.retrainHint")}>
          <Switch
            checked={draft.autoRetrain}
            disabled={disabled}
            label={draft.autoRetrain ? t("scoring.form.retrainOn") : t("scoring.form.retrainOff")}
            onChange={(_, data) => onChange({ ...draft, autoRetrain: data.checked })}
            data-testid="model-form-retrain"
          />
        </Field>
        <Field
          label={t("scoring.form.tolerance")}
          hint={t("scoring.form.toleranceHint", { points: format.number(Number(draft.trendTolerance) || 0) })}
          validationMessage={problem("trendTolerance")}
          validationState={problems.trendTolerance ? "error" : "none"}
        >
          <Input
            className={styles.tolerance}
            value={draft.trendTolerance}
            inputMode="numeric"
            disabled={disabled}
            contentAfter={<Text size={200}>{t("scoring.form.points")}</Text>}
            onChange={(_, data) => onChange({ ...draft, trendTolerance: data.value })}
            data-testid="model-form-tolerance"
          />
        </Field>
      </div>
    </div>
  );
}
