import { and, eq, inArray, sql } from "drizzle-orm";
import type * as Y from "yjs";
import { readEvent, readTimeline, type Entry, type TimelineEvent } from "../../app/domain/timeline/schema.ts";
import { schema, type Database } from "../../db/client.ts";
import type { AppContext } from "../context.ts";
import { projectAnalysis } from "./analysis-projection.ts";
import { loadDoc } from "./persistence.ts";

/**
 * Projection of the document's timeline events into PostgreSQL (design.md "Projections"): derived
 * only, so it can be thrown away and rebuilt at any time. An open document keeps it current
 * incrementally: after a persisted batch only the events that batch touched are written (see
 * StaleProjection); a whole rebuild (delete + insert) when a party changed, and on a document's
 * first batch after loading.
 */
export interface ProjectedEvent {
  eventId: string;
  title: string;
  partyId: string | null;
  start: string | null;
  end: string | null;
  kind: string | null;
  status: string | null;
  flags: Record<string, boolean>;
  valid: boolean;
}

const FLAG_KEYS = ["signaal", "kritiekMoment", "overdracht", "opschaling"] as const;

/** Reads every event; an invalid one keeps whatever fields are readable and valid = false. */
export function projectEvents(doc: Y.Doc): ProjectedEvent[] {
  return readTimeline(doc).events.map(toProjected);
}

/** The rows of some events, and which of them no longer exist. */
export function projectEventsById(doc: Y.Doc, ids: Iterable<string>): { rows: ProjectedEvent[]; gone: string[] } {
  const rows: ProjectedEvent[] = [];
  const gone: string[] = [];
  for (const id of ids) {
    const entry = readEvent(doc, id);
    if (entry) rows.push(toProjected(entry));
    else gone.push(id);
  }
  return { rows, gone };
}

function toProjected(entry: Entry<TimelineEvent>): ProjectedEvent {
  if (entry.ok) {
    const e = entry.value;
    return {
      eventId: entry.id,
      title: e.title,
      partyId: e.party,
      start: e.start,
      end: e.end ?? null,
      kind: e.kind,
      status: e.status,
      flags: { ...e.flags },
      valid: true,
    };
  }
  const raw = (entry.raw !== null && typeof entry.raw === "object" ? entry.raw : {}) as Record<string, unknown>;
  const rawFlags = (raw.flags !== null && typeof raw.flags === "object" ? raw.flags : {}) as Record<string, unknown>;
  return {
    eventId: entry.id,
    title: text(raw.title, 500) ?? "",
    partyId: text(raw.party),
    start: text(raw.start),
    end: text(raw.end),
    kind: text(raw.kind),
    status: text(raw.status),
    flags: Object.fromEntries(FLAG_KEYS.map((k) => [k, rawFlags[k] === true])),
    valid: false,
  };
}

function text(v: unknown, max = 200): string | null {
  return typeof v === "string" ? v.slice(0, max) : null;
}

/** Replaces the investigation's projected rows in one transaction. */
export async function writeProjection(db: Database, investigationId: string, rows: ProjectedEvent[], at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(schema.projectedEvents).where(eq(schema.projectedEvents.investigationId, investigationId));
    // Chunked: a parameter list has an upper bound, and a timeline can hold thousands of events.
    for (let i = 0; i < rows.length; i += 500) {
      await tx.insert(schema.projectedEvents).values(rows.slice(i, i + 500).map((r) => ({ ...r, investigationId, projectedAt: at })));
    }
  });
}

const SMALL_CHUNK = 20;

/**
 * Writes some events' rows (insert or replace) and deletes the rows of events that are gone. In
 * small statements of a few rows each (each atomic on its own; no BEGIN/COMMIT round trips): the rows do not depend on each other, and in between the
 * update log's commits (which peers wait for) can pass; PGlite runs one statement at a time.
 */
export async function writeEventChanges(db: Database, investigationId: string, rows: ProjectedEvent[], gone: string[], at: Date): Promise<void> {
  const t = schema.projectedEvents;
  for (let i = 0; i < gone.length; i += SMALL_CHUNK) {
    const ids = gone.slice(i, i + SMALL_CHUNK);
    await db.delete(t).where(and(eq(t.investigationId, investigationId), inArray(t.eventId, ids)));
  }
  for (let i = 0; i < rows.length; i += SMALL_CHUNK) {
    const values = rows.slice(i, i + SMALL_CHUNK).map((r) => ({ ...r, investigationId, projectedAt: at }));
    await db
      .insert(t)
      .values(values)
      .onConflictDoUpdate({
        target: [t.investigationId, t.eventId],
        set: {
          title: sql`excluded.title`,
          partyId: sql`excluded.party_id`,
          start: sql`excluded.start`,
          end: sql`excluded.end`,
          kind: sql`excluded.kind`,
          status: sql`excluded.status`,
          flags: sql`excluded.flags`,
          valid: sql`excluded.valid`,
          projectedAt: sql`excluded.projected_at`,
        },
      });
  }
}
const ANALYSIS_ROOTS = ["analysis", "nodes", "measures"];

/**
 * What an open document's projections lack, from the entities its persisted batches touched
 * (entities.ts: "events:<id>", "parties:<id>", "nodes:<id>", "section:7a", …):
 * - an event touched: its row;
 * - a party touched: every event row (an event whose party is gone is invalid);
 * - the analysis touched ("analysis", "nodes", "measures"): the analysis rows (they depend on
 *   nothing else in the document);
 * - anything else (periods, comments, report and interview texts): no projection.
 * It starts out "everything": a freshly loaded document may be ahead of its rows (a crash between
 * a log write and the projection), so its first projection is a whole one.
 */
export class StaleProjection {
  private allEvents = true;
  private analysis = true;
  private readonly events = new Set<string>();
  private dirty = false;

  add(entityIds: readonly string[]): void {
    for (const id of entityIds) {
      const colon = id.indexOf(":");
      const root = colon < 0 ? id : id.slice(0, colon);
      if (id === "?") {
        this.everything(); // the batch's entities are unknown
      } else if (root === "events" && colon >= 0) {
        this.events.add(id.slice(colon + 1));
        this.dirty = true;
      } else if (root === "parties" || root === "events") {
        this.allEvents = true;
        this.dirty = true;
      } else if (ANALYSIS_ROOTS.includes(root)) {
        this.analysis = true;
        this.dirty = true;
      }
    }
  }

  /** After a failed write: the rows may be anything, so the next projection is a whole one. */
  everything(): void {
    this.allEvents = true;
    this.analysis = true;
    this.dirty = true;
  }

  /** What to project now (and forget it), or null when the rows are current. */
  take(): { events: "all" | string[]; analysis: boolean } | null {
    if (!this.dirty) return null;
    const work = { events: this.allEvents ? ("all" as const) : [...this.events], analysis: this.analysis };
    this.allEvents = false;
    this.analysis = false;
    this.events.clear();
    this.dirty = false;
    return work;
  }
}

/**
 * Rebuilds the projection from the stored document. Safe at any time: the database holds every
 * update any peer has seen, and an open document re-projects after its next batch anyway.
 */
export async function rebuildProjection(ctx: Pick<AppContext, "db" | "clock">, investigationId: string): Promise<number> {
  const doc = await loadDoc(ctx.db, investigationId);
  try {
    const rows = projectEvents(doc);
    await writeProjection(ctx.db, investigationId, rows, ctx.clock.now());
    await projectAnalysis(ctx, investigationId, doc);
    return rows.length;
  } finally {
    doc.destroy();
  }
}
