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

export function clientIp(req: Request): string {
  return req.socket.remoteAddress ?? "onbekend";
}
