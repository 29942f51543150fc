import { z } from "zod";

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  KETENLIJN_DATA_DIR: z.string().default("./data"),
  SMTP_URL: z.string().optional().or(z.literal("").transform(() => undefined)),
  MAIL_FROM: z.string().default("Ketenlijn <noreply@ketenlijn.nl>"),
  PUBLIC_URL: z.string().url().optional(),
  NODE_ENV: z.string().default("production"),
  // Shows /dev/outbox; defaults to on when no SMTP is configured and the database is embedded.
  KETENLIJN_DEV_OUTBOX: z.enum(["0", "1"]).optional(),
});

export interface Config {
  port: number;
  databaseUrl?: string;
  dataDir: string;
  smtpUrl?: string;
  mailFrom: string;
  publicUrl?: string;
  development: boolean;
  devOutbox: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Ongeldige configuratie: ${issues}`);
  }
  const e = parsed.data;
  const devOutbox = e.KETENLIJN_DEV_OUTBOX ? e.KETENLIJN_DEV_OUTBOX === "1" : !e.SMTP_URL && !e.DATABASE_URL;
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.KETENLIJN_DATA_DIR,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL,
    development: e.NODE_ENV === "development",
    devOutbox,
  };
}
