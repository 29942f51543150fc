// Geschiedenis in the browser: the procesbegeleider records a version, the timeline changes
// (a title edited, a fact deleted), the version is restored on the LIVE document and seen back on
// the Tijdlijn page, and "Ongedaan maken" brings the change back. Both pages are axe clean.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginBySession, seriousAxeViolations } from "./browser.ts";

const BEGELEIDER = "begeleider@demo.ketenlijn.nl";
const TOEZICHT = "toezicht@demo.ketenlijn.nl";
const OLD_TITLE = "Politie bij woning na melding huiselijk geweld";
const DELETED_TITLE = "Zorgmelding politie ontvangen en opgepakt";
const NEW_TITLE = `Titel gewijzigd na de versie ${Math.random().toString(36).slice(2, 7)}`;

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
    const versionHref = await history.getByRole("link", { name: "Voor de wijziging" }).getAttribute("href");
    expect(versionHref).toMatch(/\/geschiedenis\/[0-9a-f-]{36}$/);

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
    const changeShown = newest.getByText(`Feit ‘${NEW_TITLE}’`);
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

    // "Ongedaan maken" brings the change back, for everyone.
    await history.getByRole("button", { name: "Ongedaan maken" }).click();
    await history.getByText("Terugzetten ongedaan gemaakt.").waitFor();
    await row(timeline, NEW_TITLE).waitFor();
    await expect.poll(() => row(timeline, DELETED_TITLE).count()).toBe(0);

    // Durable: a fresh load of the Tijdlijn page shows the undone state.
    await timeline.reload();
    await timeline.locator(".workspace[data-ready]").waitFor();
    await row(timeline, NEW_TITLE).waitFor();
  });

  it("the toezichthouder sees versions read-only: no form, no restore button", async () => {
    const context = await newContext();
    const page = await newPage(context);
    await loginBySession(page, app, TOEZICHT);
    await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/geschiedenis`);
    await page.getByRole("link", { name: "Voor de wijziging" }).click();
    await page.getByRole("heading", { name: "Versie ‘Voor de wijziging’" }).waitFor();
    await page.locator("td", { hasText: OLD_TITLE }).first().waitFor();
    expect(await page.getByRole("button", { name: "Deze versie terugzetten" }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
