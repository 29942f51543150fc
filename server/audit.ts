import { schema } from "../db/client.ts";
import type { AppContext } from "./context.ts";

export type AuditAction =
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
  | "totp.disabled"
  | "investigation.created"
  | "investigation.updated"
  | "member.invited"
  | "member.invitation_revoked"
  | "member.joined"
  | "member.role_changed"
  | "member.removed"
  | "client.viewed"
  | "client.updated"
  | "deadline.changed"
  | "deadline.done"
  | "melding.registered"
  | "melding.submitted"
  | "melding.viewed"
  | "melding.screened"
  | "melding.investigation_started"
  | "loket.exported"
  | "version.created"
  | "version.restored"
  | "version.restore_undone";

export interface AuditEntry {
  action: AuditAction;
  actorId?: string | null;
  subjectEmail?: string | null;
  ip?: string | null;
  investigationId?: string | null;
  details?: Record<string, unknown>;
}

export async function audit(ctx: Pick<AppContext, "db" | "clock">, entry: AuditEntry): Promise<void> {
  await ctx.db.insert(schema.auditLog).values({
    at: ctx.clock.now(),
    action: entry.action,
    actorId: entry.actorId ?? null,
    subjectEmail: entry.subjectEmail?.toLowerCase() ?? null,
    ip: entry.ip ?? null,
    investigationId: entry.investigationId ?? null,
    details: entry.details ?? {},
  });
}
