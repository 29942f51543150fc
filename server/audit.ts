// The one audit writer (issue 14, ADR 0026): every row of the audit log is written by audit()
// below, with the handle the caller gives, so a row written with a transaction commits or rolls
// back with the change it records. The action names are typed: an investigation action must have
// a Dutch label in app/domain/audit-text.ts (AUDIT_ACTIONS) or this does not compile; account
// actions (login, password, second factor) are not shown in an investigation's Logboek.
import { eq } from "drizzle-orm";
import type { InvestigationAuditAction } from "../app/domain/audit-text.ts";
import { schema, type Database } from "../db/client.ts";
import type { Clock } from "./context.ts";

export type AccountAuditAction =
  | "login.ok"
  | "login.failed"
  | "login.blocked"
  | "login.password_ok"
  | "logout"
  | "password.reset_requested"
  | "password.reset"
  | "password.changed"
  | "password.change_failed"
  | "totp.enabled"
  | "totp.disabled";

export type AuditAction = AccountAuditAction | InvestigationAuditAction;

/** The database or a transaction handle (same query builder). */
export type AuditDb = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface AuditEntry {
  action: AuditAction;
  /** When it happened; the clock's now unless the caller stamps several rows with one moment. */
  at?: Date;
  actorId?: string | null;
  subjectEmail?: string | null;
  ip?: string | null;
  investigationId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Writes one audit row and returns its id. Pass `{ db: tx, clock }` to write it in the caller's
 * transaction.
 */
export async function audit(ctx: { db: AuditDb; clock: Clock }, entry: AuditEntry): Promise<number> {
  const [row] = await ctx.db
    .insert(schema.auditLog)
    .values({
      at: entry.at ?? ctx.clock.now(),
      action: entry.action,
      actorId: entry.actorId ?? null,
      subjectEmail: entry.subjectEmail?.toLowerCase() ?? null,
      ip: entry.ip ?? null,
      investigationId: entry.investigationId ?? null,
      details: entry.details ?? {},
    })
    .returning({ id: schema.auditLog.id });
  return row.id;
}

/**
 * Settles a row written before its outcome was known (a login attempt is logged as failed before
 * the password is checked, see server/auth/login.ts): the only change ever made to an audit row.
 */
export async function settleAudit(
  db: AuditDb,
  id: number,
  outcome: { action: AuditAction; actorId: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await db
    .update(schema.auditLog)
    .set({ action: outcome.action, actorId: outcome.actorId, details: outcome.details ?? {} })
    .where(eq(schema.auditLog.id, id));
}
