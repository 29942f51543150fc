// Choose an item by typing part of its text: an ARIA combobox with a listbox of matches. Used for
// timeline facts ("12 maart 2014 — Huisbezoek wijkcoach · Wijkteam Noord") and for root causes.
import { useId, useMemo, useState, type ReactNode } from "react";
import { eventWhen, fold } from "~/components/workspace/format.ts";
import type { EventOption } from "./useAnalysis.ts";

export interface PickItem {
  id: string;
  /** Searched and spoken. */
  text: string;
  /** Shown (defaults to text). */
  view?: ReactNode;
  /** Listed first, with this note. */
  mark?: string | null;
}

interface PickerProps {
  items: readonly PickItem[];
  label: string;
  onPick(id: string): void;
  hint?: string;
  placeholder: string;
  emptyText: string;
  noMatchText: string;
}

const MAX = 40;

export function SearchPicker({ items, label, onPick, hint, placeholder, emptyText, noMatchText }: PickerProps) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    const q = fold(query.trim());
    const list = items.filter((e) => !q || fold(e.text).includes(q));
    list.sort((a, b) => Number(!!b.mark) - Number(!!a.mark));
    return list.slice(0, MAX);
  }, [items, query]);
  const activeId = open && matches[active] ? `${id}-o-${matches[active]!.id}` : undefined;

  const pick = (e: PickItem) => {
    onPick(e.id);
    setQuery("");
    setOpen(false);
    setActive(0);
  };

  return (
    <div className="event-picker">
      <label htmlFor={`${id}-input`} className="event-picker__label">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-activedescendant={activeId}
        aria-describedby={hint ? `${id}-hint` : undefined}
        placeholder={placeholder}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(matches.length - 1, a + 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === "Enter") {
            e.preventDefault();
            if (open && matches[active]) pick(matches[active]!);
          } else if (e.key === "Escape") {
            if (open) {
              e.preventDefault();
              e.stopPropagation();
              setOpen(false);
            }
          }
        }}
      />
      <ul id={`${id}-list`} role="listbox" aria-label={label} className="event-picker__list" hidden={!open}>
        {matches.map((e, i) => (
          <li
            key={e.id}
            id={`${id}-o-${e.id}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? "event-option event-option--active" : "event-option"}
            onMouseDown={(ev) => ev.preventDefault()}
            onMouseMove={() => setActive(i)}
            onClick={() => pick(e)}
          >
            {e.view ?? e.text}
            {e.mark ? <span className="event-option__mark"> ({e.mark})</span> : null}
          </li>
        ))}
        {matches.length === 0 ? (
          <li role="option" aria-selected={false} aria-disabled="true" className="event-option event-option--none">
            {items.length === 0 ? emptyText : noMatchText}
          </li>
        ) : null}
      </ul>
    </div>
  );
}

export function eventText(e: EventOption): string {
  return `${eventWhen(e.event)} — ${e.event.title}${e.partyName ? ` · ${e.partyName}` : ""}`;
}

interface Props {
  events: readonly EventOption[];
  label: string;
  /** Events that cannot be chosen (e.g. already cited). */
  exclude?: ReadonlySet<string>;
  onPick(id: string): void;
  hint?: string;
  /** Events to list first with a mark, e.g. flagged as kritiek moment on the timeline. */
  highlight?: (e: EventOption) => string | null;
}

/** A fact from the timeline, found by date or title. */
export function EventPicker({ events, label, exclude, onPick, hint, highlight }: Props) {
  const items = useMemo(
    () =>
      events
        .filter((e) => !exclude?.has(e.id))
        .map(
          (e): PickItem => ({
            id: e.id,
            text: eventText(e),
            mark: highlight?.(e) ?? null,
            view: (
              <>
                <span className="event-option__when">{eventWhen(e.event)}</span> {e.event.title}
                {e.partyName ? <span className="event-option__party"> · {e.partyName}</span> : null}
              </>
            ),
          }),
        ),
    [events, exclude, highlight],
  );
  return (
    <SearchPicker
      items={items}
      label={label}
      hint={hint}
      onPick={onPick}
      placeholder="Zoek op datum of titel"
      emptyText="Er staan geen (andere) feiten op de tijdlijn."
      noMatchText="Geen feit gevonden met deze zoekterm."
    />
  );
}
