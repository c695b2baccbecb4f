/** A labelled select over a fixed list of values. */
export function Choice({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  options: readonly (string | readonly [string, string])[];
  onChange: (value: string) => void;
  testId?: string;
}) {
  return (
    <label>
      {label}{" "}
      <select value={value} data-testid={testId} onChange={(event) => onChange(event.currentTarget.value)}>
        {options.map((option) => {
          const [id, text] = typeof option === "string" ? [option, option] : option;
          return (
            <option key={id} value={id}>
              {text}
            </option>
          );
        })}
      </select>
    </label>
  );
}

/** The method select every one-problem page has: the URL parameter `method`, test id `method`. */
export function MethodChoice({
  value,
  options,
  set,
}: {
  value: string;
  options: readonly (string | readonly [string, string])[];
  set: (changes: { method: string }) => void;
}) {
  return (
    <Choice label="method" value={value} testId="method" options={options} onChange={(method) => set({ method })} />
  );
}

/** A labelled range slider that shows its value. */
export function Slider({
  label,
  value,
  min,
  max,
  step,
  onChange,
  testId,
  format = String,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  testId?: string;
  format?: (value: number) => string;
}) {
  return (
    <label>
      {label}{" "}
      <input
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        data-testid={testId}
        aria-valuetext={format(value)}
        onChange={(event) => onChange(Number(event.currentTarget.value))}
      />{" "}
      <output>{format(value)}</output>
    </label>
  );
}

/** A labelled text field that reports its text when committed (Enter or leaving the field). */
export function TextField({
  label,
  value,
  onChange,
  testId,
  size = 12,
  invalid = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId?: string;
  size?: number;
  invalid?: boolean;
}) {
  return (
    <label>
      {label}{" "}
      <input
        type="text"
        value={value}
        size={size}
        spellcheck={false}
        data-testid={testId}
        aria-invalid={invalid}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    </label>
  );
}
