// ECM code picker: a button that opens a listbox of the Eindhoven Classification Model codes,
// grouped by main group, each option showing code, Dutch label AND explanation while choosing.
// Keyboard: ↑/↓ move, Home/End, type a code's letters to jump, Enter/Space choose, Esc closes.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { ecmCatalog } from "~/domain/analysis/index.ts";
import { GROUP_COLORS } from "~/domain/analysis/visual.ts";

interface Props {
  value: string | null;
  disabled?: boolean;
  onChange(code: string | null): void;
  /** Accessible label of the button's purpose, e.g. "ECM-code". */
  label: string;
}

const NONE = "__none__";

export function EcmPicker({ value, disabled, onChange, label }: Props) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const [open, setOpen] = useState(false);
  const options = useMemo(() => [NONE, ...ecmCatalog.codes.map((c) => c.code)], []);
  const [active, setActive] = useState<string>(value ?? NONE);
  const listRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const typed = useRef({ text: "", at: 0 });
  const current = value ? ecmCatalog.byCode.get(value) : undefined;

  useEffect(() => {
    if (!open) return;
    setActive(value ?? NONE);
    listRef.current?.focus();
  }, [open, value]);

  useEffect(() => {
    if (!open) return;
    document.getElementById(`${id}-opt-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [active, open, id]);

  const close = (focusButton = true) => {
    setOpen(false);
    if (focusButton) setTimeout(() => buttonRef.current?.focus(), 0);
  };
  const choose = (code: string) => {
    onChange(code === NONE ? null : code);
    close();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = options.indexOf(active);
    const go = (j: number) => {
      e.preventDefault();
      setActive(options[Math.max(0, Math.min(options.length - 1, j))]!);
    };
    switch (e.key) {
      case "ArrowDown":
        return go(i + 1);
      case "ArrowUp":
        return go(i - 1);
      case "Home":
        return go(0);
      case "End":
        return go(options.length - 1);
      case "PageDown":
        return go(i + 5);
      case "PageUp":
        return go(i - 5);
      case "Enter":
      case " ":
        e.preventDefault();
        return choose(active);
      case "Escape":
        e.preventDefault();
        e.stopPropagation();
        return close();
      case "Tab":
        return close(false);
    }
    if (e.key.length === 1 && /[a-z]/i.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const now = Date.now();
      typed.current = { text: now - typed.current.at < 800 ? typed.current.text + e.key.toUpperCase() : e.key.toUpperCase(), at: now };
      const hit = ecmCatalog.codes.find((c) => c.code.startsWith(typed.current.text));
      if (hit) go(options.indexOf(hit.code));
    }
  };

  return (
    <div className="ecm-picker">
      <button
        ref={buttonRef}
        type="button"
        className="ecm-picker__button"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={open ? `${id}-list` : undefined}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="visually-hidden">{label}: </span>
        {current ? (
          <>
            <span className="ecm-pill" style={{ background: GROUP_COLORS[current.group] }}>
              {current.code}
            </span>{" "}
            {current.label}
          </>
        ) : (
          <span className="ecm-picker__placeholder">Kies een ECM-code…</span>
        )}
        <span aria-hidden="true" className="ecm-picker__caret">
          ▾
        </span>
      </button>
      {current ? <p className="ecm-picker__explanation">{current.explanation}</p> : null}
      {open ? (
        <div
          ref={listRef}
          id={`${id}-list`}
          className="ecm-listbox"
          role="listbox"
          tabIndex={-1}
          aria-label="ECM-codes"
          aria-activedescendant={`${id}-opt-${active}`}
          onKeyDown={onKeyDown}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null) && e.relatedTarget !== buttonRef.current) setOpen(false);
          }}
        >
          <div
            id={`${id}-opt-${NONE}`}
            role="option"
            aria-selected={value === null}
            className={`ecm-option${active === NONE ? " ecm-option--active" : ""}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(NONE)}
          >
            <span className="ecm-option__label">Geen code (nog niet geclassificeerd)</span>
          </div>
          {ecmCatalog.groups.map((g) => {
            const codes = ecmCatalog.codes.filter((c) => c.group === g.id);
            if (!codes.length) return null;
            return (
              <div key={g.id} role="group" aria-labelledby={`${id}-g-${g.id}`}>
                <div id={`${id}-g-${g.id}`} className="ecm-group" role="presentation">
                  <span className="ecm-group__swatch" style={{ background: GROUP_COLORS[g.id] }} aria-hidden="true" />
                  {g.label}
                </div>
                {codes.map((c) => (
                  <div
                    key={c.code}
                    id={`${id}-opt-${c.code}`}
                    role="option"
                    aria-selected={value === c.code}
                    aria-label={`${c.code}: ${c.label}`}
                    aria-describedby={`${id}-exp-${c.code}`}
                    className={`ecm-option${active === c.code ? " ecm-option--active" : ""}`}
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseMove={() => setActive(c.code)}
                    onClick={() => choose(c.code)}
                  >
                    <span className="ecm-option__label">
                      <span className="ecm-pill" style={{ background: GROUP_COLORS[c.group] }}>
                        {c.code}
                      </span>{" "}
                      {c.label}
                      {value === c.code ? <span className="ecm-option__check"> (gekozen)</span> : null}
                    </span>
                    <span id={`${id}-exp-${c.code}`} className="ecm-option__explanation">
                      {c.explanation}
                    </span>
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
