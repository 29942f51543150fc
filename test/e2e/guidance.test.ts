// Each role lands on what is theirs (issue 11): a ketenpartner's first screen asks for their
// organisation's facts in their own lane, without the procesbegeleider's terms; the
// procesbegeleider's Overzicht lists what is still open. Both axe clean.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginAs, seriousAxeViolations } from "./browser.ts";

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

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam", viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[pageerror] ${e.message}`));
  return page;
}

describe("Overzicht: each role lands on what is theirs", () => {
  it("a ketenpartner sees 'Voeg de feiten van uw organisatie toe' with their lane, not the terms", async () => {
    const page = await newPage();
    await loginAs(page, app.url, "partner.a@demo.ketenlijn.nl");
    await page.getByRole("link", { name: "Overlijden moeder, gezin Noord (demo)" }).click();
    const start = page.getByRole("region", { name: "Voeg de feiten van uw organisatie toe" });
    await start.waitFor();
    expect(await start.textContent()).toMatch(/uw organisatie \(Wijkteam Noord\) in de baan ‘Wijkteam Noord’ \(\d+ feiten\)/);
    expect(await page.getByRole("heading", { name: "Eerstvolgende termijnen" }).count()).toBe(0);
    expect(await page.getByText(/termijnen? (zijn|is) verstreken/).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Wat staat er nog open" }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await start.getByRole("link", { name: "Naar de tijdlijn" }).click();
    await page.waitForURL(/\/tijdlijn$/);
    await page.locator(".workspace[data-ready]").waitFor();
  });

  it("the procesbegeleider sees a list of what is still open, each linking to where it is done", async () => {
    const page = await newPage();
    await loginAs(page, app.url, "begeleider@demo.ketenlijn.nl");
    await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}`);
    const open = page.getByRole("region", { name: "Wat staat er nog open" });
    await open.waitFor();
    const checklist = open.getByRole("link", { name: /^Rapport: \d+ onderde(el|len) van de checklist/ });
    expect(await checklist.count()).toBe(1);
    await page.getByRole("heading", { name: "Eerstvolgende termijnen" }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await checklist.click();
    await page.waitForURL(/\/rapport$/);
  });
});
