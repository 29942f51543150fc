import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { schema } from "../../db/client.ts";
import { tooManyAttemptsMessage } from "../../app/domain/login-throttle.ts";
import { hashPassword } from "../../server/auth/passwords.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";

// Accounts, sessions, rate limiting, password reset, security headers and error pages.

const PASSWORD = "ketenlijn-demo";
const MINUTE = 60_000;
const WRONG_COMBINATION = "Deze combinatie van e-mailadres en wachtwoord kennen we niet.";
const RESET_INVALID = "Deze herstellink is ongeldig, al gebruikt of verlopen. Vraag een nieuwe aan.";

let app: TestApp;
const clock = new TestClock(new Date("2026-05-04T09:00:00Z"));

/** A fresh account of its own, so tests do not depend on each other's passwords or sessions. */
async function newAccount(password = PASSWORD) {
  const email = `gebruiker-${randomUUID().slice(0, 8)}@example.nl`;
  await app.ctx.db.insert(schema.users).values({ email, name: "Gerda Gebruiker", passwordHash: await hashPassword(password) });
  return email;
}

const client = (cookie: string | null = null) => Object.assign(new HttpClient(app.url), { cookie });

function tryLogin(c: HttpClient, email: string, password: string) {
  return c.post("/login", { email, password });
}

/** Whether this cookie still belongs to a live session: the dashboard answers instead of sending to /login. */
async function sessionWorks(cookie: string | null) {
  const res = await client(cookie).get("/");
  await res.text();
  return res.status === 200;
}

function auditRows(action: string, subjectEmail: string) {
  return app.ctx.db
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.action, action), eq(schema.auditLog.subjectEmail, subjectEmail)));
}

async function lastMailTo(email: string) {
  const [mail] = await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, email)).orderBy(desc(schema.outbox.id)).limit(1);
  return mail;
}

function resetPath(mailText: string) {
  const m = /https?:\/\/[^\s/]+(\/wachtwoord-herstellen\/[A-Za-z0-9_-]+)/.exec(mailText);
  if (!m) throw new Error(`no reset link in mail:\n${mailText}`);
  return m[1];
}

async function requestReset(email: string) {
  const res = await client().post("/wachtwoord-vergeten", { email });
  return { status: res.status, html: await res.text() };
}

beforeAll(async () => {
  app = await startTestApp({ clock });
});
afterAll(async () => {
  await app?.stop();
});

describe("login", () => {
  it("a successful login redirects, sets a session and is audit-logged as login.ok", async () => {
    const email = await newAccount();
    const c = client();
    const res = await tryLogin(c, email, PASSWORD);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    expect(await sessionWorks(c.cookie)).toBe(true);
    const rows = await auditRows("login.ok", email);
    expect(rows).toHaveLength(1);
    expect(rows[0].actorId).toBeTruthy();
    expect(rows[0].ip).toBeTruthy();
  });

  it("a wrong password → 401, a Dutch message, no session, audit-logged as login.failed", async () => {
    const email = await newAccount();
    const c = client();
    const res = await tryLogin(c, email, "verkeerd-wachtwoord");
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain(WRONG_COMBINATION);
    expect(html).toContain(`value="${email}"`); // the e-mail address is kept
    expect(c.cookie).toBeNull();
    expect(await auditRows("login.failed", email)).toHaveLength(1);
  });

  it("an unknown account gets the same message and is audit-logged as login.failed", async () => {
    const email = `niemand-${randomUUID().slice(0, 8)}@example.nl`;
    const res = await tryLogin(client(), email, PASSWORD);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain(WRONG_COMBINATION);
    expect(await auditRows("login.failed", email)).toHaveLength(1);
  });

  it("an empty form → 400 with a Dutch message per field", async () => {
    const res = await tryLogin(client(), "", "");
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Vul uw e-mailadres in.");
    expect(html).toContain("Vul uw wachtwoord in.");
  });

  it("an invalid e-mail address → 400 with a Dutch message and the typed value kept", async () => {
    const res = await tryLogin(client(), "geen-adres", "iets");
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Vul een geldig e-mailadres in");
    expect(html).toContain('value="geen-adres"');
  });

  it("returns to the page asked for, but never to another site", async () => {
    const email = await newAccount();
    const back = await client().post("/login", { email, password: PASSWORD, next: "/onderzoeken/nieuw" });
    expect(back.headers.get("location")).toBe("/onderzoeken/nieuw");
    const away = await client().post("/login", { email, password: PASSWORD, next: "//evil.example/pad" });
    expect(away.headers.get("location")).toBe("/");
  });
});

