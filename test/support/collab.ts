import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { schema } from "../../db/client.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { startSession } from "../../server/auth/sessions.ts";
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

// ------------------------------------------------------------------ fixtures straight into the DB

let counter = 0;

export async function createInvestigation(ctx: Pick<AppContext, "db">, title = "Testonderzoek"): Promise<string> {
  const [inv] = await ctx.db
    .insert(schema.investigations)
    .values({
      title,
      kind: "calamiteit",
      legalFrame: "jeugdwet",
      reportingCriterion: "overig",
      supervisor: "igj",
      analysisMethod: "prisma",
      phase: "onderzoek",
    })
    .returning({ id: schema.investigations.id });
  return inv.id;
}

export interface TestUser {
  userId: string;
  name: string;
  /** The Cookie header value: `kl_session=<token>`. */
  cookie: string;
}

export async function createUser(ctx: AppContext, name = "Testgebruiker"): Promise<TestUser> {
  const email = `user${++counter}-${Math.random().toString(36).slice(2, 8)}@test.invalid`;
  const [u] = await ctx.db.insert(schema.users).values({ email, name, passwordHash: "x" }).returning({ id: schema.users.id });
  const token = await startSession(ctx, u.id);
  return { userId: u.id, name, cookie: `kl_session=${token}` };
}

export type Role = "procesbegeleider" | "onderzoeker" | "ketenpartner" | "toezichthouder";

/**
 * A member with a session. A toezichthouder is invited into the workspace (`workspaceAccess`) unless
 * told otherwise: without it they have no workspace.read, so no socket at all, and the collab tests
 * are about their read-only connection.
 */
export async function addMember(
  ctx: AppContext,
  investigationId: string,
  role: Role,
  name: string = role,
  organisationId: string | null = null,
  opts: { workspaceAccess?: boolean } = {},
): Promise<TestUser> {
  const user = await createUser(ctx, name);
  const workspaceAccess = opts.workspaceAccess ?? role === "toezichthouder";
  await ctx.db.insert(schema.memberships).values({ investigationId, userId: user.userId, role, organisationId, workspaceAccess });
  return user;
}
