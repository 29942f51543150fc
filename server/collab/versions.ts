import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { ChangeDetail } from "../../app/domain/history/changes.ts";
import * as Y from "yjs";
import { schema } from "../../db/client.ts";
import type { AppContext } from "../context.ts";
import { loadDoc } from "./persistence.ts";

/**
 * Named versions and history of an investigation document. These functions trust their caller
 * for permissions: routes check `workspace.read` (list, view) or `workspace.write` (create) first.
 * They read the database only: it holds every update any peer has seen (log before broadcast).
 */

export interface VersionInfo {
  id: string;
  name: string;
  createdBy: string | null;
  createdAt: Date;
  bytes: number;
}

/** Stores the current document state under a name (e.g. "Begin commentaarronde 1"). */
export async function createVersion(
  ctx: Pick<AppContext, "db" | "clock">,
  input: { investigationId: string; name: string; userId: string | null },
): Promise<VersionInfo> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw new Error("Geef de versie een naam van hoogstens 200 tekens.");
  const doc = await loadDoc(ctx.db, input.investigationId);
  const snapshot = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  const [row] = await ctx.db
    .insert(schema.collabVersions)
    .values({ investigationId: input.investigationId, name, snapshot, createdBy: input.userId, createdAt: ctx.clock.now() })
    .returning({ id: schema.collabVersions.id, createdAt: schema.collabVersions.createdAt });
  return { id: row.id, name, createdBy: input.userId, createdAt: row.createdAt, bytes: snapshot.byteLength };
}

/** Newest first, without the snapshot bytes. */
export async function listVersions(ctx: Pick<AppContext, "db">, investigationId: string): Promise<VersionInfo[]> {
  const rows = await ctx.db
    .select({
      id: schema.collabVersions.id,
      name: schema.collabVersions.name,
      createdBy: schema.collabVersions.createdBy,
      createdAt: schema.collabVersions.createdAt,
      bytes: sql<number>`octet_length(${schema.collabVersions.snapshot})`.mapWith(Number),
    })
    .from(schema.collabVersions)
    .where(eq(schema.collabVersions.investigationId, investigationId))
    .orderBy(desc(schema.collabVersions.createdAt));
  return rows;
}

/** The version as a fresh Y.Doc (to view, or to restore from), or null when not in this investigation. */
export async function getVersionDoc(ctx: Pick<AppContext, "db">, investigationId: string, versionId: string): Promise<Y.Doc | null> {
  if (!/^[0-9a-f-]{36}$/i.test(versionId)) return null;
  const [row] = await ctx.db
    .select({ snapshot: schema.collabVersions.snapshot })
    .from(schema.collabVersions)
    .where(and(eq(schema.collabVersions.id, versionId), eq(schema.collabVersions.investigationId, investigationId)))
    .limit(1);
  if (!row) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, row.snapshot);
  return doc;
}

export interface ChangeInfo {
  id: number;
  userId: string | null;
  at: Date;
  entityIds: string[];
  updates: number;
  /** What the batch did, in words' ingredients (app/domain/history/changes.ts) */
  details: ChangeDetail[];
}

/**
 * Who changed which entities when, newest first (survives compaction of the update log). The one
 * query of the change log: the Geschiedenis page takes its pages from it (`offset`).
 */
export async function listChanges(
  ctx: Pick<AppContext, "db">,
  investigationId: string,
  opts: { limit?: number; beforeId?: number; offset?: number } = {},
): Promise<ChangeInfo[]> {
  const where = opts.beforeId
    ? and(eq(schema.collabChanges.investigationId, investigationId), lt(schema.collabChanges.id, opts.beforeId))
    : eq(schema.collabChanges.investigationId, investigationId);
  return ctx.db
    .select({
      id: schema.collabChanges.id,
      userId: schema.collabChanges.userId,
      at: schema.collabChanges.at,
      entityIds: schema.collabChanges.entityIds,
      updates: schema.collabChanges.updates,
      details: schema.collabChanges.details,
    })
    .from(schema.collabChanges)
    .where(where)
    .orderBy(desc(schema.collabChanges.id))
    .limit(Math.min(opts.limit ?? 100, 1000))
    .offset(opts.offset ?? 0);
}