describe("session cookie", () => {
  it("is HttpOnly and SameSite=Lax", async () => {
    const res = await tryLogin(client(), await newAccount(), PASSWORD);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^kl_session=[A-Za-z0-9_-]{20,};/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//);
  });

  it("logging in twice gives two different tokens", async () => {
    const email = await newAccount();
    const a = client();
    const b = client();
    await tryLogin(a, email, PASSWORD);
    await tryLogin(b, email, PASSWORD);
    expect(a.cookie).toBeTruthy();
    expect(b.cookie).toBeTruthy();
    expect(a.cookie).not.toBe(b.cookie);
  });

  it("rotates on login: the cookie from before the login is no longer valid afterwards", async () => {
    const c = client();
    await tryLogin(c, await newAccount(), PASSWORD);
    const before = c.cookie;
    expect(await sessionWorks(before)).toBe(true);
    // The same browser logs in again (e.g. as someone else): a new session replaces the old one.
    await tryLogin(c, await newAccount(), PASSWORD);
    expect(c.cookie).not.toBe(before);
    expect(await sessionWorks(c.cookie)).toBe(true);
    expect(await sessionWorks(before)).toBe(false);
  });

  it("a made-up session cookie gives no access", async () => {
    const res = await client("kl_session=verzonnen-token-1234567890").get("/");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?next=%2F");
  });

  it("expires after 12 hours", async () => {
    const c = client();
    await tryLogin(c, await newAccount(), PASSWORD);
    clock.advance(11 * 60 * MINUTE);
    expect(await sessionWorks(c.cookie)).toBe(true);
    clock.advance(61 * MINUTE);
    expect(await sessionWorks(c.cookie)).toBe(false);
  });
});

describe("logout", () => {
  it("ends the session on the server: the old cookie no longer works", async () => {
    const email = await newAccount();
    const c = client();
    await tryLogin(c, email, PASSWORD);
    const cookie = c.cookie;
    const res = await c.post("/logout", {});
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login");
    expect(res.headers.get("set-cookie")).toMatch(/^kl_session=;.*Max-Age=0/);
    expect(c.cookie).toBeNull();
    // Someone who kept a copy of the cookie cannot use it.
    expect(await sessionWorks(cookie)).toBe(false);
  });

  it("ends only that session: the same account elsewhere stays logged in", async () => {
    const email = await newAccount();
    const here = client();
    const elsewhere = client();
    await tryLogin(here, email, PASSWORD);
    await tryLogin(elsewhere, email, PASSWORD);
    await here.post("/logout", {});
    expect(await sessionWorks(elsewhere.cookie)).toBe(true);
  });
});

