import { STATUS_CODES, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { can } from "../../app/domain/policy.ts";
import { checkAccess } from "../access.ts";
import { readCookie, SESSION_COOKIE, userForSession } from "../auth/sessions.ts";
import type { AppContext } from "../context.ts";
import type { CollabUser } from "./connection.ts";
import { isUuid } from "../../app/domain/uuid.ts";

export const COLLAB_PATH = "/collab";
const ROOM_PATH = /^\/collab\/([^/]+)$/;

export type UpgradeDecision =
  | { ok: true; investigationId: string; user: CollabUser; canWrite: boolean }
  | { ok: false; status: 400 | 401 | 403 | 404; message: string };

/** Whether this upgrade is ours at all (other paths are left to other listeners). */
export function isCollabRequest(req: IncomingMessage): boolean {
  const path = (req.url ?? "").split("?")[0];
  return path === COLLAB_PATH || path.startsWith(`${COLLAB_PATH}/`);
}

/**
 * Decides an upgrade before any websocket exists: origin, session cookie, membership. Nothing of
 * the document is touched here. A non-member gets the same 404 as a missing investigation.
 */
export async function authorizeUpgrade(ctx: AppContext, req: IncomingMessage): Promise<UpgradeDecision> {
  if (!originAllowed(req, ctx.config.publicUrl)) {
    return { ok: false, status: 403, message: "Deze verbinding komt van een andere website en is geweigerd." };
  }
  const match = ROOM_PATH.exec((req.url ?? "").split("?")[0]);
  let investigationId = "";
  try {
    investigationId = match ? decodeURIComponent(match[1]) : "";
  } catch {
    investigationId = "";
  }
  if (!isUuid(investigationId)) return { ok: false, status: 404, message: "Dit onderzoek bestaat niet." };
  const user = await userForSession(ctx, readCookie(req.headers.cookie, SESSION_COOKIE));
  if (!user) return { ok: false, status: 401, message: "Log opnieuw in om aan dit onderzoek te werken." };
  const access = await checkAccess(ctx, user.id, investigationId, "workspace.read");
  if (!access.ok) {
    return access.status === 403
      ? { ok: false, status: 403, message: "U heeft geen toegang tot deze werkruimte." }
      : { ok: false, status: 404, message: "Dit onderzoek bestaat niet." };
  }
  return {
    ok: true,
    investigationId: investigationId.toLowerCase(),
    user: { id: user.id, name: user.name, membership: access.membership },
    canWrite: can(access.membership, "workspace.write"),
  };
}

/**
 * Browsers always send Origin on a websocket handshake, and cookies ride along cross-site: so an
 * Origin must be this host (or the configured public URL). No Origin means a non-browser client,
 * which still needs a valid session cookie.
 */
export function originAllowed(req: IncomingMessage, publicUrl?: string): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.host === req.headers.host) return true;
  if (publicUrl) {
    try {
      return new URL(publicUrl).origin === url.origin;
    } catch {
      return false;
    }
  }
  return false;
}

/** Answers on the raw socket and closes it: no websocket, so no document byte. */
export function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = Buffer.from(`${message}\n`, "utf8");
  socket.once("finish", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\n` +
      "Connection: close\r\n" +
      "Content-Type: text/plain; charset=utf-8\r\n" +
      `Content-Length: ${body.byteLength}\r\n\r\n` +
      body.toString("utf8"),
  );
}
