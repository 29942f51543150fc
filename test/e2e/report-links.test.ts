// Checklist help (issue 15): every "fill in" link of the report's checklist lands on its target,
// also when that target only renders after the page has synced (the analysis and the timeline):
// after the click the element named after # is in the viewport and has focus. 5a names the facts
// that are not confirmed or are disputed, and its link opens the timeline table filtered on them.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginAs, seriousAxeViolations } from "./browser.ts";

const SHOTS = path.resolve(import.meta.dirname, "../../tmp");
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function newPage(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam", viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[${email}] pageerror: ${e.message}`));
  await loginAs(page, app.url, email);
  return page;
}

async function openReport(page: Page) {
  await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/rapport`);
  await page.getByRole("heading", { name: "Rapport", level: 2, exact: true }).waitFor();
}

/** Whether the element is on screen (its top inside the viewport) and has focus. */
function landed(page: Page, id: string) {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    if (!el) return "ontbreekt";
    const r = el.getBoundingClientRect();
    if (r.top < -2 || r.top >= window.innerHeight) return `buiten beeld (top ${r.top})`;
    return document.activeElement === el ? "ok" : `geen focus (${document.activeElement?.tagName}#${document.activeElement?.id})`;
  }, id);
}

describe("report checklist: fill-in links", () => {
  it("every link lands on its target: in view and focused, once the target page has rendered", async () => {
    const page = await newPage("begeleider@demo.ketenlijn.nl");
    await openReport(page);
    const hrefs = await page.locator("a.report-item__link").evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute("href")!))]);
    // The links of the Bijlage 1 checklist: client, dates, committee, timeline, interviews, method, analysis, measures, conclusions.
    expect(hrefs.length).toBeGreaterThanOrEqual(9);
    expect(hrefs).toContain(`/onderzoeken/${app.demoInvestigationId}/analyse#analyse-maatregelen`);
    for (const href of hrefs) {
      const id = decodeURIComponent(href.split("#")[1] ?? "");
      expect(id, `${href} names no target`).not.toBe("");
      await openReport(page);
      await Promise.all([page.waitForURL((u) => `${u.pathname}${u.search}${u.hash}` === href), page.locator(`a.report-item__link[href="${href}"]`).first().click()]);
      await expect.poll(() => landed(page, id), { timeout: 20_000, message: href }).toBe("ok");
      // The measures are far down the analysis page: landing there really scrolled.
      if (id === "analyse-maatregelen") expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(400);
    }
    await page.context().close();
  });

  it("5a names the unconfirmed and disputed facts and opens the timeline table filtered on them", async () => {
    const page = await newPage("begeleider@demo.ketenlijn.nl");
    await openReport(page);
    const item = page.locator("li#onderdeel-5a");
    await expect.poll(() => item.textContent()).toMatch(/nog niet bevestigd door de organisatie: ‘[^’]+’/);
    const link = item.getByRole("link", { name: /niet bevestigde of betwiste feiten tonen$|niet bevestigde of betwiste feit tonen$/ });
    const label = (await link.textContent())!;
    const n = /De (\d+) /.exec(label)?.[1] ?? "1";
    await Promise.all([page.waitForURL(/\/tijdlijn\?status=niet-bevestigd#ws-h-list$/), link.click()]);
    await expect.poll(() => landed(page, "ws-h-list"), { timeout: 20_000 }).toBe("ok");
    const select = page.getByLabel("Status", { exact: true });
    expect(await select.inputValue()).toBe("niet-bevestigd");
    await expect.poll(() => page.locator(".ws-filters__summary output").textContent()).toMatch(new RegExp(`^${n} van \\d+ feiten$`));
    // Every row shown is concept or betwist.
    const statuses = await page.locator(".ws-table tbody .ws-col-status .ws-status").allTextContents();
    expect(statuses.length).toBe(Number(n));
    for (const s of statuses) expect(["Concept", "Betwist"]).toContain(s);
    // Only the disputed ones.
    await select.selectOption("betwist");
    await expect.poll(async () => (await page.locator(".ws-table tbody .ws-col-status .ws-status").allTextContents()).every((s) => s === "Betwist")).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "timeline-status-filter.png") });
    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await page.context().close();
  });
});