describe("rate limiting", () => {
  // Every request comes from 127.0.0.1: move past the 24-hour memory so earlier failures do not count.
  beforeEach(() => clock.advance(25 * 60 * MINUTE));

  async function fail(email: string, times: number) {
    for (let i = 0; i < times; i++) {
      const res = await tryLogin(client(), email, "verkeerd-wachtwoord");
      expect(res.status).toBe(401);
      await res.text();
    }
  }

  it("after 5 failed attempts for one account the 6th, even with the right password, waits: 429, Retry-After and a Dutch message", async () => {
    const email = await newAccount();
    await fail(email, 5);
    const c = client();
    const res = await tryLogin(c, email, PASSWORD);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(await res.text()).toContain(tooManyAttemptsMessage(2));
    expect(c.cookie).toBeNull();
    expect(await auditRows("login.blocked", email)).toHaveLength(1);
  });

  it("4 failed attempts do not slow the account down", async () => {
    const email = await newAccount();
    await fail(email, 4);
    expect((await tryLogin(client(), email, PASSWORD)).status).toBe(302);
  });

  it("another account from the same address still works while one has to wait", async () => {
    const blocked = await newAccount();
    const other = await newAccount();
    await fail(blocked, 5);
    expect((await tryLogin(client(), blocked, PASSWORD)).status).toBe(429);
    expect((await tryLogin(client(), other, PASSWORD)).status).toBe(302);
  });

  it("20 failures from one address make every account from that address wait", async () => {
    const victim = await newAccount();
    // 4 accounts × 4 failures + 3 = 19 failures: no account reaches its own limit of 5.
    for (let i = 0; i < 4; i++) await fail(`onbekend-${i}-${randomUUID().slice(0, 6)}@example.nl`, 4);
    await fail(`onbekend-x-${randomUUID().slice(0, 6)}@example.nl`, 3);
    expect((await tryLogin(client(), victim, PASSWORD)).status).toBe(302); // 19: still allowed
    await fail(`onbekend-y-${randomUUID().slice(0, 6)}@example.nl`, 1);
    const res = await tryLogin(client(), victim, PASSWORD); // 20: wait
    expect(res.status).toBe(429);
    expect(await res.text()).toContain(tooManyAttemptsMessage(2));
  });

  it("the wait is over after the time it names: the right password then works", async () => {
    const email = await newAccount();
    await fail(email, 5);
    clock.advance(1_999);
    expect((await tryLogin(client(), email, PASSWORD)).status).toBe(429);
    clock.advance(1);
    expect((await tryLogin(client(), email, PASSWORD)).status).toBe(302);
  });

  it("simultaneous guesses cannot get past the limit: of 12 at once, at most 5 are tried", async () => {
    const email = await newAccount();
    const responses = await Promise.all(Array.from({ length: 12 }, () => tryLogin(client(), email, "verkeerd-wachtwoord")));
    const statuses = responses.map((r) => r.status);
    await Promise.all(responses.map((r) => r.text()));
    const tried = statuses.filter((s) => s === 401).length;
    expect(tried).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - tried); // the rest refused
    expect(await auditRows("login.failed", email)).toHaveLength(tried);
    expect(await auditRows("login.blocked", email)).toHaveLength(12 - tried);
  });

  it("counts per account case-insensitively (Upper@ and upper@ are one account)", async () => {
    const email = await newAccount();
    await fail(email.toUpperCase(), 5);
    expect((await tryLogin(client(), email, PASSWORD)).status).toBe(429);
  });
});

