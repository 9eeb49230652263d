// Form building blocks of the controls column: a titled group and aligned label/control rows, so every
// knob has the same widths and its hint sits under its control.
import { useState, type FormEvent, type ReactNode } from 'react';

/** A titled group of fields (a fieldset, so the heading names its controls for assistive technology). */
export function ControlGroup({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <fieldset className="ctl-group" data-testid={testId}>
      <legend className="ctl-title">{title}</legend>
      {children}
    </fieldset>
  );
}

/** One aligned row: visible label, control, optional hint. `id` is the control's id. */
export function Field({ id, label, hint, children }: { id: string; label: ReactNode; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>{label}</label>
      <div className="field-control">{children}</div>
      {hint ? <small id={`${id}-hint`} className="hint field-hint">{hint}</small> : null}
    </div>
  );
}

/**
 * A number input with an Apply button (Enter applies too). The input's accessible name is `name` (the
 * English API word of the contract); `label` is what the user reads.
 */
export function NumberField({ id, name, label, hint, value, min, max, action, disabled, onSubmit }: {
  id: string; name: string; label: string; hint?: string; value: number; min: number; max: number; action: string;
  disabled?: boolean; onSubmit(n: number): void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(draft ?? value);
    if (Number.isInteger(n) && n >= min && n <= max) onSubmit(n);
    setDraft(null);
  };
  return (
    <form className="field" onSubmit={submit}>
      <label className="field-label" htmlFor={id}>{label}</label>
      <span className="field-control field-number">
        <input id={id} type="number" inputMode="numeric" min={min} max={max} disabled={disabled} aria-label={name}
          value={draft ?? String(value)} onChange={(e) => setDraft(e.target.value)} aria-describedby={hint ? `${id}-hint` : undefined} />
        <button type="submit" disabled={disabled}>{action}</button>
      </span>
      {hint ? <small id={`${id}-hint`} className="hint field-hint">{hint}</small> : null}
    </form>
  );
}
