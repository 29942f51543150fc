import type { ReactNode } from "react";

interface Common {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
}

function Wrapper({ name, label, error, hint, required, children }: Common & { children: ReactNode }) {
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={`f-${name}`}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <FieldHint name={name} hint={hint} />
      {children}
      <FieldErrorText name={name} error={error} />
    </div>
  );
}

function FieldHint({ name, hint }: { name: string; hint?: string }) {
  return hint ? (
    <p className="field__hint" id={`f-${name}-hint`}>
      {hint}
    </p>
  ) : null;
}

function FieldErrorText({ name, error }: { name: string; error?: string }) {
  return error ? (
    <p className="field__error" id={`f-${name}-error`}>
      {error}
    </p>
  ) : null;
}

function describedBy(p: Common) {
  return [p.hint ? `f-${p.name}-hint` : null, p.error ? `f-${p.name}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function TextField(p: Common & { type?: string; defaultValue?: string | null; autoComplete?: string; maxLength?: number }) {
  return (
    <Wrapper {...p}>
      <input
        id={`f-${p.name}`}
        name={p.name}
        type={p.type ?? "text"}
        defaultValue={p.defaultValue ?? ""}
        autoComplete={p.autoComplete}
        maxLength={p.maxLength}
        required={p.required}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p)}
      />
    </Wrapper>
  );
}

export function TextArea(p: Common & { defaultValue?: string | null; rows?: number }) {
  return (
    <Wrapper {...p}>
      <textarea
        id={`f-${p.name}`}
        name={p.name}
        rows={p.rows ?? 3}
        defaultValue={p.defaultValue ?? ""}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p)}
      />
    </Wrapper>
  );
}

export function SelectField(p: Common & { options: Record<string, string>; defaultValue?: string | null; placeholder?: string }) {
  return (
    <Wrapper {...p}>
      <select
        id={`f-${p.name}`}
        name={p.name}
        defaultValue={p.defaultValue ?? ""}
        required={p.required}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p)}
      >
        {p.placeholder !== undefined ? <option value="">{p.placeholder}</option> : null}
        {Object.entries(p.options).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
}

/** A checkbox that posts `value` when ticked (and nothing when not), label beside it. */
export function CheckboxField(p: Common & { value?: string; defaultChecked?: boolean }) {
  return (
    <div className={`field${p.error ? " field--error" : ""}`}>
      <div className="check-row">
        <input
          type="checkbox"
          id={`f-${p.name}`}
          name={p.name}
          value={p.value ?? "aan"}
          defaultChecked={p.defaultChecked}
          aria-invalid={p.error ? true : undefined}
          aria-describedby={describedBy(p)}
        />
        <label htmlFor={`f-${p.name}`}>{p.label}</label>
      </div>
      <FieldHint name={p.name} hint={p.hint} />
      <FieldErrorText name={p.name} error={p.error} />
    </div>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div className="alert alert--error" role="alert">
      {message}
    </div>
  );
}