describe("password reset", () => {
  it("puts a mail with a link in the outbox, and /dev/outbox shows it", async () => {
    const email = await newAccount();
    const { status, html } = await requestReset(email);
    expect(status).toBe(200);
    expect(html).toContain("Controleer uw e-mail");
    const mail = await lastMailTo(email);
    expect(mail.subject).toBe("Wachtwoord herstellen voor Ketenlijn");
    const path = resetPath(mail.text);
    const outbox = await (await client().get("/dev/outbox")).text();
    expect(outbox).toContain(email);
    expect(outbox).toContain("Wachtwoord herstellen voor Ketenlijn");
    expect(outbox).toContain(path);
  });

  it("the link sets a new password once: the old password stops working, the new one works", async () => {
    const email = await newAccount();
    await requestReset(email);
    const path = resetPath((await lastMailTo(email)).text);

    const form = await client().get(path);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("Nieuw wachtwoord kiezen");

    const mismatch = await client().post(path, { password: "nieuw-geheim-123", passwordRepeat: "iets-anders-123" });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain("De wachtwoorden zijn niet gelijk.");

    const tooShort = await client().post(path, { password: "kort", passwordRepeat: "kort" });
    expect(tooShort.status).toBe(400);
    expect(await tooShort.text()).toContain("Kies een wachtwoord van minstens 12 tekens.");

    const ok = await client().post(path, { password: "nieuw-geheim-123", passwordRepeat: "nieuw-geheim-123" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/login?reset=1");

    expect((await tryLogin(client(), email, PASSWORD)).status).toBe(401);
    expect((await tryLogin(client(), email, "nieuw-geheim-123")).status).toBe(302);

    // Second use of the same link.
    const again = await client().get(path);
    expect(await again.text()).toContain(RESET_INVALID);
    const reuse = await client().post(path, { password: "derde-geheim-123", passwordRepeat: "derde-geheim-123" });
    expect(reuse.status).toBe(410);
    expect(await reuse.text()).toContain(RESET_INVALID);
    expect((await tryLogin(client(), email, "derde-geheim-123")).status).toBe(401);
  });

  it("ends all sessions of the user", async () => {
    const email = await newAccount();
    const laptop = client();
    const phone = client();
    await tryLogin(laptop, email, PASSWORD);
    await tryLogin(phone, email, PASSWORD);
    await requestReset(email);
    const path = resetPath((await lastMailTo(email)).text);
    await client().post(path, { password: "nieuw-geheim-123", passwordRepeat: "nieuw-geheim-123" });
    expect(await sessionWorks(laptop.cookie)).toBe(false);
    expect(await sessionWorks(phone.cookie)).toBe(false);
  });

  it("expires after 60 minutes", async () => {
    const email = await newAccount();
    await requestReset(email);
    const path = resetPath((await lastMailTo(email)).text);
    clock.advance(59 * MINUTE);
    expect(await (await client().get(path)).text()).toContain("Wachtwoord opslaan");
    clock.advance(1 * MINUTE);
    expect(await (await client().get(path)).text()).toContain(RESET_INVALID);
    const res = await client().post(path, { password: "nieuw-geheim-123", passwordRepeat: "nieuw-geheim-123" });
    expect(res.status).toBe(410);
    expect((await tryLogin(client(), email, PASSWORD)).status).toBe(302); // password unchanged
  });

  it("an unknown e-mail address gets exactly the same response, and no mail", async () => {
    const known = await newAccount();
    const unknown = `onbekend-${randomUUID().slice(0, 8)}@example.nl`;
    const normalize = (html: string, email: string) => html.replaceAll(email, "ADRES").replace(/nonce="[^"]+"/g, 'nonce=""');
    const a = await requestReset(known);
    const b = await requestReset(unknown);
    expect(b.status).toBe(a.status);
    expect(normalize(b.html, unknown)).toBe(normalize(a.html, known));
    expect(await lastMailTo(unknown)).toBeUndefined();
  });

  it("an invalid e-mail address → 400 with a Dutch message, the typed value kept", async () => {
    const { status, html } = await requestReset("geen-adres");
    expect(status).toBe(400);
    expect(html).toContain("Vul een geldig e-mailadres in");
    expect(html).toContain('value="geen-adres"');
  });

  it("a made-up link is refused", async () => {
    const html = await (await client().get("/wachtwoord-herstellen/verzonnen")).text();
    expect(html).toContain(RESET_INVALID);
  });

  it("is limited to 3 requests per account per hour: the 4th gets 429 and a Dutch message, and no mail", async () => {
    clock.advance(61 * MINUTE); // earlier requests from this address no longer count
    const email = await newAccount();
    for (let i = 0; i < 3; i++) expect((await requestReset(email)).status).toBe(200);
    const mails = async () => (await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, email))).length;
    expect(await mails()).toBe(3);
    const blocked = await requestReset(email);
    expect(blocked.status).toBe(429);
    expect(blocked.html).toContain("Er zijn te veel aanvragen gedaan voor dit e-mailadres of vanaf dit netwerk.");
    expect(blocked.html).toContain(`value="${email}"`);
    expect(await mails()).toBe(3);
    // Another account from the same address is not affected yet; an hour later this one works again.
    expect((await requestReset(await newAccount())).status).toBe(200);
    clock.advance(61 * MINUTE);
    expect((await requestReset(email)).status).toBe(200);
    expect(await mails()).toBe(4);
  });
});

