import { TextInput } from "@patternfly/react-core";
import { useEffect, useState } from "react";

type Props = {
  id: string;
  value: string;
  onCommit: (value: string) => void;
  ariaLabel: string;
  placeholder?: string;
  type?: "text" | "number";
  width?: string;
};

/** A text field that applies its value on Enter or when left, not on every key: each change reloads the table. */
export const CommitInput = ({ id, value, onCommit, ariaLabel, placeholder, type = "text", width }: Props) => {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text !== value) onCommit(text);
  };
  return (
    <TextInput
      id={id}
      data-testid={id}
      type={type}
      min={type === "number" ? 1 : undefined}
      value={text}
      aria-label={ariaLabel}
      placeholder={placeholder}
      style={width ? { width } : undefined}
      onChange={(_event, next) => setText(next)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === "Enter") commit();
      }}
    />
  );
};
