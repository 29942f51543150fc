import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";

/** A fresh CSP nonce per response; the React Router scripts carry it. */
export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.nonce = randomBytes(16).toString("base64");
  next();
}

export function securityHeaders(development: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.nonce}'`, ...(development ? ["'unsafe-inline'"] : [])],
        "style-src": ["'self'", "'unsafe-inline'"],
        "connect-src": ["'self'", "ws:", "wss:"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "upgrade-insecure-requests": null,
      },
    },
    strictTransportSecurity: false, // set by the TLS-terminating proxy in production
    // Not "no-referrer": with it, browsers send `Origin: null` on plain form posts (no JavaScript).
    referrerPolicy: { policy: "same-origin" },
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * Rejects state-changing requests from other sites (CSRF), on top of SameSite cookies:
 * the Origin (or, failing that, Sec-Fetch-Site) must say the request comes from this site.
 */
export function rejectCrossSite(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const origin = req.get("origin");
  const host = req.get("host");
  if (origin) {
    let sameHost = false;
    try {
      sameHost = new URL(origin).host === host;
    } catch {
      sameHost = false;
    }
    if (!sameHost) return refuse(res);
  } else if (req.get("sec-fetch-site") === "cross-site") {
    return refuse(res);
  }
  next();
}

function refuse(res: Response) {
  res.status(403).type("text/plain; charset=utf-8").send("Dit verzoek komt van een andere website en is geweigerd.");
}

/** The client's address: behind a trusted proxy (KETENLIJN_TRUST_PROXY) the forwarded one. */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "onbekend";
}

/** Every form post is far below this; the one upload (4e attachments) has its own limit (server/app.ts). */
export const MAX_BODY_BYTES = 1024 * 1024;
const BODY_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * Refuses request bodies before anything parses them: too large (by Content-Length, which
 * Node's parser holds the body to), without a length (chunked uploads; browsers always send
 * one for forms), or of a type no action reads. Answers in Dutch instead of a 500 later on.
 */
export function limitBodies(maxBytes = MAX_BODY_BYTES, larger: readonly { path: RegExp; maxBytes: number }[] = []) {
  return (req: Request, res: Response, next: NextFunction) => {
    // The one upload (4e attachments, issue 15) may be larger; nothing else.
    const limit = (req.method === "POST" && larger.find((l) => l.path.test(req.path))?.maxBytes) || maxBytes;
    const length = req.get("content-length");
    const chunked = req.get("transfer-encoding") !== undefined;
    if (!chunked && (length === undefined || length === "0")) return next();
    if (chunked || length === undefined) return refuseBody(res, 411, "Dit verzoek heeft geen lengte; stuur het formulier opnieuw vanuit de browser.");
    if (!/^\d+$/.test(length) || Number(length) > limit)
      return refuseBody(res, 413, limit >= 1024 * 1024 ? `Dit verzoek is te groot; het mag hooguit ${Math.floor(limit / 1024 / 1024)} MB zijn.` : `Dit verzoek is te groot; het mag hooguit ${Math.floor(limit / 1024)} kB zijn.`);
    const type = (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (!BODY_TYPES.includes(type)) return refuseBody(res, 400, "Dit verzoek heeft een onbekende vorm; stuur het formulier opnieuw vanuit de browser.");
    next();
  };
}

function refuseBody(res: Response, status: number, message: string) {
  // Close the connection: otherwise Node would read (and discard) the whole refused body first.
  res.set("Connection", "close");
  res.status(status).type("text/plain; charset=utf-8").send(message);
}

/** Pages and downloads carry personal data: no browser or proxy may keep a copy. */
export function noStore(_req: Request, res: Response, next: NextFunction) {
  res.set("Cache-Control", "no-store");
  next();
}
