import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { sql } from "drizzle-orm";
import { chromium, type Browser, type Page } from "playwright-core";
import { schema } from "../../db/client.ts";
import { SESSION_COOKIE, startSession } from "../../server/auth/sessions.ts";
import type { AppContext } from "../../server/context.ts";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Debian's Chromium, headless, without the background traffic this closed network refuses. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.1 A/AA) on the page; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Injected through evaluate: the page's CSP allows only nonce'd scripts, evaluate is not subject to it.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations.map((v: AxeViolation) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return (result as AxeViolation[]).filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Logs in through the login form, for tests of logging in (and of a server without a ctx here). */
export async function loginAs(page: Page, baseUrl: string, email: string, password = "ketenlijn-demo") {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.click('button[type="submit"]')]);
}

/**
 * The session fixture, where logging in is not under test: a session started in the database and
 * its cookie set in the page's browser context, then the start page, where the login form would
 * have gone. Saves the form round trip and the password hash.
 */
export async function loginBySession(page: Page, app: { url: string; ctx: AppContext }, email: string) {
  const [user] = await app.ctx.db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(sql`lower(${schema.users.email}) = ${email.toLowerCase()}`);
  if (!user) throw new Error(`loginBySession: no user ${email}`);
  const token = await startSession(app.ctx, user.id);
  await page.context().addCookies([{ name: SESSION_COOKIE, value: token, url: app.url, httpOnly: true, sameSite: "Lax" }]);
  await page.goto(`${app.url}/`);
}

/**
 * A marker instead of a fixed sleep before asserting that something did not happen: `from` sets a
 * presence field, and this waits until `to` has received it. `from` is the page that sent the
 * forged change (its next message on the same socket), or, when the server closed that socket on
 * refusing it, any other page once the refusal was shown. Either way the marker reaches `to` after
 * anything the change could have caused there. Both pages need the collab test hook (`?test=1`).
 */
export async function sendCollabMarker(from: Page, to: Page, timeoutMs = 10_000): Promise<void> {
  const marker = `marker-${Math.random().toString(36).slice(2, 10)}`;
  await from.evaluate((m) => window.__ketenlijn!.provider.awareness.setLocalStateField("testMarker", m), marker);
  await to.waitForFunction(
    (m) => [...(window.__ketenlijn?.provider.awareness.getStates().values() ?? [])].some((s) => (s as { testMarker?: string }).testMarker === m),
    marker,
    { timeout: timeoutMs },
  );
}
