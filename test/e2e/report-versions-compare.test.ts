// Comparing versions in the browser (issue 15): the toezichthouder opens the comparison from the
// versions list and sees per checklist item what changed, and that version 2 answers their
// request; the procesbegeleider uses the compare form; a ketenpartner reads the versions list with
// the ketenpartners' download. Axe stays clean on each page.
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { schema } from "../../db/client.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginAs, seriousAxeViolations } from "./browser.ts";

const SHOTS = path.resolve(import.meta.dirname, "../../tmp");
let app: TestApp;
let browser: Browser;
let versies: string;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  const id = app.demoInvestigationId;
  versies = `/onderzoeken/${id}/rapport/versies`;
  const lead = new HttpClient(app.url);
  await lead.login("begeleider@demo.ketenlijn.nl");
  const toezicht = new HttpClient(app.url);
  await toezicht.login("toezicht@demo.ketenlijn.nl");
  expect((await lead.post(versies, { intent: "submit", status: "concept", note: "" })).status).toBe(302);
  const [v1] = await app.ctx.db.select().from(schema.reportVersions).where(eq(schema.reportVersions.investigationId, id));
  expect((await toezicht.post(versies, { intent: "request", versionId: v1.id, text: "Vul de commissie aan met een extern lid." })).status).toBe(302);
  const added = await lead.post(`/onderzoeken/${id}/rapport/commissie`, {
    intent: "add",
    name: "Els Extern",
    function: "Extern adviseur jeugdhulp",
    organisation: "Bureau Onafhankelijk",
    background: "Orthopedagoog",
    involvement: "Niet betrokken bij de zorg",
    independence: "extern",
  });
  expect(added.status).toBe(302);
  const [request] = await app.ctx.db.select().from(schema.reportRequests).where(eq(schema.reportRequests.investigationId, id));
  expect((await lead.post(versies, { intent: "submit", status: "concept", note: "Aangevuld", answersRequestId: String(request.id) })).status).toBe(302);
  const [, v2] = await app.ctx.db.select().from(schema.reportVersions).where(eq(schema.reportVersions.investigationId, id)).orderBy(schema.reportVersions.number);
  const assessed = await toezicht.post(versies, {
    intent: "assess",
    versionId: v2.id,
    onderzoeksopzet: "voldoende",
    navolgbaarheid: "voldoende",
    verbetermaatregelen: "voldoende",
    verslag: VERSLAG,
  });
  expect(assessed.status).toBe(302);
});
const VERSLAG = "De commissie is nu onafhankelijk samengesteld; het rapport is voldoende.";
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function newPage(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam", viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[${email}] pageerror: ${e.message}`));
  await loginAs(page, app.url, email);
  return page;
}

async function expectAxeClean(page: Page, where: string) {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe("comparing submitted versions", () => {
  it("the toezichthouder opens the comparison from the list: what changed per item, and the request version 2 answers", async () => {
    const page = await newPage("toezicht@demo.ketenlijn.nl");
    await page.goto(`${app.url}${versies}`);
    await page.getByRole("heading", { name: "Rapportversies", level: 2 }).waitFor();
    await expect.poll(() => page.locator("tr[data-version='2']").textContent()).toContain("Antwoord op het verzoek om aanvulling van");
    expect(await page.locator("[data-answered-by='2']").count()).toBe(1);
    await expectAxeClean(page, "versions page (toezichthouder)");

    await page.getByRole("link", { name: "Vergelijken met versie 1" }).click();
    await page.getByRole("heading", { name: "Versie 1 en versie 2 vergelijken", level: 2 }).waitFor();
    await page.getByRole("heading", { name: "Versie 2 beantwoordt het verzoek om aanvulling" }).waitFor();
    await page.getByText("Vul de commissie aan met een extern lid.").waitFor();
    const c1 = page.locator("li[data-item='1c']");
    expect(await c1.getAttribute("data-changed")).toBe("true");
    expect(await c1.locator("table[data-change='added']").textContent()).toContain("Extern adviseur jeugdhulp");
    // Only changed items by default; the checkbox shows the others too.
    const shown = await page.locator("li[data-item]").count();
    expect(await page.locator("li[data-item][data-changed='false']").count()).toBe(0);
    await page.getByLabel("Ook de ongewijzigde onderdelen tonen").check();
    await expect.poll(() => page.locator("li[data-item]").count()).toBe(28);
    expect(shown).toBeLessThan(28);
    await page.screenshot({ path: path.join(SHOTS, "report-versions-compare.png"), fullPage: true });
    await expectAxeClean(page, "comparison");
    await page.context().close();
  });

  it("the procesbegeleider picks two versions in the compare form", async () => {
    const page = await newPage("begeleider@demo.ketenlijn.nl");
    await page.goto(`${app.url}${versies}`);
    await page.getByLabel("Van versie", { exact: true }).selectOption({ label: (await page.getByLabel("Van versie", { exact: true }).locator("option").nth(0).textContent())! });
    await page.getByLabel("Naar versie", { exact: true }).selectOption({ index: 1 });
    await Promise.all([page.waitForURL(/\/vergelijk\?van=.+&naar=.+/), page.getByRole("button", { name: "Vergelijken" }).click()]);
    // Chosen as 2 → 1: the page compares from the earlier to the later one.
    await page.getByRole("heading", { name: "Versie 1 en versie 2 vergelijken", level: 2 }).waitFor();
    await page.context().close();
  });

  it("the procesbegeleider shares the assessment with the ketenpartners, who then read it", async () => {
    const partner = await newPage("partner.a@demo.ketenlijn.nl");
    await partner.goto(`${app.url}${versies}`);
    await partner.getByText("nog geen beoordeling van de toezichthouder met u gedeeld").waitFor();
    expect(await partner.getByText(VERSLAG).count()).toBe(0);

    const lead = await newPage("begeleider@demo.ketenlijn.nl");
    await lead.goto(`${app.url}${versies}`);
    await lead.getByText("De ketenpartners zien deze beoordeling nog niet.").waitFor();
    await expectAxeClean(lead, "versions page (procesbegeleider)");
    await lead.getByRole("button", { name: "Delen met ketenpartners" }).click();
    await lead.getByText("De beoordeling is gedeeld met de ketenpartners.").waitFor();
    await lead.getByText(/Gedeeld met de ketenpartners op /).waitFor();
    expect(await lead.getByRole("button", { name: "Delen met ketenpartners" }).count()).toBe(0);

    await partner.reload();
    await partner.getByText(VERSLAG).waitFor();
    await partner.getByText(/Gedeeld met de ketenpartners op /).waitFor();
    await expectAxeClean(partner, "versions page (ketenpartner, shared assessment)");
    await lead.context().close();
    await partner.context().close();
  });

  it("a ketenpartner reads the versions list with the ketenpartners' download, without the requests", async () => {
    const page = await newPage("partner.a@demo.ketenlijn.nl");
    await page.goto(`${app.url}${versies}`);
    await page.getByRole("heading", { name: "Rapportversies", level: 2 }).waitFor();
    const download = page.getByRole("link", { name: "Versie 2 downloaden" });
    expect(await download.getAttribute("href")).toMatch(/\/ketenpartners\.docx$/);
    expect(await page.getByRole("heading", { name: "Verzoeken om aanvulling" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: /Vergelijken/ }).count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, "report-versions-ketenpartner.png"), fullPage: true });
    await expectAxeClean(page, "versions page (ketenpartner)");
    await page.context().close();
  });
});
