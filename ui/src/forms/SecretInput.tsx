import { forwardRef } from "react";
import { renderInput_unstable, useInputStyles_unstable, useInput_unstable, type InputProps } from "@fluentui/react-components";

/**
 * A Fluent Input that is never controlled: Fluent's Input always passes `value`, and React then
 * mirrors what is typed into the element's `value` attribute, i.e. into the DOM. A secret typed
 * here stays only in the element's live value, read and cleared through the ref.
 */
export const SecretInput = forwardRef<HTMLInputElement, Omit<InputProps, "value" | "defaultValue" | "type">>(
  function SecretInput(props, ref) {
    const state = useInput_unstable({ ...props, type: "password" }, ref);
    const uncontrolled = { ...state, input: { ...state.input, value: undefined } };
    useInputStyles_unstable(uncontrolled);
    return renderInput_unstable(uncontrolled);
  },
);
