import { z } from "zod";

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  KETENLIJN_DATA_DIR: z.string().default("./data"),
  SMTP_URL: z.string().optional().or(z.literal("").transform(() => undefined)),
  MAIL_FROM: z.string().default("Ketenlijn <noreply@ketenlijn.nl>"),
  // Where the server listens (e.g. 127.0.0.1); unset → every interface.
  HOST: z.string().optional().or(z.literal("").transform(() => undefined)),
  PUBLIC_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  NODE_ENV: z.string().default("production"),
  // Shows /dev/outbox (everyone's mailed links) only when explicitly turned on; `npm start` with the demo does.
  KETENLIJN_DEV_OUTBOX: z.enum(["0", "1"]).optional(),
  // Express's "trust proxy": a number of proxy hops, or addresses/subnets ("loopback", "10.0.0.0/8,…").
  KETENLIJN_TRUST_PROXY: z.string().optional(),
});

export interface Config {
  port: number;
  databaseUrl?: string;
  dataDir: string;
  smtpUrl?: string;
  mailFrom: string;
  publicUrl?: string;
  host?: string;
  /** Value for Express's "trust proxy" (false: use the socket's address and protocol). */
  trustProxy?: false | number | string[];
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
  const devOutbox = e.KETENLIJN_DEV_OUTBOX === "1";
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.KETENLIJN_DATA_DIR,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
    host: e.HOST,
    trustProxy: parseTrustProxy(e.KETENLIJN_TRUST_PROXY),
    development: e.NODE_ENV === "development",
    devOutbox,
  };
}

function parseTrustProxy(value: string | undefined): Config["trustProxy"] {
  const v = value?.trim();
  if (!v || v === "0" || v === "false") return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(",").map((s) => s.trim()).filter(Boolean);
}

/**
 * The origin put in links sent by e-mail: PUBLIC_URL, else the configured listen address, else
 * localhost. Never the request's Host header, which anyone can forge (reset-link poisoning).
 */
export function mailBaseUrl(config: Pick<Config, "publicUrl" | "host">, port: number): string {
  if (config.publicUrl) return config.publicUrl;
  const host = config.host;
  if (!host || host === "0.0.0.0" || host === "::" || host === "[::]") return `http://localhost:${port}`;
  return `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`;
}
