// A validated, sorted view of the timeline that follows the Y.Doc. Re-reading 2,000 events with
// zod on every keystroke of a peer would be wasteful, so events are cached per id and only the
// entries a change touched are read again (parties and periods are few: re-read each time).
import { useSyncExternalStore } from "react";
import type * as Y from "yjs";
import {
  compareEvents,
  compareParties,
  comparePeriods,
  getTimelineMaps,
  readEvent,
  readParty,
  readPeriod,
  type Entry,
  type Party,
  type TimelineEvent,
} from "~/domain/timeline/schema.ts";
import type { EventEntry, InvalidEntry, PartyEntry, PeriodEntry } from "./types.ts";

export interface TimelineView {
  parties: PartyEntry[];
  periods: PeriodEntry[];
  /** Chronological. */
  events: EventEntry[];
  invalidParties: InvalidEntry[];
  invalidPeriods: InvalidEntry[];
  invalidEvents: InvalidEntry[];
  partyById: ReadonlyMap<string, Party>;
  eventById: ReadonlyMap<string, Entry<TimelineEvent>>;
}

export const EMPTY_VIEW: TimelineView = {
  parties: [],
  periods: [],
  events: [],
  invalidParties: [],
  invalidPeriods: [],
  invalidEvents: [],
  partyById: new Map(),
  eventById: new Map(),
};

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function split<T>(entries: Entry<T>[], compare: (a: T, b: T) => number): { valid: { id: string; value: T }[]; invalid: InvalidEntry[] } {
  const valid: { id: string; value: T }[] = [];
  const invalid: InvalidEntry[] = [];
  for (const e of entries) {
    if (e.ok) valid.push({ id: e.id, value: e.value });
    else invalid.push({ id: e.id, errors: e.errors, raw: e.raw });
  }
  valid.sort((a, b) => compare(a.value, b.value) || byId(a, b));
  invalid.sort(byId);
  return { valid, invalid };
}

export class TimelineStore {
  private readonly maps;
  private readonly cache = new Map<string, Entry<TimelineEvent>>();
  private dirty = new Set<string>();
  private allDirty = true;
  private view: TimelineView = EMPTY_VIEW;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly doc: Y.Doc) {
    this.maps = getTimelineMaps(doc);
    this.maps.events.observeDeep(this.onEvents);
    this.maps.parties.observeDeep(this.onStructure);
    this.maps.periods.observeDeep(this.onStructure);
    this.recompute();
  }

  destroy(): void {
    this.maps.events.unobserveDeep(this.onEvents);
    this.maps.parties.unobserveDeep(this.onStructure);
    this.maps.periods.unobserveDeep(this.onStructure);
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): TimelineView => this.view;

  private readonly onEvents = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const e of events) {
      if (e.target === this.maps.events) for (const key of e.changes.keys.keys()) this.dirty.add(key);
      else if (typeof e.path[0] === "string") this.dirty.add(e.path[0]);
    }
    this.schedule();
  };

  private readonly onStructure = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    // A party that appears or disappears changes whether events pointing at it are valid.
    if (events.some((e) => e.target === this.maps.parties && e.changes.keys.size > 0)) this.allDirty = true;
    this.schedule();
  };

  private schedule(): void {
    if (this.timer) return;
    // Coalesces a burst (an import, the first sync) into one re-render; not requestAnimationFrame,
    // which stops in background tabs where a peer's change must still arrive.
    this.timer = setTimeout(() => {
      this.timer = null;
      this.recompute();
      for (const l of this.listeners) l();
    }, 0);
  }

  private recompute(): void {
    const ids = [...this.maps.events.keys()];
    if (this.allDirty) this.cache.clear();
    for (const id of this.dirty) this.cache.delete(id);
    this.allDirty = false;
    this.dirty = new Set();
    const present = new Set(ids);
    for (const id of this.cache.keys()) if (!present.has(id)) this.cache.delete(id);
    const eventEntries = ids.map((id) => {
      let entry = this.cache.get(id);
      if (!entry) {
        entry = readEvent(this.doc, id)!;
        this.cache.set(id, entry);
      }
      return entry;
    });
    const parties = split(
      [...this.maps.parties.keys()].map((id) => readParty(this.doc, id)!),
      compareParties,
    );
    const periods = split(
      [...this.maps.periods.keys()].map((id) => readPeriod(this.doc, id)!),
      comparePeriods,
    );
    const events = split(eventEntries, compareEvents);
    this.view = {
      parties: parties.valid,
      periods: periods.valid,
      events: events.valid,
      invalidParties: parties.invalid,
      invalidPeriods: periods.invalid,
      invalidEvents: events.invalid,
      partyById: new Map(parties.valid.map((p) => [p.id, p.value])),
      eventById: new Map(this.cache),
    };
  }
}

const noop = () => () => {};

export function useTimeline(store: TimelineStore | null): TimelineView {
  return useSyncExternalStore(store?.subscribe ?? noop, store?.getSnapshot ?? (() => EMPTY_VIEW), () => EMPTY_VIEW);
}
