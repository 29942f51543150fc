// A text field bound to one value in the shared document: shows other people's changes while you
// are not typing in it, and writes your change when you leave the field (or press Enter in a
// single-line field). One write per edit keeps the undo history and the update log readable.
import { useEffect, useId, useRef, useState } from "react";

interface Props {
  label: string;
  value: string;
  onCommit(value: string): void;
  multiline?: boolean;
  rows?: number;
  type?: "text" | "date";
  maxLength?: number;
  hint?: string;
  readOnly?: boolean;
  /** Shown instead of an empty value when read-only. */
  emptyText?: string;
  onFocusChange?(focused: boolean): void;
  invalid?: boolean;
  className?: string;
  list?: string;
}

export function LiveField({
  label,
  value,
  onCommit,
  multiline,
  rows = 3,
  type = "text",
  maxLength,
  hint,
  readOnly,
  emptyText = "—",
  onFocusChange,
  invalid,
  className,
  list,
}: Props) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const focused = useRef(false);
  const lastCommitted = useRef<string | null>(null);
  useEffect(() => {
    lastCommitted.current = null;
    if (!focused.current) setDraft(value);
  }, [value]);

  if (readOnly) {
    return (
      <div className={`live-field live-field--read ${className ?? ""}`}>
        <span className="live-field__label">{label}</span>
        <p className="live-field__value">{value.trim() ? value : <span className="muted">{emptyText}</span>}</p>
      </div>
    );
  }

  const commit = (next = draft) => {
    if (next === value || next === lastCommitted.current) return;
    lastCommitted.current = next;
    onCommit(next);
  };
  const common = {
    id,
    value: draft,
    maxLength,
    "aria-describedby": hint ? `${id}-hint` : undefined,
    "aria-invalid": invalid ? true : undefined,
    onFocus: () => {
      focused.current = true;
      onFocusChange?.(true);
    },
    onBlur: () => {
      focused.current = false;
      onFocusChange?.(false);
      commit();
    },
  };
  return (
    <div className={`field live-field ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {multiline ? (
        <textarea {...common} rows={rows} onChange={(e) => setDraft(e.currentTarget.value)} />
      ) : (
        <input
          {...common}
          type={type}
          list={list}
          onChange={(e) => {
            setDraft(e.currentTarget.value);
            // A date picker has no "leaving the field while typing": write on change.
            if (type === "date" && /^\d{4}-\d{2}-\d{2}$|^$/.test(e.currentTarget.value)) commit(e.currentTarget.value);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commit();
            }
          }}
        />
      )}
    </div>
  );
}
