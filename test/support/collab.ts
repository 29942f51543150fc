import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { DatabaseHandle } from "../../db/client.ts";
import { attachCollab, type Collab, type CollabLimits } from "../../server/collab/index.ts";
import type { Config } from "../../server/config.ts";
import { systemClock, type AppContext } from "../../server/context.ts";
import { createMailer } from "../../server/mail/mailer.ts";

/**
 * A collaboration server for tests: a bare http.Server with attachCollab, the same ctx shape as
 * server/app.ts builds (which needs the React Router build; the collab endpoint does not).
 */
export interface CollabTestServer {
  ctx: AppContext;
  server: Server;
  collab: Collab;
  port: number;
  /** http://127.0.0.1:<port>: also the Origin a same-site browser would send. */
  origin: string;
  /** ws://127.0.0.1:<port>/collab: what WebsocketProvider gets (it appends /<investigationId>). */
  wsUrl: string;
  logs: string[];
  /** Closes collab and the HTTP server; closes the database too when the harness opened it. */
  close(): Promise<void>;
}

export async function startCollabServer(opts: {
  database: DatabaseHandle;
  limits?: Partial<CollabLimits>;
  port?: number;
  closeDatabase?: boolean;
}): Promise<CollabTestServer> {
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const config: Config = {
    port: opts.port ?? 0,
    dataDir: "unused",
    mailFrom: "Ketenlijn test <test@ketenlijn.invalid>",
    development: false,
    devOutbox: false,
  };
  const ctx: AppContext = {
    db: opts.database.db,
    config,
    clock: systemClock,
    mailer: createMailer(opts.database.db, { from: config.mailFrom, log }),
    onAccessRevoked: new Set(),
  };
  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const collab = attachCollab(server, ctx, { limits: opts.limits, log });
  await new Promise<void>((resolve) => server.listen(config.port, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    ctx,
    server,
    collab,
    port,
    origin: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    logs,
    async close() {
      await collab.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (opts.closeDatabase) await opts.database.close();
    },
  };
}

// Fixtures straight into the DB moved to factories.ts; re-exported for the collab tests.
export { addMember, createInvestigation, createUser, type Role, type TestUser } from "./factories.ts";
