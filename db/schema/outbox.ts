import { pgTable, bigserial, text, timestamp } from "drizzle-orm/pg-core";

export const outbox = pgTable("outbox", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  text: text("text").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  // null while waiting (or when no SMTP is configured), set when delivered over SMTP.
  sentAt: timestamp("sent_at", { withTimezone: true }),
  error: text("error"),
});
