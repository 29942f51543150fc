// The chronological feitenrelaas: the table equivalent of the chart (WCAG: every fact reachable
// and operable by keyboard). One tab stop for the whole table; arrow keys move between rows,
// Enter or Space opens the focused fact in the editor. Rows are memoised on the (cached, stable)
// event objects, so a peer's change re-renders one row, not two thousand.
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { formatDutchPartialDate } from "~/domain/timeline/partial-date.ts";
import type { Party, TimelineEvent } from "~/domain/timeline/schema.ts";
import { activeFlags } from "~/domain/timeline/schema.ts";
import { eventFlagLabel, eventKindLabel, eventStatusLabel } from "~/domain/timeline/vocabulary.ts";
import { eventActor } from "./format.ts";
import type { EventEntry, InvalidEntry } from "./types.ts";

type Editors = { name: string; color: string }[];

interface Props {
  events: EventEntry[];
  invalid: InvalidEntry[];
  partyById: ReadonlyMap<string, Party>;
  selectedId: string | null;
  onOpen: (id: string) => void;
  editingByEvent: Record<string, Editors>;
  /** Others who have a fact open but may only read it. */
  viewingByEvent?: Record<string, Editors>;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  /** Narrow (editor open): the columns the editor shows anyway are left out. */
  compact?: boolean;
}

export function rowDomId(id: string): string {
  return `feit-${id}`;
}

/** Moves keyboard focus to a fact's row (after closing the editor, for instance). */
export function focusRow(id: string): boolean {
  const row = document.getElementById(rowDomId(id));
  if (!row) return false;
  row.focus();
  return true;
}

const NO_EDITORS: Editors = [];

