// Going offline as the browser sees it (playwright's context.setOffline): the badge says so at
// once, a save says it is kept on this device, a reload without a connection opens the workspace
// from the service worker's copy, other pages show a plain Dutch offline page, a page that fails to
// load says "Geen verbinding" with a retry, and the chart that could not load comes back by itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginAs, seriousAxeViolations } from "./browser.ts";

const BEGELEIDER = "begeleider@demo.ketenlijn.nl";
const run = Math.random().toString(36).slice(2, 7);

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

async function newPage(opts: { serviceWorkers?: "allow" | "block" } = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    viewport: { width: 1280, height: 800 },
    serviceWorkers: opts.serviceWorkers ?? "allow",
  });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[pageerror] ${e.message}`));
  return page;
}

const timelineUrl = () => `${app.url}/onderzoeken/${app.demoInvestigationId}/tijdlijn?test=1`;
const badge = (page: Page) => page.locator(".ws-conn");
const editor = (page: Page) => page.locator(".ws-editor");
const row = (page: Page, text: string) => page.locator("tr.ws-row", { hasText: text });

async function openTimeline(page: Page) {
  await page.goto(timelineUrl());
  await page.locator(".workspace[data-ready]").waitFor();
  await badge(page).filter({ hasText: "Verbonden" }).waitFor();
}

async function addFact(page: Page, title: string) {
  await page.getByRole("button", { name: "Feit toevoegen" }).first().click();
  await editor(page).getByLabel("Titel (wat gebeurde er?)").fill(title);
  await editor(page).getByRole("textbox", { name: "Datum", exact: true }).fill("03-03-2021");
  await editor(page).getByRole("button", { name: "Feit toevoegen" }).click();
  await row(page, title).waitFor();
}

/** The service worker controls the page and holds its copy of this Tijdlijn page. */
async function offlineCopyReady(page: Page) {
  await page.waitForFunction(
    async (path) => {
      if (!navigator.serviceWorker.controller) return false;
      const cache = await caches.open("ketenlijn-pages-v1");
      return Boolean(await cache.match(path));
    },
    new URL(timelineUrl()).pathname,
    { polling: 200, timeout: 15_000 },
  );
}

describe("Tijdlijn offline", () => {
  it("the badge follows the browser's offline and online events within 2 s, and a save says it is kept on this device", async () => {
    const page = await newPage();
    await loginAs(page, app.url, BEGELEIDER);
    await openTimeline(page);
    await addFact(page, `Offline-feit ${run}`);

    await page.context().setOffline(true);
    await badge(page)
      .filter({ hasText: "Offline — uw wijzigingen worden op dit apparaat bewaard en verstuurd zodra er weer verbinding is" })
      .waitFor({ timeout: 2000 });
    expect(await badge(page).getAttribute("data-connection")).toBe("offline");

    const title = editor(page).getByLabel("Titel (wat gebeurde er?)");
    await title.fill(`Offline-feit ${run} (offline gewijzigd)`);
    await editor(page).getByRole("button", { name: "Opslaan" }).click();
    await editor(page).getByText("Op dit apparaat bewaard — wordt verstuurd zodra er weer verbinding is.").waitFor();
    expect(await editor(page).getByText("Opgeslagen.", { exact: true }).count()).toBe(0);

    await page.context().setOffline(false);
    await badge(page).filter({ hasText: "Verbonden" }).waitFor({ timeout: 10_000 });

    // The change reached the server: another browser sees it.
    const other = await newPage({ serviceWorkers: "block" });
    await loginAs(other, app.url, BEGELEIDER);
    await openTimeline(other);
    await row(other, `Offline-feit ${run} (offline gewijzigd)`).waitFor();
    await other.context().close();
    await page.context().close();
  });

  it("reloading offline opens the workspace from its offline copy; other pages show a Dutch offline page", async () => {
    const page = await newPage();
    await loginAs(page, app.url, BEGELEIDER);
    await openTimeline(page);
    await page.locator(".vis-timeline").waitFor(); // the chart's code is loaded (and kept) too
    await offlineCopyReady(page);
    await addFact(page, `Voor het herladen ${run}`);

    await page.context().setOffline(true);
    await page.reload();
    await page.locator(".workspace[data-ready]").waitFor();
    await badge(page).filter({ hasText: "Offline" }).waitFor();
    await row(page, `Voor het herladen ${run}`).waitFor();
    await page.locator(".vis-timeline").waitFor();

    // Still editable offline, and it arrives once back online.
    await addFact(page, `Offline na herladen ${run}`);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A page this browser never kept: the offline page, not the browser's error.
    await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/deelnemers`);
    await page.getByRole("heading", { name: "Geen verbinding" }).waitFor();
    await page.getByRole("button", { name: "Opnieuw proberen" }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Back online, the offline page reloads by itself into the real page.
    await page.context().setOffline(false);
    await page.getByRole("heading", { name: "Deelnemers", exact: true, level: 2 }).waitFor({ timeout: 10_000 });

    const other = await newPage({ serviceWorkers: "block" });
    await loginAs(other, app.url, BEGELEIDER);
    await page.goto(timelineUrl());
    await badge(page).filter({ hasText: "Verbonden" }).waitFor({ timeout: 10_000 });
    await openTimeline(other);
    await row(other, `Offline na herladen ${run}`).waitFor({ timeout: 10_000 });
    await other.context().close();
    await page.context().close();
  });

  it("a page that cannot load for lack of a connection says so in plain Dutch, and loads once back online", async () => {
    const page = await newPage({ serviceWorkers: "block" });
    await loginAs(page, app.url, BEGELEIDER);
    await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}`);
    await page.context().setOffline(true);
    await page.getByRole("link", { name: "Termijnen" }).first().click();
    await page.getByRole("heading", { name: "Geen verbinding" }).waitFor();
    expect(await page.getByText("Er ging iets mis aan onze kant").count()).toBe(0);
    await page.getByRole("button", { name: "Opnieuw proberen" }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().setOffline(false);
    await page.getByRole("heading", { name: "Geen verbinding" }).waitFor({ state: "detached", timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe(`/onderzoeken/${app.demoInvestigationId}/termijnen`);
    await page.context().close();
  });

  it("the chart that could not load offline says so, and loads by itself when the connection is back", async () => {
    const page = await newPage({ serviceWorkers: "block" });
    await loginAs(page, app.url, BEGELEIDER);
    // The chart's code is the last thing the page fetches: cut the network just for it.
    await page.route(/TimelineChart-[^/]*\.js$/, async (route) => {
      await page.context().setOffline(true);
      await route.abort("internetdisconnected");
    });
    await page.goto(timelineUrl());
    await page.locator(".workspace[data-ready]").waitFor();
    const failed = page.locator('[data-chart-failed="offline"]');
    await failed.waitFor();
    await failed.getByText("Geen verbinding: de grafische tijdlijn kon niet worden geladen").waitFor();
    await failed.getByRole("button", { name: "Opnieuw proberen" }).waitFor();
    expect(await page.getByText("Er ging iets mis aan onze kant").count()).toBe(0);

    await page.unroute(/TimelineChart-[^/]*\.js$/);
    await page.context().setOffline(false);
    await page.locator(".vis-timeline").waitFor({ timeout: 10_000 });
    expect(await failed.count()).toBe(0);
    await page.context().close();
  });
});
