// Item 4e's attachments (issue 15): protocols and guidelines consulted, stored in PostgreSQL.
// Uploads are checked by content (app/domain/report/attachments.ts); adding, removing and every
// download are in the Logboek. Submitting a version copies the current ones into the version
// (report_version_attachments), so deleting one later leaves the version's copy alone.
import { and, asc, eq } from "drizzle-orm";
import { checkAttachment } from "../../app/domain/report/attachments.ts";
import { schema } from "../../db/client.ts";
import type { AppContext } from "../context.ts";
import type { Tx } from "../rounds/support.ts";
import { sha256Hex } from "./support.server.ts";
import { UserError } from "../../app/domain/errors.ts";
import { audit } from "../audit.ts";
import { isUuid } from "../../app/domain/uuid.ts";

export interface AttachmentListItem {
  id: string;
  filename: string;
  size: number;
  uploadedAt: Date;
  uploadedBy: string | null;
}

export async function listAttachments(ctx: Pick<AppContext, "db">, investigationId: string): Promise<AttachmentListItem[]> {
  const rows = await ctx.db
    .select({ id: schema.reportAttachments.id, filename: schema.reportAttachments.filename, size: schema.reportAttachments.size, uploadedAt: schema.reportAttachments.uploadedAt, uploadedBy: schema.users.name })
    .from(schema.reportAttachments)
    .leftJoin(schema.users, eq(schema.users.id, schema.reportAttachments.uploadedBy))
    .where(eq(schema.reportAttachments.investigationId, investigationId))
    .orderBy(asc(schema.reportAttachments.uploadedAt), asc(schema.reportAttachments.filename));
  return rows;
}

export async function addAttachment(ctx: AppContext, actorId: string, investigationId: string, name: string, bytes: Uint8Array): Promise<{ id: string; filename: string }> {
  const check = checkAttachment(name, bytes);
  if (!check.ok) throw new UserError(check.message, "report", { field: "file", status: 400 });
  const now = ctx.clock.now();
  const sha256 = sha256Hex(bytes);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.reportAttachments)
      .values({ investigationId, filename: check.filename, contentType: check.contentType, size: bytes.byteLength, sha256, data: bytes, uploadedBy: actorId, uploadedAt: now })
      .returning({ id: schema.reportAttachments.id, filename: schema.reportAttachments.filename });
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "report.attachment_added", actorId, investigationId, details: { bestand: check.filename, bytes: bytes.byteLength, sha256 } });
    return row!;
  });
}

export async function removeAttachment(ctx: AppContext, actorId: string, investigationId: string, attachmentId: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(schema.reportAttachments)
      .where(and(eq(schema.reportAttachments.id, attachmentId), eq(schema.reportAttachments.investigationId, investigationId)))
      .returning({ filename: schema.reportAttachments.filename });
    if (!row) throw new UserError("Deze bijlage bestaat niet (meer).", "report", { status: 404 });
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "report.attachment_removed", actorId, investigationId, details: { bestand: row.filename } });
  });
}

export interface AttachmentFile {
  filename: string;
  contentType: string;
  data: Uint8Array;
  sha256: string;
}

/** One attachment's file: the live one, or a submitted version's copy; audited. null when it is not there. */
export async function downloadAttachment(
  ctx: AppContext,
  actorId: string,
  investigationId: string,
  attachmentId: string,
  versionId?: string,
): Promise<AttachmentFile | null> {
  if (!isUuid(attachmentId) || (versionId !== undefined && !isUuid(versionId))) return null;
  const t = versionId ? schema.reportVersionAttachments : schema.reportAttachments;
  const where = versionId
    ? and(eq(schema.reportVersionAttachments.id, attachmentId), eq(schema.reportVersionAttachments.investigationId, investigationId), eq(schema.reportVersionAttachments.versionId, versionId))
    : and(eq(schema.reportAttachments.id, attachmentId), eq(schema.reportAttachments.investigationId, investigationId));
  const [row] = await ctx.db.select({ filename: t.filename, contentType: t.contentType, data: t.data, sha256: t.sha256 }).from(t).where(where).limit(1);
  if (!row) return null;
  await audit(ctx, {
    action: "report.attachment_downloaded",
    actorId,
    investigationId,
    details: { bestand: row.filename, ...(versionId ? { versie: versionId } : {}) },
  });
  return row;
}

/** At submit: the version gets its own copy of every current attachment. */
export async function copyAttachmentsToVersion(tx: Tx, investigationId: string, versionId: string): Promise<void> {
  const rows = await tx.select().from(schema.reportAttachments).where(eq(schema.reportAttachments.investigationId, investigationId));
  if (!rows.length) return;
  await tx.insert(schema.reportVersionAttachments).values(
    rows.map((r) => ({ versionId, investigationId, filename: r.filename, contentType: r.contentType, size: r.size, sha256: r.sha256, data: r.data, uploadedAt: r.uploadedAt })),
  );
}

export async function listVersionAttachments(ctx: Pick<AppContext, "db">, versionId: string): Promise<{ id: string; filename: string; size: number; uploadedAt: Date }[]> {
  return ctx.db
    .select({ id: schema.reportVersionAttachments.id, filename: schema.reportVersionAttachments.filename, size: schema.reportVersionAttachments.size, uploadedAt: schema.reportVersionAttachments.uploadedAt })
    .from(schema.reportVersionAttachments)
    .where(eq(schema.reportVersionAttachments.versionId, versionId))
    .orderBy(asc(schema.reportVersionAttachments.uploadedAt), asc(schema.reportVersionAttachments.filename));
}

/** Every version's copies of one investigation (the versions page lists them per version). */
export async function listInvestigationVersionAttachments(ctx: Pick<AppContext, "db">, investigationId: string): Promise<{ id: string; versionId: string; filename: string }[]> {
  return ctx.db
    .select({ id: schema.reportVersionAttachments.id, versionId: schema.reportVersionAttachments.versionId, filename: schema.reportVersionAttachments.filename })
    .from(schema.reportVersionAttachments)
    .where(eq(schema.reportVersionAttachments.investigationId, investigationId))
    .orderBy(asc(schema.reportVersionAttachments.uploadedAt), asc(schema.reportVersionAttachments.filename));
}
