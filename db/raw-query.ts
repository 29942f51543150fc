import type { Database } from "./client.ts";

interface PgliteClient {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}
interface PostgresJsClient {
  unsafe<T>(text: string, params?: unknown[], opts?: { prepare?: boolean }): Promise<T[]>;
}

/**
 * One statement straight through the driver (`db.$client`), past the query builder. Only for the
 * update-log write, which lies on every edit's way to the peers: on PGlite, which runs in the
 * server's thread, drizzle's `execute` costs about as much again as the insert itself (0.46 against
 * 0.24 ms per one-row insert). Parameters are positional ($1, $2, …) and cast in the text.
 */
export async function rawQuery<T>(db: Database, text: string, params: unknown[]): Promise<T[]> {
  const client = (db as unknown as { $client: PgliteClient | PostgresJsClient }).$client;
  if ("unsafe" in client) return client.unsafe<T>(text, params as never[], { prepare: true });
  return (await client.query<T>(text, params)).rows;
}
