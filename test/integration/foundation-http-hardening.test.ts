import { randomUUID } from "node:crypto";
import http from "node:http";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { createInvestigation } from "./helpers/collab-harness.ts";

// Issue 16, the HTTP points: mail links, redirects, request bodies, dev outbox, caching, cookies, invitations.

const LEAD = "begeleider@demo.ketenlijn.nl";

let app: TestApp;
let proxied: TestApp; // KETENLIJN_TRUST_PROXY=loopback, KETENLIJN_DEV_OUTBOX unset

beforeAll(async () => {
  app = await startTestApp();
  proxied = await startTestApp({ env: { KETENLIJN_TRUST_PROXY: "loopback", KETENLIJN_DEV_OUTBOX: undefined } });
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await proxied?.stop();
});

/** A raw request, so the Host header (which fetch will not forge) can be anything. */
function raw(
  base: string,
  opts: { method?: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method: opts.method ?? "GET", path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

const form = (values: Record<string, string>) => new URLSearchParams(values).toString();

async function lastMailTo(target: TestApp, to: string) {
  const [mail] = await target.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, to)).orderBy(desc(schema.outbox.id)).limit(1);
  return mail;
}

describe("links in e-mail", () => {
  it("use the configured origin, never a forged Host header (password reset)", async () => {
    const body = form({ email: LEAD });
    const res = await raw(app.url, {
      method: "POST",
      path: "/wachtwoord-vergeten",
      headers: { host: "evil.example", origin: "http://evil.example", "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
      body,
    });
    expect(res.status).toBeLessThan(500);
    const mail = await lastMailTo(app, LEAD);
    expect(mail.text).toContain(`${app.url}/wachtwoord-herstellen/`);
    expect(mail.text).not.toContain("evil.example");
  });

  it("use the configured origin for invitations too", async () => {
    const lead = new HttpClient(app.url);
    await lead.login(LEAD);
    const email = `genodigde-${randomUUID().slice(0, 8)}@example.nl`;
    const body = form({ intent: "invite", email, role: "onderzoeker", organisation: "" });
    await raw(app.url, {
      method: "POST",
      path: `/onderzoeken/${app.demoInvestigationId}/deelnemers`,
      headers: { host: "evil.example", origin: "http://evil.example", cookie: lead.cookie!, "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
      body,
    });
    const mail = await lastMailTo(app, email);
    expect(mail.text).toContain(`${app.url}/uitnodiging/`);
    expect(mail.text).not.toContain("evil.example");
  });
});

describe("redirect after login", () => {
  it.each(["/\t/evil.example/phish", "//evil.example", "/\\evil.example", "/%2F/evil.example"])("goes home instead of to %j", async (next) => {
    const c = new HttpClient(app.url);
    const res = await c.post("/login", { email: LEAD, password: "ketenlijn-demo", next });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
  });

  it("goes home for a logged-in visitor of /login?next=/%09/evil.example/phish", async () => {
    const c = new HttpClient(app.url);
    await c.login(LEAD);
    const res = await c.get("/login?next=/%09/evil.example/phish");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    const ok = await c.get("/login?next=%2Fonderzoeken");
    expect(ok.headers.get("location")).toBe("/onderzoeken");
  });
});

describe("request bodies", () => {
  it("refuses a 200 MB body before reading it, in Dutch, and keeps serving", async () => {
    const url = new URL(app.url);
    const result = await new Promise<{ status: number; text: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: "POST",
          path: "/login",
          headers: { origin: app.url, "content-type": "application/x-www-form-urlencoded", "content-length": 200 * 1024 * 1024 },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            req.destroy();
            resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString("utf8"), sent });
          });
        },
      );
      req.on("error", (err) => (sent > 0 ? undefined : reject(err))); // the server hangs up on the rest of the upload
      const chunk = Buffer.alloc(64 * 1024, "a");
      const pump = () => {
        while (!req.destroyed && sent < 200 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
      };
      pump();
    });
    expect(result.status).toBe(413);
    expect(result.text).toContain("Dit verzoek is te groot");
    expect(result.sent).toBeLessThan(200 * 1024 * 1024);
    expect((await fetch(`${app.url}/login`)).status).toBe(200);
  });

  it("refuses a body over 1 MiB by its Content-Length", async () => {
    const res = await fetch(`${app.url}/login`, {
      method: "POST",
      headers: { origin: app.url, "content-type": "application/x-www-form-urlencoded" },
      body: form({ email: LEAD, password: "x".repeat(1024 * 1024 + 1) }),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("te groot");
  });

  it("answers a JSON body with 400 in Dutch", async () => {
    const res = await fetch(`${app.url}/login`, { method: "POST", headers: { origin: app.url, "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("onbekende vorm");
  });

  it("answers broken multipart with 400 in Dutch", async () => {
    const res = await fetch(`${app.url}/login`, {
      method: "POST",
      headers: { origin: app.url, "content-type": "multipart/form-data; boundary=----grens" },
      body: "dit is geen multipart\r\n------kapot",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Het formulier kon niet worden gelezen");
  });

  it("still accepts a multipart form", async () => {
    const body = new FormData();
    body.set("email", LEAD);
    body.set("password", "ketenlijn-demo");
    const res = await fetch(`${app.url}/login`, { method: "POST", headers: { origin: app.url }, body, redirect: "manual" });
    expect(res.status).toBe(302);
  });
});

describe("/dev/outbox", () => {
  it("is off unless KETENLIJN_DEV_OUTBOX=1", async () => {
    expect((await fetch(`${proxied.url}/dev/outbox`)).status).toBe(404);
    expect((await fetch(`${app.url}/dev/outbox`)).status).toBe(200);
  });
});

describe("caching", () => {
  it("pages and downloads say no-store", async () => {
    const c = new HttpClient(app.url);
    expect((await c.get("/login")).headers.get("cache-control")).toBe("no-store");
    await c.login(LEAD);
    for (const path of [`/onderzoeken/${app.demoInvestigationId}`, `/onderzoeken/${app.demoInvestigationId}/deelnemers`, `/onderzoeken/${app.demoInvestigationId}/rapport.docx`]) {
      const res = await c.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toContain("no-store");
    }
  });
});

describe("behind a reverse proxy", () => {
  it("marks the session cookie Secure for https requests when the proxy is trusted", async () => {
    // What the browser sends through a TLS-terminating proxy: an https Origin.
    const httpsOrigin = `https://${new URL(proxied.url).host}`;
    const viaHttps = await new HttpClient(proxied.url).post("/login", { email: LEAD, password: "ketenlijn-demo" }, { "x-forwarded-proto": "https", origin: httpsOrigin });
    expect(viaHttps.status).toBe(302);
    expect(viaHttps.headers.get("set-cookie")).toMatch(/; Secure/);
    const viaHttp = await new HttpClient(proxied.url).post("/login", { email: LEAD, password: "ketenlijn-demo" });
    expect(viaHttp.headers.get("set-cookie")).not.toMatch(/Secure/);
  });

  it("ignores X-Forwarded-Proto when no proxy is trusted", async () => {
    const res = await new HttpClient(app.url).post("/login", { email: LEAD, password: "ketenlijn-demo" }, { "x-forwarded-proto": "https" });
    expect(res.headers.get("set-cookie")).not.toMatch(/Secure/);
  });

  it("records the forwarded address of a trusted proxy, and only then", async () => {
    const email = `onbekend-${randomUUID().slice(0, 8)}@example.nl`;
    const failed = async (target: TestApp) => {
      await new HttpClient(target.url).post("/login", { email, password: "fout-wachtwoord" }, { "x-forwarded-for": "203.0.113.7" });
      const [row] = await target.ctx.db
        .select()
        .from(schema.auditLog)
        .where(and(eq(schema.auditLog.action, "login.failed"), eq(schema.auditLog.subjectEmail, email)));
      return row.ip;
    };
    expect(await failed(proxied)).toBe("203.0.113.7");
    expect(await failed(app)).toMatch(/127\.0\.0\.1/);
  });
});

describe("revoking an invitation", () => {
  it("says so when the invitation is unknown or belongs to another investigation", async () => {
    const lead = new HttpClient(app.url);
    await lead.login(LEAD);
    const [leadUser] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, LEAD));
    const other = await createInvestigation(app.ctx, "Ander onderzoek");
    const [foreign] = await app.ctx.db
      .insert(schema.invitations)
      .values({ tokenHash: randomUUID(), investigationId: other, email: "ander@example.nl", role: "onderzoeker", invitedBy: leadUser.id, expiresAt: new Date(Date.now() + 86400_000) })
      .returning();
    for (const invitationId of [foreign.id, randomUUID()]) {
      const res = await lead.post(`/onderzoeken/${app.demoInvestigationId}/deelnemers`, { intent: "revoke", invitationId });
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain("Deze uitnodiging staat niet (meer) open in dit onderzoek");
      expect(html).not.toContain("De uitnodiging is ingetrokken.");
    }
    const [still] = await app.ctx.db.select().from(schema.invitations).where(eq(schema.invitations.id, foreign.id));
    expect(still.revokedAt).toBeNull();
  });

  it("gives a Dutch message for a malformed invitation id", async () => {
    const lead = new HttpClient(app.url);
    await lead.login(LEAD);
    const res = await lead.post(`/onderzoeken/${app.demoInvestigationId}/deelnemers`, { intent: "revoke", invitationId: "geen-uuid" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Ongeldige invoer.");
  });
});
