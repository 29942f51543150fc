// Server side of restoring a named version: before the browser rewrites the live document, the
// current state is kept as a version of its own ("Vóór terugzetten van ‘…’"), so the restore can be
// undone later from the version's page; restores and their undos are in the Logboek (audit_log).
import { and, asc, eq, gt, inArray, isNotNull, ne, sql } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import type { AppContext } from "../context.ts";
import { audit } from "../audit.ts";
import { createVersion, type VersionInfo } from "../collab/versions.ts";
import { formatAmsterdam, personName, userNames } from "./history.server.ts";

export const backupName = (versionName: string) => `Vóór terugzetten van ‘${versionName}’`.slice(0, 200);

export interface RestoreStart {
  backupVersionId: string;
  backupName: string;
  /** Who else changed the document since the version: their edits are overwritten. */
  overwritten: string[];
}

/** Keeps the current state as a version, names whose edits the restore overwrites, and logs it. */
export async function beginRestore(
  ctx: Pick<AppContext, "db" | "clock">,
  input: { investigationId: string; version: VersionInfo; userId: string },
): Promise<RestoreStart> {
  const name = backupName(input.version.name);
  const backup = await createVersion(ctx, { investigationId: input.investigationId, name, userId: input.userId });
  const rows = await ctx.db
    .selectDistinct({ userId: schema.collabChanges.userId })
    .from(schema.collabChanges)
    .where(
      and(
        eq(schema.collabChanges.investigationId, input.investigationId),
        gt(schema.collabChanges.at, input.version.createdAt),
        isNotNull(schema.collabChanges.userId),
        ne(schema.collabChanges.userId, input.userId),
      ),
    );
  const overwritten = rows.map((r) => r.userId!).sort();
  const names = await userNames(ctx, overwritten);
  await audit(ctx, {
    action: "version.restored",
    actorId: input.userId,
    investigationId: input.investigationId,
    details: {
      versionName: input.version.name,
      versionId: input.version.id,
      backupName: name,
      backupVersionId: backup.id,
      ...(overwritten.length > 0 ? { overwritten: overwritten.map((id) => personName(names, id)) } : {}),
    },
  });
  return { backupVersionId: backup.id, backupName: name, overwritten };
}

/** Logs that a restore was undone (the browser put the kept state back). */
export async function recordRestoreUndone(
  ctx: Pick<AppContext, "db" | "clock">,
  input: { investigationId: string; version: VersionInfo; backupVersionId: string; userId: string },
): Promise<void> {
  await audit(ctx, {
    action: "version.restore_undone",
    actorId: input.userId,
    investigationId: input.investigationId,
    details: { versionName: input.version.name, versionId: input.version.id, backupVersionId: input.backupVersionId },
  });
}

export interface RestoreOfVersion {
  backupVersionId: string;
  person: string;
  at: string;
  atIso: string;
  undone: { person: string; at: string } | null;
}

/** The restores of one version, oldest first, with whether each was undone. */
export async function restoresOf(ctx: Pick<AppContext, "db">, investigationId: string, versionId: string): Promise<RestoreOfVersion[]> {
  const rows = await ctx.db
    .select({ at: schema.auditLog.at, action: schema.auditLog.action, actorId: schema.auditLog.actorId, details: schema.auditLog.details })
    .from(schema.auditLog)
    .where(
      and(
        eq(schema.auditLog.investigationId, investigationId),
        inArray(schema.auditLog.action, ["version.restored", "version.restore_undone"]),
        sql`${schema.auditLog.details}->>'versionId' = ${versionId}`,
      ),
    )
    .orderBy(asc(schema.auditLog.at), asc(schema.auditLog.id));
  const names = await userNames(ctx, rows.map((r) => r.actorId));
  const out: RestoreOfVersion[] = [];
  for (const r of rows) {
    const backupVersionId = String(r.details.backupVersionId ?? "");
    if (r.action === "version.restored") {
      out.push({ backupVersionId, person: personName(names, r.actorId), at: formatAmsterdam(r.at), atIso: r.at.toISOString(), undone: null });
    } else {
      const restore = out.find((x) => x.backupVersionId === backupVersionId);
      if (restore && !restore.undone) restore.undone = { person: personName(names, r.actorId), at: formatAmsterdam(r.at) };
    }
  }
  return out;
}

/** Whether `backupVersionId` is the kept state of a restore of `versionId` (so undoing may use it). */
export async function isBackupOf(ctx: Pick<AppContext, "db">, investigationId: string, versionId: string, backupVersionId: string): Promise<boolean> {
  return (await restoresOf(ctx, investigationId, versionId)).some((r) => r.backupVersionId === backupVersionId);
}
