import { randomUUID } from "node:crypto";
import http from "node:http";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { tooManyAttemptsMessage } from "../../app/domain/login-throttle.ts";
import { hashPassword } from "../../server/auth/passwords.ts";
import { currentCode } from "../../server/auth/totp.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";

// Password strength, changing the password, the TOTP second factor with recovery codes, and login
// throttling that slows guessers down without locking the owner out.

const PASSWORD = "ketenlijn-demo";
const STRONG = "zeven-blauwe-fietsen-zingen";
const MINUTE = 60_000;
const SECURITY = "/account/beveiliging";

let app: TestApp;
const clock = new TestClock(new Date("2026-05-04T09:00:00Z"));

beforeAll(async () => {
  app = await startTestApp({ clock, seed: false });
});
afterAll(async () => {
  await app?.stop();
});

async function newAccount(password = PASSWORD) {
  const email = `gebruiker-${randomUUID().slice(0, 8)}@example.nl`;
  await app.ctx.db.insert(schema.users).values({ email, name: "Gerda Gebruiker", passwordHash: await hashPassword(password) });
  return email;
}

const client = () => new HttpClient(app.url);

async function loggedIn(email: string, password = PASSWORD) {
  const c = client();
  await c.login(email, password);
  return c;
}

/** Whether this client's cookie still belongs to a live session. */
async function sessionWorks(c: HttpClient) {
  const res = await c.get(SECURITY);
  await res.text();
  return res.status === 200;
}

/** A login POST from another loopback address (the server sees a different client address). */
function loginFrom(localAddress: string, email: string, password: string): Promise<{ status: number; body: string; cookie: boolean }> {
  const url = new URL(app.url);
  const body = new URLSearchParams({ email, password }).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: "/login",
        method: "POST",
        localAddress,
        headers: { origin: app.url, "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, cookie: /kl_session=[^;]/.test(String(res.headers["set-cookie"] ?? "")) }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function decodeHtml(s: string) {
  return s.replaceAll("&amp;", "&").replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">");
}

describe("password strength where a password is chosen", () => {
  async function resetLink(email: string) {
    const res = await client().post("/wachtwoord-vergeten", { email });
    await res.text();
    const [mail] = await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, email)).orderBy(desc(schema.outbox.id)).limit(1);
    return /https?:\/\/[^\s/]+(\/wachtwoord-herstellen\/[A-Za-z0-9_-]+)/.exec(mail.text)![1];
  }

  it("reset: a short, a common and a personal password are refused with Dutch messages; a passphrase is accepted", async () => {
    clock.advance(61 * MINUTE); // reset requests from this address are limited per hour
    const email = await newAccount();
    const path = await resetLink(email);
    const post = (password: string) => client().post(path, { password, passwordRepeat: password });

    const short = await post("Kort#1abc");
    expect(short.status).toBe(400);
    expect(decodeHtml(await short.text())).toContain("Kies een wachtwoord van minstens 12 tekens.");

    const common = await post("wachtwoord123");
    expect(common.status).toBe(400);
    expect(decodeHtml(await common.text())).toContain("Dit wachtwoord is te makkelijk te raden.");

    const personal = await post(email.split("@")[0]);
    expect(personal.status).toBe(400);
    expect(decodeHtml(await personal.text())).toContain("Dit wachtwoord is te makkelijk te raden.");

    // None of the refusals used up the link or changed the password.
    expect((await client().post("/login", { email, password: PASSWORD })).status).toBe(302);
    const ok = await post(STRONG);
    expect(ok.status).toBe(302);
    expect((await client().post("/login", { email, password: STRONG })).status).toBe(302);
  });
});

