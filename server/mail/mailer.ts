import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { schema, type Database } from "../../db/client.ts";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/**
 * Every mail is written to the outbox table first (so nothing is lost when SMTP is down);
 * with SMTP_URL it is then delivered and marked sent.
 */
export function createMailer(db: Database, opts: { smtpUrl?: string; from: string; log?: (line: string) => void }): Mailer {
  const transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  return {
    async send(mail) {
      const [row] = await db.insert(schema.outbox).values(mail).returning({ id: schema.outbox.id });
      if (!transport) {
        opts.log?.(`[mail] naar ${mail.to}: ${mail.subject} (zie /dev/outbox)`);
        return;
      }
      try {
        await transport.sendMail({ from: opts.from, ...mail });
        await db.update(schema.outbox).set({ sentAt: new Date() }).where(eq(schema.outbox.id, row.id));
      } catch (err) {
        await db.update(schema.outbox).set({ error: String(err) }).where(eq(schema.outbox.id, row.id));
      }
    },
  };
}
