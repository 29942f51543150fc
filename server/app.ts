import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@react-router/express";
import "../app/lib/zod-dutch.ts"; // Dutch default zod messages, also for server-only schemas
import express, { type Request, type Response } from "express";
import type { ServerBuild } from "react-router";
import { openDatabase, type DatabaseHandle } from "../db/client.ts";
import { readCookie, SESSION_COOKIE, userForSession } from "./auth/sessions.ts";
import { mailBaseUrl, type Config } from "./config.ts";
import { systemClock, type AppContext, type Clock } from "./context.ts";
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_UPLOAD_PATH } from "../app/domain/report/attachments.ts";
import { clientIp, cspNonce, limitBodies, MAX_BODY_BYTES, noStore, rejectCrossSite, securityHeaders } from "./http.ts";
import type { RequestContext } from "./load-context.ts";
import { createMailer } from "./mail/mailer.ts";
import { attachCollab } from "./collab/index.ts";
import { startJobLoop } from "./jobs/index.ts";

export interface RunningApp {
  ctx: AppContext;
  server: Server;
  database: DatabaseHandle;
  /** The origin used in e-mailed links (see mailBaseUrl). */
  baseUrl: string;
  close(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "..");
const buildDir = path.resolve(root, process.env.KETENLIJN_BUILD_DIR ?? "build");
const buildEntry = path.join(buildDir, "server/index.js");

export function hasBuild() {
  return existsSync(buildEntry);
}

async function requestContext(ctx: AppContext, req: Request, res: Response, baseUrl: string): Promise<RequestContext> {
  const sessionToken = readCookie(req.get("cookie"), SESSION_COOKIE);
  const user = await userForSession(ctx, sessionToken);
  // req.secure follows X-Forwarded-Proto only with KETENLIJN_TRUST_PROXY; an https PUBLIC_URL means https too.
  const secure = req.secure || baseUrl.startsWith("https:");
  return { app: ctx, user, sessionToken, nonce: res.locals.nonce, ip: clientIp(req), baseUrl, secure };
}

/** Builds the whole process: database, services, HTTP (and later websockets) on one server. */
export async function startApp(config: Config, opts: { clock?: Clock; log?: (line: string) => void } = {}): Promise<RunningApp> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const ctx: AppContext = {
    db: database.db,
    config,
    clock: opts.clock ?? systemClock,
    mailer: createMailer(database.db, { smtpUrl: config.smtpUrl, from: config.mailFrom, log }),
    onAccessRevoked: new Set(),
  };

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy ?? false);
  app.use(cspNonce, securityHeaders(config.development), rejectCrossSite, limitBodies(MAX_BODY_BYTES, [{ path: ATTACHMENT_UPLOAD_PATH, maxBytes: ATTACHMENT_MAX_BYTES + 256 * 1024 }]));

  let loadBuild: () => Promise<ServerBuild>;
  let closeVite = async () => {};
  if (config.development) {
    const vite = await import("vite");
    const devServer = await vite.createServer({ server: { middlewareMode: true } });
    app.use(devServer.middlewares);
    loadBuild = () => devServer.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>;
    closeVite = () => devServer.close();
  } else {
    const build = (await import(pathToFileURL(buildEntry).href)) as ServerBuild;
    loadBuild = async () => build;
    app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  }

  app.all(
    "/{*path}",
    noStore, // after the static files, which keep their own caching
    createRequestHandler({
      build: loadBuild,
      mode: config.development ? "development" : "production",
      getLoadContext: (req, res) => requestContext(ctx, req, res, baseUrl) as never,
    }),
  );
  // Last resort: never a stack trace to a user.
  app.use((err: unknown, _req: Request, res: Response, _next: unknown) => {
    log(`[fout] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    if (res.headersSent) return;
    res.status(500).type("text/plain; charset=utf-8").send("Er ging iets mis aan onze kant. Probeer het later opnieuw.");
  });

  const server = createServer(app);
  const collab = attachCollab(server, ctx, { log });
  const jobs = startJobLoop(ctx, { log }); // rounds: closing and reminders (server/jobs)
  await new Promise<void>((resolve) => (config.host ? server.listen(config.port, config.host, resolve) : server.listen(config.port, resolve)));
  const address = server.address();
  const baseUrl = mailBaseUrl(config, typeof address === "object" && address ? address.port : config.port);
  return {
    ctx,
    server,
    database,
    baseUrl,
    async close() {
      await jobs.stop();
      await collab.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeVite();
      await database.close();
    },
  };
}
