import { index, jsonb, pgTable, bigserial, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    action: text("action").notNull(), // e.g. login.ok, login.failed, member.added, client.viewed
    actorId: uuid("actor_id"),
    // Login attempts are also counted from here for rate limiting.
    subjectEmail: text("subject_email"),
    ip: text("ip"),
    investigationId: uuid("investigation_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("audit_action_email_at").on(t.action, t.subjectEmail, t.at),
    index("audit_action_ip_at").on(t.action, t.ip, t.at),
    index("audit_investigation_at").on(t.investigationId, t.at),
  ],
);
