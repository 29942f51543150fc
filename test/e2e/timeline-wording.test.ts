// Small things on the Tijdlijn page (issue 11): someone who may only read a fact shows as
// "bekijkt dit" (not "bewerkt dit") to the others, over the real websocket; a skip link takes the
// keyboard straight to the table's first row.
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

async function openTimeline(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam", viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[pageerror] ${e.message}`));
  await loginAs(page, app.url, email);
  await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/tijdlijn`);
  await page.locator(".workspace[data-ready]").waitFor();
  return page;
}

describe("Tijdlijn: presence and keyboard", () => {
  it("a ketenpartner reading another organisation's fact shows as 'bekijkt dit'", async () => {
    const lead = await openTimeline("begeleider@demo.ketenlijn.nl");
    const partnerB = await openTimeline("partner.b@demo.ketenlijn.nl"); // De Brug: reads the Wijkteam's facts
    const title = (await partnerB.locator("tr.ws-row", { hasText: "Wijkteam Noord" }).first().locator(".ws-title").textContent())!;
    await partnerB.locator("tr.ws-row", { hasText: title }).first().click();
    const leadRow = lead.locator("tr.ws-row", { hasText: title }).first();
    await leadRow.locator(".ws-chip--viewing", { hasText: "bekijkt dit" }).waitFor();
    expect(await leadRow.getByText("bewerkt dit").count()).toBe(0);
    expect(await seriousAxeViolations(lead)).toEqual([]);

    // The lead, who may edit it, opens the same fact: to partner B they are editing it.
    await leadRow.click();
    const partnerRow = partnerB.locator("tr.ws-row", { hasText: title }).first();
    await partnerRow.getByText("bewerkt dit").waitFor();
    expect(await partnerRow.locator(".ws-chip--viewing").count()).toBe(0);
  });

  it("the skip link moves the focus to the table's first row", async () => {
    const page = await openTimeline("begeleider@demo.ketenlijn.nl");
    const skip = page.getByRole("link", { name: "Naar de tabel met feiten" });
    await skip.focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.evaluate(() => !!document.activeElement?.closest("#ws-feiten tbody") && document.activeElement?.tagName === "TR"))
      .toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