export function TimelineTable({ events, invalid, partyById, selectedId, onOpen, editingByEvent, viewingByEvent, empty, compact }: Props) {
  const ids = [...events.map((e) => e.id), ...invalid.map((e) => e.id)];
  const idsRef = useRef(ids);
  idsRef.current = ids;
  const [focusId, setFocusId] = useState<string | null>(null);
  // The row with tabindex 0: the focused one, else the selected one, else the first.
  const tabStop = focusId && ids.includes(focusId) ? focusId : selectedId && ids.includes(selectedId) ? selectedId : ids[0];

  useEffect(() => {
    if (selectedId) setFocusId(selectedId);
  }, [selectedId]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLTableRowElement>, id: string) => {
      if (e.target !== e.currentTarget) return;
      const list = idsRef.current;
      const i = list.indexOf(id);
      let next: number;
      switch (e.key) {
        case "ArrowDown":
          next = Math.min(list.length - 1, i + 1);
          break;
        case "ArrowUp":
          next = Math.max(0, i - 1);
          break;
        case "Home":
          next = 0;
          break;
        case "End":
          next = list.length - 1;
          break;
        case "PageDown":
          next = Math.min(list.length - 1, i + 10);
          break;
        case "PageUp":
          next = Math.max(0, i - 10);
          break;
        case "Enter":
        case " ":
          e.preventDefault();
          onOpen(id);
          return;
        default:
          return;
      }
      e.preventDefault();
      const target = list[next];
      setFocusId(target);
      document.getElementById(rowDomId(target))?.focus();
    },
    [onOpen],
  );

  if (ids.length === 0) return <>{empty}</>;

  return (
    <table id="ws-feiten" className={`ws-table${compact ? " ws-table--compact" : ""}`}>
      <caption className="visually-hidden">
        Feitenrelaas: alle feiten in tijdsvolgorde. Ga met de pijltjestoetsen door de rijen en open een feit met Enter.
      </caption>
      <thead>
        <tr>
          <th scope="col" className="ws-col-date">
            Datum
          </th>
          <th scope="col" className="ws-col-party">
            Organisatie
          </th>
          <th scope="col" className="ws-col-who">
            Wie
          </th>
          <th scope="col">Wat</th>
          <th scope="col" className="ws-col-kind">
            Soort
          </th>
          <th scope="col" className="ws-col-flags">
            Markeringen
          </th>
          <th scope="col" className="ws-col-status">
            Status
          </th>
        </tr>
      </thead>
      <tbody>
        {events.map(({ id, value }) => (
          <EventRow
            key={id}
            id={id}
            event={value}
            partyName={partyById.get(value.party)?.name}
            selected={id === selectedId}
            tabStop={id === tabStop}
            editors={editingByEvent[id] ?? NO_EDITORS}
            viewers={viewingByEvent?.[id] ?? NO_EDITORS}
            onOpen={onOpen}
            onFocusRow={setFocusId}
            onKeyDown={onKeyDown}
          />
        ))}
        {invalid.map((e) => (
          <tr
            key={e.id}
            id={rowDomId(e.id)}
            tabIndex={e.id === tabStop ? 0 : -1}
            aria-current={e.id === selectedId ? "true" : undefined}
            className={`ws-row${e.id === selectedId ? " is-selected" : ""}`}
            data-invalid="true"
            onClick={() => onOpen(e.id)}
            onFocus={() => setFocusId(e.id)}
            onKeyDown={(ev) => onKeyDown(ev, e.id)}
          >
            <td className="ws-col-date">
              <span className="ws-status ws-status--invalid">Ongeldige invoer</span>
            </td>
            <td colSpan={compact ? 4 : 6}>
              <span className="ws-title">{rawTitle(e.raw)}</span>
              <ul className="ws-errors">
                {e.errors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface RowProps {
  id: string;
  event: TimelineEvent;
  partyName: string | undefined;
  selected: boolean;
  tabStop: boolean;
  editors: Editors;
  viewers: Editors;
  onOpen: (id: string) => void;
  onFocusRow: (id: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>, id: string) => void;
}

const EventRow = memo(function EventRow({ id, event: v, partyName, selected, tabStop, editors, viewers, onOpen, onFocusRow, onKeyDown }: RowProps) {
  const flags = activeFlags(v.flags);
  return (
    <tr
      id={rowDomId(id)}
      tabIndex={tabStop ? 0 : -1}
      aria-current={selected ? "true" : undefined}
      className={`ws-row${selected ? " is-selected" : ""}`}
      data-critical={v.flags.kritiekMoment || undefined}
      onClick={() => onOpen(id)}
      onFocus={() => onFocusRow(id)}
      onKeyDown={(e) => onKeyDown(e, id)}
    >
      <td className="ws-col-date">
        <span className="ws-date">{formatDutchPartialDate(v.start, { approximate: v.approximate })}</span>
        {v.end ? <span className="ws-date ws-date--end"> – {formatDutchPartialDate(v.end)}</span> : null}
      </td>
      <td className="ws-col-party">{partyName ?? "—"}</td>
      <td className="ws-col-who">{eventActor(v) || <span className="muted">—</span>}</td>
      <td className="ws-col-what">
        <span className="ws-title">{v.title}</span>
        {editors.length > 0 ? (
          <span className="ws-editing">
            {editors.map((p) => (
              <span key={p.name} className="ws-chip" data-presence-name={p.name}>
                <span className="ws-dot" style={{ background: p.color }} aria-hidden="true" />
                {p.name} bewerkt dit
              </span>
            ))}
          </span>
        ) : null}
        {viewers.length > 0 ? (
          <span className="ws-editing">
            {viewers.map((p) => (
              <span key={p.name} className="ws-chip ws-chip--viewing" data-presence-name={p.name}>
                <span className="ws-dot" style={{ background: p.color }} aria-hidden="true" />
                {p.name} bekijkt dit
              </span>
            ))}
          </span>
        ) : null}
      </td>
      <td className="ws-col-kind">{eventKindLabel(v.kind)}</td>
      <td className="ws-col-flags">
        {flags.length === 0 ? (
          <span className="visually-hidden">geen</span>
        ) : (
          flags.map((f) => (
            <span key={f} className={`ws-flag ws-flag--${f}`}>
              {eventFlagLabel(f)}
            </span>
          ))
        )}
      </td>
      <td className="ws-col-status">
        <span className={`ws-status ws-status--${v.status}`} title={v.status === "betwist" ? v.statusReason : undefined}>
          {eventStatusLabel(v.status)}
        </span>
        {v.status === "betwist" && v.statusReason ? <span className="visually-hidden">: {v.statusReason}</span> : null}
      </td>
    </tr>
  );
});

function rawTitle(raw: unknown): string {
  const title = raw && typeof raw === "object" ? (raw as Record<string, unknown>).title : undefined;
  return typeof title === "string" && title.trim() ? title : "(zonder titel)";
}
