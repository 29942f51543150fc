// Geschiedenis in the browser: the procesbegeleider records a version, the timeline changes
// (a title edited, a fact deleted), the version is restored on the LIVE document and seen back on
// the Tijdlijn page, and "Ongedaan maken" brings the change back. Both pages are axe clean.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginBySession, seriousAxeViolations } from "./browser.ts";

const BEGELEIDER = "begeleider@demo.ketenlijn.nl";
const PARTNER = "partner.a@demo.ketenlijn.nl"; // Wijkteam Noord
const TOEZICHT = "toezicht@demo.ketenlijn.nl";
const OLD_TITLE = "Politie bij woning na melding huiselijk geweld";
const DELETED_TITLE = "Zorgmelding politie ontvangen en opgepakt";
const NEW_TITLE = `Titel gewijzigd na de versie ${Math.random().toString(36).slice(2, 7)}`;
const PARTNER_TITLE = `Door het wijkteam gewijzigd ${Math.random().toString(36).slice(2, 7)}`;

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await app?.stop();
});

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam", viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  return context;
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[pageerror] ${e.message}`));
  return page;
}

const row = (page: Page, text: string) => page.locator("tr.ws-row", { hasText: text });

describe("Geschiedenis: versie vastleggen, terugzetten en ongedaan maken", () => {
  it("restores a version on the live document and undoes it", async () => {
    const context = await newContext();
    const history = await newPage(context);
    await loginBySession(history, app, BEGELEIDER);
    const base = `${app.url}/onderzoeken/${app.demoInvestigationId}`;

    // The tab link and the page.
    await history.goto(base);
    await history.getByRole("navigation", { name: "Onderdelen van het onderzoek" }).getByRole("link", { name: "Geschiedenis" }).click();
    await history.getByRole("heading", { name: "Wie wijzigde wat" }).waitFor();
    expect(await history.getByText("Petra de Vries").count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(history)).toEqual([]);

    // An empty name is refused in Dutch, with the field marked.
    await history.getByRole("button", { name: "Versie vastleggen" }).click();
    await history.getByText("Geef de versie een naam.").waitFor();
    expect(await history.getByLabel("Naam van de versie").getAttribute("aria-invalid")).toBe("true");
    expect(await seriousAxeViolations(history)).toEqual([]);

    await history.getByLabel("Naam van de versie").fill("Voor de wijziging");
    await history.getByRole("button", { name: "Versie vastleggen" }).click();
    await history.getByText("Versie ‘Voor de wijziging’ is vastgelegd.").waitFor();
    const versionHref = await history.getByRole("link", { name: "Voor de wijziging", exact: true }).getAttribute("href");
    expect(versionHref).toMatch(/\/geschiedenis\/[0-9a-f-]{36}$/);

    // A ketenpartner changes a fact on their own lane after the version.
    const partner = await newPage(await newContext());
    await loginBySession(partner, app, PARTNER);
    await partner.goto(`${base}/tijdlijn?test=1`);
    await partner.locator(".workspace[data-ready]").waitFor();
    await partner.evaluate((title) => {
      const hook = window.__ketenlijn!;
      const parties = hook.doc.getMap("parties") as unknown as Map<string, { get(k: string): unknown }>;
      const lane = [...parties.entries()].find(([, p]) => p.get("name") === "Wijkteam Noord")![0];
      const events = hook.doc.getMap("events") as unknown as Map<string, { get(k: string): unknown; set(k: string, v: unknown): void }>;
      const own = [...events.values()].find((e) => e.get("party") === lane)!;
      hook.doc.transact(() => own.set("title", title), hook.origin);
    }, PARTNER_TITLE);
    await row(partner, PARTNER_TITLE).waitFor();

    // Change the timeline after the version: edit one title, delete another fact.
    const timeline = await newPage(context);
    await timeline.goto(`${base}/tijdlijn?test=1`);
    await timeline.locator(".workspace[data-ready]").waitFor();
    await row(timeline, OLD_TITLE).first().waitFor();
    await timeline.evaluate(
      ({ oldTitle, newTitle, deletedTitle }) => {
        const hook = window.__ketenlijn!;
        const events = hook.doc.getMap("events");
        hook.doc.transact(() => {
          for (const [id, e] of [...events.entries()] as [string, { get(k: string): unknown; set(k: string, v: unknown): void }][]) {
            if (e.get("title") === oldTitle) e.set("title", newTitle);
            else if (e.get("title") === deletedTitle) events.delete(id);
          }
        }, hook.origin);
      },
      { oldTitle: OLD_TITLE, newTitle: NEW_TITLE, deletedTitle: DELETED_TITLE },
    );
    await row(timeline, NEW_TITLE).waitFor();
    expect(await row(timeline, DELETED_TITLE).count()).toBe(0);

    // The change shows up in the history with the current title (its summary is written shortly
    // after the edit, with the projection: reload until it is there).
    const newest = history.getByRole("table", { name: /^Wijzigingen/ }).locator("tbody tr").first();
    const changeShown = newest.getByText(`Feit ‘${NEW_TITLE}’ gewijzigd: titel ‘${OLD_TITLE}’ → ‘${NEW_TITLE}’`);
    await expect
      .poll(async () => {
        await history.reload();
        return changeShown.isVisible();
      }, { timeout: 10_000 })
      .toBe(true);

    // The version page: the old timeline, read-only; restore with a confirmation.
    await history.goto(app.url + versionHref!);
    await history.getByRole("heading", { name: "Versie ‘Voor de wijziging’" }).waitFor();
    await history.locator("td", { hasText: OLD_TITLE }).first().waitFor();
    expect(await history.locator("td", { hasText: NEW_TITLE }).count()).toBe(0);
    // Compared with now: what changed and what was removed since.
    const compare = history.getByRole("region", { name: "Verschil met nu" });
    await compare.getByText(`Feit ‘${NEW_TITLE}’: titel`).waitFor();
    await compare.getByText(`Feit ‘${DELETED_TITLE}’`).waitFor();
    const restore = history.getByRole("button", { name: "Deze versie terugzetten" });
    await expect.poll(() => restore.isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(await seriousAxeViolations(history)).toEqual([]);
    await restore.click();
    await history.getByText("Weet u zeker dat u versie ‘Voor de wijziging’ wilt terugzetten?").waitFor();
    expect(await seriousAxeViolations(history)).toEqual([]);
    await history.getByRole("button", { name: "Ja, terugzetten" }).click();
    await history.getByText("Versie teruggezet").waitFor();
    expect(await seriousAxeViolations(history)).toEqual([]);

    // The Tijdlijn page (live) shows the old title and the deleted fact again.
    await row(timeline, OLD_TITLE).first().waitFor();
    await row(timeline, DELETED_TITLE).first().waitFor();
    expect(await row(timeline, NEW_TITLE).count()).toBe(0);

    // The ketenpartner, whose edit was overwritten, is told so in their workspace.
    await row(partner, PARTNER_TITLE).waitFor({ state: "detached" });
    const notice = partner.locator(".ws-restore-notice");
    await notice.getByText("Uw wijzigingen zijn overschreven.").waitFor();
    await notice.getByText("Petra de Vries zette op", { exact: false }).waitFor();
    expect(await notice.getByRole("link", { name: "Vóór terugzetten van ‘Voor de wijziging’" }).count()).toBe(1);
    expect(await seriousAxeViolations(partner)).toEqual([]);
    // The begeleider who restored sees no such notice.
    expect(await timeline.locator(".ws-restore-notice").count()).toBe(0);

    // Later (a fresh load of the version's page), the restore can still be undone, for everyone.
    await history.reload();
    const undoLater = history.getByRole("button", { name: /^Terugzetten van .* ongedaan maken$/ });
    await expect.poll(() => undoLater.isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(await seriousAxeViolations(history)).toEqual([]);
    await undoLater.click();
    await history.getByText("Terugzetten ongedaan gemaakt.").waitFor();
    await row(partner, PARTNER_TITLE).waitFor();
    await notice.waitFor({ state: "detached" });
    await row(timeline, NEW_TITLE).waitFor();
    await expect.poll(() => row(timeline, DELETED_TITLE).count()).toBe(0);

    // Durable: a fresh load of the Tijdlijn page shows the undone state.
    await timeline.reload();
    await timeline.locator(".workspace[data-ready]").waitFor();
    await row(timeline, NEW_TITLE).waitFor();

    // The Logboek has the version, its restore and the undo, with who.
    await history.goto(`${base}/logboek`);
    const log = history.getByRole("region", { name: "Logboek" });
    await log.getByText("Versie vastgelegd").first().waitFor();
    await log.getByText("Versie teruggezet").first().waitFor();
    await log.getByText("Terugzetten van een versie ongedaan gemaakt").first().waitFor();
    expect(await log.locator("tr", { hasText: "Versie teruggezet" }).first().textContent()).toContain("Petra de Vries");
    // …and the Geschiedenis names the restore and its undo.
    await history.goto(`${base}/geschiedenis`);
    await expect
      .poll(async () => {
        await history.reload();
        return history.getByRole("table", { name: /^Wijzigingen/ }).textContent();
      }, { timeout: 10_000 })
      .toContain("Terugzetten van versie ‘Voor de wijziging’ ongedaan gemaakt");
    expect(await history.getByRole("table", { name: /^Wijzigingen/ }).textContent()).toContain("Versie ‘Voor de wijziging’ teruggezet");
  });

  it("the toezichthouder sees versions read-only: no form, no restore button", async () => {
    const context = await newContext();
    const page = await newPage(context);
    await loginBySession(page, app, TOEZICHT);
    await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/geschiedenis`);
    await page.getByRole("link", { name: "Voor de wijziging", exact: true }).click();
    await page.getByRole("heading", { name: "Versie ‘Voor de wijziging’" }).waitFor();
    await page.locator("td", { hasText: OLD_TITLE }).first().waitFor();
    expect(await page.getByRole("button", { name: "Deze versie terugzetten" }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
