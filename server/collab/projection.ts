import { eq } from "drizzle-orm";
import type * as Y from "yjs";
import { readTimeline } from "../../app/domain/timeline/schema.ts";
import { schema, type Database } from "../../db/client.ts";
import type { AppContext } from "../context.ts";
import { projectAnalysis } from "./analysis-projection.ts";
import { loadDoc } from "./persistence.ts";

/**
 * Projection of the document's timeline events into PostgreSQL (design.md "Projections"): derived
 * only, rebuilt per investigation with delete + insert, so it can be thrown away at any time.
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
  return readTimeline(doc).events.map((entry) => {
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
  });
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
