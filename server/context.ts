import type { Database } from "../db/client.ts";
import type { Config } from "./config.ts";
import type { Mailer } from "./mail/mailer.ts";

/** An injectable clock so tests can move time (invitation expiry, deadlines, rate limits). */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/**
 * Everything a request handler needs, created once per process in server/app.ts and passed
 * to React Router as load context: route modules hold no state of their own.
 */
export interface AppContext {
  db: Database;
  config: Config;
  clock: Clock;
  mailer: Mailer;
  /** Called when a member loses access, so live connections (websockets) can be closed. */
  onAccessRevoked: Set<(investigationId: string, userId: string) => void>;
}
