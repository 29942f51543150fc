// Filtering the feitenrelaas (pure; shared by table and chart so both show the same facts).
import { eventInterval, toInterval } from "~/domain/timeline/partial-date.ts";
import { OPEN_FACTS_FILTER } from "~/domain/report/where.ts";
import type { EventFlags, Party } from "~/domain/timeline/schema.ts";
import { EVENT_STATUS_KEYS, type EventStatus } from "~/domain/timeline/vocabulary.ts";
import { fold } from "./format.ts";
import type { EventEntry, InvalidEntry, PeriodEntry } from "./types.ts";

export interface TimelineFilter {
  party: string;
  period: string;
  flag: "" | keyof EventFlags;
  lifeDomain: string;
  /** A status, or every fact that is not (yet) bevestigd: concept or betwist. */
  status: StatusFilter;
  text: string;
}

export type StatusFilter = "" | EventStatus | typeof OPEN_FACTS_FILTER;

export const NO_FILTER: TimelineFilter = { party: "", period: "", flag: "", lifeDomain: "", status: "", text: "" };

export function isFiltering(f: TimelineFilter): boolean {
  return !!(f.party || f.period || f.flag || f.lifeDomain || f.status || f.text.trim());
}

/** The status filter from the page's URL (`?status=betwist`, `?status=niet-bevestigd`); anything else is no filter. */
export function statusFilterFrom(search: string): StatusFilter {
  const v = new URLSearchParams(search).get("status") ?? "";
  return v === OPEN_FACTS_FILTER || (EVENT_STATUS_KEYS as string[]).includes(v) ? (v as StatusFilter) : "";
}

export function matchesStatus(status: EventStatus, f: StatusFilter): boolean {
  if (!f) return true;
  if (f === OPEN_FACTS_FILTER) return status !== "bevestigd";
  return status === f;
}

// Folding every event's text on each keystroke is the expensive part of a search in 2,000 facts;
// event objects are stable while unchanged (TimelineStore), so their folded text is kept.
const foldedText = new WeakMap<object, string>();

function searchText(e: EventEntry, party: Party | undefined): string {
  const v = e.value;
  let text = foldedText.get(v);
  if (text === undefined) {
    text = fold(
      [v.title, v.description, v.actorFunction, v.actorInitials, v.statusReason ?? "", ...v.sources.map((s) => s.reference)].join("\n"),
    );
    foldedText.set(v, text);
  }
  return party ? `${text}\n${fold(party.name)}` : text;
}

export function filterEvents(
  events: readonly EventEntry[],
  partyById: ReadonlyMap<string, Party>,
  periods: readonly PeriodEntry[],
  f: TimelineFilter,
): EventEntry[] {
  if (!isFiltering(f)) return events as EventEntry[];
  const period = f.period ? periods.find((p) => p.id === f.period) : undefined;
  const from = period ? toInterval(period.value.start)?.startMs : undefined;
  const until = period ? toInterval(period.value.end)?.endMs : undefined;
  const words = fold(f.text).split(/\s+/).filter(Boolean);
  return events.filter((e) => {
    const v = e.value;
    if (f.party && v.party !== f.party) return false;
    if (f.flag && !v.flags[f.flag]) return false;
    if (!matchesStatus(v.status, f.status)) return false;
    if (f.lifeDomain && !v.lifeDomains.includes(f.lifeDomain)) return false;
    if (period) {
      const span = eventInterval(v.start, v.end);
      if (!span || from === undefined || until === undefined) return false;
      if (span.endMs <= from || span.startMs >= until) return false;
    }
    if (words.length > 0) {
      const text = searchText(e, partyById.get(v.party));
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
}

/** Invalid entries cannot be matched on fields; they show unless a field filter hides everything else. */
export function filterInvalid(entries: readonly InvalidEntry[], f: TimelineFilter): InvalidEntry[] {
  if (f.party || f.period || f.flag || f.lifeDomain || f.status) return [];
  const words = fold(f.text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return entries as InvalidEntry[];
  return entries.filter((e) => {
    const text = fold(JSON.stringify(e.raw) ?? "");
    return words.every((w) => text.includes(w));
  });
}