describe("security headers and error pages", () => {
  let lead: HttpClient;
  let member: HttpClient;
  beforeAll(async () => {
    lead = client();
    await lead.login("begeleider@demo.ketenlijn.nl");
    member = client();
    await member.login("partner.a@demo.ketenlijn.nl");
  });

  const pages: { name: string; fetch: () => Promise<Response>; status: number }[] = [
    { name: "login", fetch: () => client().get("/login"), status: 200 },
    { name: "login with a bad form", fetch: () => client().post("/login", { email: "", password: "" }), status: 400 },
    { name: "wachtwoord vergeten", fetch: () => client().get("/wachtwoord-vergeten"), status: 200 },
    { name: "wachtwoord herstellen", fetch: () => client().get("/wachtwoord-herstellen/onbekend"), status: 200 },
    { name: "uitnodiging", fetch: () => client().get("/uitnodiging/onbekend"), status: 410 },
    { name: "404", fetch: () => client().get("/bestaat-niet"), status: 404 },
    { name: "dashboard", fetch: () => lead.get("/"), status: 200 },
    { name: "nieuw onderzoek", fetch: () => lead.get("/onderzoeken/nieuw"), status: 200 },
    { name: "onderzoek", fetch: () => lead.get(`/onderzoeken/${app.demoInvestigationId}`), status: 200 },
    { name: "gegevens", fetch: () => lead.get(`/onderzoeken/${app.demoInvestigationId}/gegevens`), status: 200 },
    { name: "cliënt", fetch: () => lead.get(`/onderzoeken/${app.demoInvestigationId}/client`), status: 200 },
    { name: "deelnemers", fetch: () => lead.get(`/onderzoeken/${app.demoInvestigationId}/deelnemers`), status: 200 },
    { name: "termijnen", fetch: () => lead.get(`/onderzoeken/${app.demoInvestigationId}/termijnen`), status: 200 },
    { name: "logboek", fetch: () => lead.get(`/onderzoeken/${app.demoInvestigationId}/logboek`), status: 200 },
    { name: "403", fetch: () => member.get(`/onderzoeken/${app.demoInvestigationId}/logboek`), status: 403 },
    { name: "dev outbox", fetch: () => client().get("/dev/outbox"), status: 200 },
  ];

  it.each(pages)("$name: CSP with a fresh nonce, carried by every script", async ({ fetch, status }) => {
    const res = await fetch();
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = res.headers.get("content-security-policy") ?? "";
    const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    expect(nonce, `script-src without nonce: ${csp}`).toBeTruthy();
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");

    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.filter((s) => !/\bsrc=/.test(s)).length).toBeGreaterThan(0); // there are inline scripts
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    const second = await fetch();
    await second.text();
    expect(second.headers.get("content-security-policy")).not.toContain(`'nonce-${nonce}'`);
  });

  const STACK = [/\n\s+at\s/, /\bat \S+ \((?:file:|\/|node:)/, /node_modules/, /\.[cm]?[jt]sx?:\d+:\d+/, /TypeError|ReferenceError|SyntaxError/];
  const errorPages: { name: string; fetch: () => Promise<Response>; status: number; message: string }[] = [
    { name: "404", fetch: () => client().get("/bestaat-niet"), status: 404, message: "Deze pagina bestaat niet, of u heeft er geen toegang toe." },
    { name: "a bad form", fetch: () => client().post("/login", { email: "x", password: "" }), status: 400, message: "Vul uw wachtwoord in." },
    {
      name: "403",
      fetch: () => member.get(`/onderzoeken/${app.demoInvestigationId}/gegevens`),
      status: 403,
      message: "U heeft geen toestemming voor deze handeling in dit onderzoek.",
    },
    {
      name: "a body that cannot be parsed (400)",
      fetch: () => client().request("POST", "/login", undefined, { origin: app.url, "content-type": "multipart/form-data; boundary=x" }),
      status: 400,
      message: "Het formulier kon niet worden gelezen.",
    },
    {
      name: "a POST to a page without a form (405)",
      fetch: () => lead.post(`/onderzoeken/${app.demoInvestigationId}/logboek`, {}),
      status: 405,
      message: "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
    },
  ];

  it.each(errorPages)("$name: a Dutch sentence and no stack trace", async ({ fetch, status, message }) => {
    // The server logs the error (with its stack) for the operator; keep that out of the test output.
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await fetch();
    const html = await res.text();
    log.mockRestore();
    expect(res.status).toBe(status);
    expect(html).toContain(message);
    for (const pattern of STACK) expect(html).not.toMatch(pattern);
  });
});