describe("changing the password while logged in", () => {
  it("needs the right current password", async () => {
    const email = await newAccount();
    const c = await loggedIn(email);
    const res = await c.post(SECURITY, { intent: "password", currentPassword: "niet-mijn-wachtwoord", password: STRONG, passwordRepeat: STRONG });
    expect(res.status).toBe(403);
    expect(decodeHtml(await res.text())).toContain("Uw huidige wachtwoord klopt niet.");
    expect((await client().post("/login", { email, password: PASSWORD })).status).toBe(302); // unchanged
  });

  it("refuses a weak new password with a Dutch message", async () => {
    const c = await loggedIn(await newAccount());
    const res = await c.post(SECURITY, { intent: "password", currentPassword: PASSWORD, password: "password1234", passwordRepeat: "password1234" });
    expect(res.status).toBe(400);
    expect(decodeHtml(await res.text())).toContain("Dit wachtwoord is te makkelijk te raden.");
  });

  it("changes it: the new password works, the old one not, other devices are logged out and this one stays in", async () => {
    const email = await newAccount();
    const here = await loggedIn(email);
    const phone = await loggedIn(email);
    const res = await here.post(SECURITY, { intent: "password", currentPassword: PASSWORD, password: STRONG, passwordRepeat: STRONG });
    expect(res.status).toBe(200);
    expect(decodeHtml(await res.text())).toContain("Uw wachtwoord is gewijzigd.");
    expect(await sessionWorks(here)).toBe(true);
    expect(await sessionWorks(phone)).toBe(false);
    expect((await client().post("/login", { email, password: PASSWORD })).status).toBe(401);
    expect((await client().post("/login", { email, password: STRONG })).status).toBe(302);
    const audit = await app.ctx.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "password.changed"));
    expect(audit.length).toBeGreaterThan(0);
  });

  it("after 5 wrong current passwords in 15 minutes even the right one is refused for a while", async () => {
    const email = await newAccount();
    const c = await loggedIn(email);
    const change = (currentPassword: string) => c.post(SECURITY, { intent: "password", currentPassword, password: STRONG, passwordRepeat: STRONG });
    for (let i = 0; i < 5; i++) expect((await change("niet-mijn-wachtwoord")).status).toBe(403);
    const refused = await change(PASSWORD);
    expect(refused.status).toBe(429);
    expect(decodeHtml(await refused.text())).toContain("Te vaak een verkeerd huidig wachtwoord.");
    clock.advance(16 * MINUTE);
    expect((await change(PASSWORD)).status).toBe(200);
  });

  it("a post from another site is refused and changes nothing", async () => {
    const email = await newAccount();
    const c = await loggedIn(email);
    const res = await c.post(
      SECURITY,
      { intent: "password", currentPassword: PASSWORD, password: STRONG, passwordRepeat: STRONG },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    );
    expect(res.status).toBe(403);
    await res.text();
    expect((await client().post("/login", { email, password: PASSWORD })).status).toBe(302);
  });

  it("the page needs a login", async () => {
    const res = await client().get(SECURITY);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login?next=${encodeURIComponent(SECURITY)}`);
  });
});

describe("second factor (TOTP) with recovery codes", () => {
  const step = () => clock.advance(30_000); // the next 30-second code

  /** Turns TOTP on for a fresh account through the page; returns the secret and the recovery codes. */
  async function enrol(email: string) {
    const c = await loggedIn(email);
    const start = decodeHtml(await (await c.post(SECURITY, { intent: "totp-start" })).text());
    const secret = /class="totp-secret">([A-Z2-7 ]+)</.exec(start)?.[1].replaceAll(" ", "");
    expect(secret, "the secret is shown as text").toBeTruthy();
    expect(start).toContain("<svg"); // and as a QR code

    const wrong = await c.post(SECURITY, { intent: "totp-confirm", code: "000000" === currentCode(secret!, clock.now()) ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    expect(decodeHtml(await wrong.text())).toContain("Deze code klopt niet.");
    const [before] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, email));
    expect(before.totpEnabledAt).toBeNull(); // not on before a right code

    const ok = await c.post(SECURITY, { intent: "totp-confirm", code: currentCode(secret!, clock.now()) });
    expect(ok.status).toBe(200);
    const html = decodeHtml(await ok.text());
    const codes = [...html.matchAll(/<li><code>([a-z0-9-]{19})<\/code><\/li>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    // Stored hashed, never in the clear.
    const stored = await app.ctx.db.select().from(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, before.id));
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(codes.map((x) => x.replaceAll("-", ""))).not.toContain(row.codeHash);
    return { secret: secret!, codes, c };
  }

  /** Password step: answers with the code form and a challenge, without a session. */
  async function passwordStep(email: string) {
    const c = client();
    const res = await c.post("/login", { email, password: PASSWORD, next: "/account/beveiliging" });
    expect(res.status).toBe(200);
    expect(c.cookie).toBeNull();
    const html = await res.text();
    expect(html).toContain("Code of herstelcode");
    const challenge = /name="challenge" value="([^"]+)"/.exec(html)![1];
    return { c, submit: (code: string) => c.post("/login", { intent: "code", challenge, code, next: "/account/beveiliging" }) };
  }

  it("enrol, then log in with password and code; a wrong code and a replayed code are refused", async () => {
    const email = await newAccount();
    const { secret } = await enrol(email);
    step();
    const { c, submit } = await passwordStep(email);
    const code = currentCode(secret, clock.now());
    const wrong = await submit(code === "123456" ? "654321" : "123456");
    expect(wrong.status).toBe(401);
    expect(decodeHtml(await wrong.text())).toContain("Deze code klopt niet.");
    expect(c.cookie).toBeNull();

    const ok = await submit(code);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/account/beveiliging");
    expect(await sessionWorks(c)).toBe(true);

    // The same code again, within its 30 seconds, in a new login: refused.
    const again = await passwordStep(email);
    const replay = await again.submit(code);
    expect(replay.status).toBe(401);
    expect(again.c.cookie).toBeNull();
  });

  it("a recovery code logs in once; the second use is refused", async () => {
    const email = await newAccount();
    const { codes } = await enrol(email);
    const first = await passwordStep(email);
    expect((await first.submit(codes[3].toUpperCase())).status).toBe(302);
    expect(await sessionWorks(first.c)).toBe(true);
    const second = await passwordStep(email);
    const res = await second.submit(codes[3]);
    expect(res.status).toBe(401);
    expect(second.c.cookie).toBeNull();
    // The page counts what is left.
    expect(decodeHtml(await (await first.c.get(SECURITY)).text())).toContain("nog 9 ongebruikte herstelcodes");
  });

  it("one recovery code sent in two logins at once lets in at most one", async () => {
    clock.advance(25 * 60 * MINUTE);
    const email = await newAccount();
    const { codes } = await enrol(email);
    const a = await passwordStep(email);
    const b = await passwordStep(email);
    const results = await Promise.all([a.submit(codes[0]), b.submit(codes[0])]);
    await Promise.all(results.map((r) => r.text()));
    expect(results.map((r) => r.status).sort()).toEqual([302, 401]);
  });

  it("the password alone gives no session, and a challenge dies after 5 wrong codes", async () => {
    clock.advance(25 * 60 * MINUTE); // earlier failures from this address are forgotten
    const email = await newAccount();
    const { secret } = await enrol(email);
    const { c, submit } = await passwordStep(email);
    expect(await sessionWorks(c)).toBe(false);
    const right = currentCode(secret, clock.now());
    const wrongCode = right === "000000" ? "999999" : "000000";
    for (let i = 0; i < 4; i++) expect((await submit(wrongCode)).status).toBe(401);
    const fifth = await submit(wrongCode);
    expect(decodeHtml(await fifth.text())).toContain("Log opnieuw in.");
    step();
    const late = await submit(currentCode(secret, clock.now()));
    expect(late.status).toBe(401);
    expect(decodeHtml(await late.text())).toContain("Log opnieuw in.");
  });

  it("turning it off needs the password; afterwards the password alone logs in", async () => {
    clock.advance(25 * 60 * MINUTE);
    const email = await newAccount();
    const { c } = await enrol(email);
    const wrong = await c.post(SECURITY, { intent: "totp-disable", currentPassword: "niet-mijn-wachtwoord" });
    expect(wrong.status).toBe(403);
    expect(decodeHtml(await wrong.text())).toContain("Uw wachtwoord klopt niet.");
    await passwordStep(email); // still on
    const off = await c.post(SECURITY, { intent: "totp-disable", currentPassword: PASSWORD });
    expect(off.status).toBe(200);
    expect(decodeHtml(await off.text())).toContain("Inloggen met een code staat uit.");
    expect((await client().post("/login", { email, password: PASSWORD })).status).toBe(302);
    const [user] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, email));
    expect(await app.ctx.db.select().from(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, user.id))).toHaveLength(0);
  });
});

describe("throttling instead of a lock-out", () => {
  beforeEach(() => clock.advance(25 * 60 * MINUTE));

  it("many wrong attempts from address A do not stop the right password from address B", async () => {
    const email = await newAccount();
    for (let i = 0; i < 8; i++) {
      const res = await loginFrom("127.0.0.2", email, "verkeerd-wachtwoord");
      if (res.status === 429) break; // A now has to wait
      expect(res.status).toBe(401);
    }
    const fromA = await loginFrom("127.0.0.2", email, PASSWORD);
    expect(fromA.status).toBe(429);
    expect(fromA.cookie).toBe(false);
    const fromB = await loginFrom("127.0.0.3", email, PASSWORD);
    expect(fromB.status).toBe(302);
    expect(fromB.cookie).toBe(true);
  });

  it("the waits grow: 2, 4, 8 seconds after the 5th, 6th, 7th failure, each named in Dutch", async () => {
    const email = await newAccount();
    const attempt = (password: string) => loginFrom("127.0.0.4", email, password);
    for (let i = 0; i < 5; i++) expect((await attempt("verkeerd-wachtwoord")).status).toBe(401);
    for (const wait of [2, 4, 8]) {
      const blocked = await attempt(PASSWORD);
      expect(blocked.status).toBe(429);
      expect(decodeHtml(blocked.body)).toContain(tooManyAttemptsMessage(wait));
      clock.advance(wait * 1000);
      expect((await attempt("verkeerd-wachtwoord")).status).toBe(401); // allowed again, and wrong again
    }
    const blocked = await attempt(PASSWORD);
    expect(decodeHtml(blocked.body)).toContain(tooManyAttemptsMessage(16));
    // Waiting attempts are not failures: they do not make the wait longer.
    clock.advance(15_000);
    expect(decodeHtml((await attempt(PASSWORD)).body)).toContain(tooManyAttemptsMessage(1));
    clock.advance(1_000);
    expect((await attempt(PASSWORD)).status).toBe(302);
    // The right password wiped the slate for this account and address.
    expect((await attempt("verkeerd-wachtwoord")).status).toBe(401);
    expect((await attempt(PASSWORD)).status).toBe(302);
  });
});
