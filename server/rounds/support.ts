import { createHash } from "node:crypto";
import type { Database } from "../../db/client.ts";
import { createMailer, type Mailer } from "../mail/mailer.ts";
import type { AppContext } from "../context.ts";

/** A drizzle transaction handle (same query builder as the database). */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * A mailer whose outbox row is written in the caller's transaction, so "this mail was sent" and the
 * state change that caused it commit together or not at all. (The SMTP hand-off, when configured,
 * happens inside the transaction; a rollback after it cannot unsend, which the outbox then shows.)
 * Inside a PGlite transaction every query must use `tx`: a query on ctx.db would wait forever.
 */
export function transactionalMailer(ctx: Pick<AppContext, "config">, tx: Tx): Mailer {
  return createMailer(tx as unknown as Database, { smtpUrl: ctx.config.smtpUrl, from: ctx.config.mailFrom });
}

