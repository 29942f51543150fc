import { bigint, bigserial, boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { investigations } from "./investigations.ts";
import { users } from "./users.ts";
import type { ChangeDetail } from "../../app/domain/history/changes.ts";

/**
 * bytea as Uint8Array. postgres.js hands back a Buffer and PGlite a Uint8Array (both are
 * Uint8Arrays); a driver that falls back to text gives the `\x…` hex form, decoded here.
 */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array | string }>({
  dataType: () => "bytea",
  toDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
  fromDriver: (value) => {
    if (typeof value === "string") return new Uint8Array(Buffer.from(value.startsWith("\\x") ? value.slice(2) : value, "hex"));
    return value instanceof Uint8Array ? value : new Uint8Array(value);
  },
});

/**
 * The Yjs update log: every update the collaboration server accepted, appended before anyone else
 * sees it (design.md "Collaboration", durability rule). Compaction folds old rows into
 * collab_snapshots and deletes them; the who/what survives in collab_changes.
 */
export const collabUpdates = pgTable(
  "collab_updates",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    update: bytea("update").notNull(),
    // Top-level map name and key of each entity the update touched, e.g. "events:<uuid>".
    entityIds: text("entity_ids").array().notNull().default([]),
    // What the update did per entity (app/domain/history/changes.ts): added, changed (fields,
    // old → new), deleted, with titles at the time. Empty for rows written before it existed.
    details: jsonb("details").$type<ChangeDetail[]>().notNull().default([]),
  },
  (t) => [index("collab_updates_investigation_id").on(t.investigationId, t.id)],
);

/** One snapshot per investigation: the merged state of every log row up to lastUpdateId. */
export const collabSnapshots = pgTable("collab_snapshots", {
  investigationId: uuid("investigation_id").primaryKey().references(() => investigations.id, { onDelete: "cascade" }),
  snapshot: bytea("snapshot").notNull(),
  lastUpdateId: bigint("last_update_id", { mode: "number" }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Who changed which entities when: one light row per user per persisted batch, written shortly
 * after the batch (server/collab/persistence.ts). Never deleted by compaction, so the history
 * ("who changed what") outlives the update log.
 */
export const collabChanges = pgTable(
  "collab_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    entityIds: text("entity_ids").array().notNull().default([]),
    updates: integer("updates").notNull().default(1),
    bytes: integer("bytes").notNull().default(0),
    // The details of the summarised log rows, in order (merged for display by describe.ts).
    details: jsonb("details").$type<ChangeDetail[]>().notNull().default([]),
    // The highest log row this summary covers: rows above the investigation's maximum were
    // persisted but not yet summarised (summaries are written behind the log).
    lastUpdateId: bigint("last_update_id", { mode: "number" }),
  },
  (t) => [index("collab_changes_investigation_at").on(t.investigationId, t.at)],
);

/** Named versions (e.g. at the start of a comment round): full snapshots, kept forever. */
export const collabVersions = pgTable(
  "collab_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    snapshot: bytea("snapshot").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("collab_versions_investigation_created").on(t.investigationId, t.createdAt)],
);

/**
 * Timeline events derived from the document (design.md "Projections"): rebuilt per investigation,
 * written by server/collab/projection.ts only. Values are as found in the document; `valid` says
 * whether the entry passed the timeline schema.
 */
export const projectedEvents = pgTable(
  "projected_events",
  {
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    eventId: text("event_id").notNull(),
    title: text("title").notNull().default(""),
    partyId: text("party_id"),
    start: text("start"),
    end: text("end"),
    kind: text("kind"),
    status: text("status"),
    flags: jsonb("flags").$type<Record<string, boolean>>().notNull().default({}),
    valid: boolean("valid").notNull(),
    projectedAt: timestamp("projected_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.investigationId, t.eventId] })],
);
