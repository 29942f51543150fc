// Issue 11 in the browser: the procesbegeleider renames a lane and gives it another domain, moves
// it, removes a lane whose facts move to another lane, and changes a period; a second browser sees
// it live. The forms are keyboard-usable and axe clean.
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

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam", viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[pageerror] ${e.message}`));
  await loginAs(page, app.url, BEGELEIDER);
  await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/tijdlijn`);
  await page.locator(".workspace[data-ready]").waitFor();
  return page;
}

async function openStructure(page: Page) {
  const panel = page.locator("details.ws-structure");
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator("summary").click();
  return panel;
}

async function addLane(page: Page, name: string, domain: string) {
  const panel = await openStructure(page);
  await page.getByLabel("Naam organisatie").fill(name);
  await page.getByLabel("Domein", { exact: true }).fill(domain);
  await page.getByRole("button", { name: "Partij toevoegen" }).click();
  await panel.getByRole("cell", { name, exact: true }).waitFor();
}

const laneRow = (page: Page, name: string) => page.locator("details.ws-structure table tr", { has: page.getByRole("cell", { name, exact: true }) });

describe("Tijdlijn: lanes and periods can be changed", () => {
  it("rename, other domain, reorder, remove with facts moved, change a period; the other browser follows", async () => {
    const lead = await newPage();
    const other = await newPage();
    const a = `Huisarts ${run}`;
    const b = `GGZ ${run}`;
    const domain = `Zorgdomein ${run}`;
    await addLane(lead, a, domain);
    await addLane(lead, b, domain);

    // A fact on lane a.
    await lead.getByRole("button", { name: "Feit toevoegen" }).first().click();
    const editor = lead.locator(".ws-editor");
    await editor.getByLabel("Titel (wat gebeurde er?)").fill(`Consult ${run}`);
    await editor.getByLabel("Organisatie (partij)").selectOption({ label: a });
    await editor.getByRole("textbox", { name: "Datum", exact: true }).fill("03-03-2020");
    await editor.getByRole("button", { name: "Feit toevoegen" }).click();
    await lead.locator("tr.ws-row", { hasText: `Consult ${run}` }).waitFor();
    await editor.getByRole("button", { name: "Sluiten" }).click();

    // Rename b and give it another domain.
    await openStructure(lead);
    await lead.getByRole("button", { name: `Wijzigen partij ${b}` }).click();
    await lead.getByLabel("Nieuwe naam").fill("");
    await lead.getByRole("button", { name: "Partij opslaan" }).click();
    await lead.getByText("Vul de naam van de organisatie in.").waitFor();
    expect(await seriousAxeViolations(lead)).toEqual([]);
    await lead.getByLabel("Nieuwe naam").fill(`${b} Noord`);
    await lead.getByLabel("Nieuw domein").fill(`Ander domein ${run}`);
    await lead.getByRole("button", { name: "Partij opslaan" }).click();
    await laneRow(lead, `${b} Noord`).getByRole("cell", { name: `Ander domein ${run}` }).waitFor();
    await (await openStructure(other)).getByRole("cell", { name: `${b} Noord`, exact: true }).waitFor();

    // Reorder: a second lane in a's domain, moved above a.
    const c = `Apotheek ${run}`;
    await addLane(lead, c, domain);
    const orderIn = (page: Page) =>
      page.locator("details.ws-structure table tbody tr td:first-child").evaluateAll((cells, names) => cells.map((td) => td.textContent).filter((t) => names.includes(t!)), [a, c]);
    expect(await orderIn(lead)).toEqual([a, c]);
    await lead.getByRole("button", { name: `Omhoog ${c}` }).click();
    await expect.poll(() => orderIn(lead)).toEqual([c, a]);
    await expect.poll(() => orderIn(other)).toEqual([c, a]);

    // Remove a: its fact must go somewhere.
    await lead.getByRole("button", { name: `Verwijderen partij ${a}` }).click();
    await lead.getByRole("button", { name: "Partij verwijderen" }).click();
    await lead.getByRole("alert").getByText("Kies de partij die de feiten overneemt.").waitFor();
    expect(await seriousAxeViolations(lead)).toEqual([]);
    await lead.getByLabel(/Op deze baan staan 1 feit\. Verplaatsen naar/).selectOption({ label: c });
    await lead.getByRole("button", { name: "Partij verwijderen" }).click();
    await lead.getByText(`Partij ‘${a}’ verwijderd; het feit staat nu bij ${c}.`, { exact: false }).waitFor();
    expect(await laneRow(lead, a).count()).toBe(0);
    await expect.poll(() => laneRow(other, a).count()).toBe(0);
    await other.locator("tr.ws-row", { hasText: `Consult ${run}` }).filter({ hasText: c }).waitFor();

    // Change a period.
    await lead.locator("#sp-label").fill(`Opvang ${run}`);
    await lead.locator("#sp-start").fill("oktober 2012");
    await lead.locator("#sp-end").fill("mei 2013");
    await lead.getByRole("button", { name: "Periode toevoegen" }).click();
    await lead.getByRole("button", { name: `Wijzigen periode Opvang ${run}` }).click();
    expect(await lead.getByLabel("Nieuw begin").inputValue()).toBe("oktober 2012");
    await lead.getByLabel("Nieuwe naam van de periode").fill(`Verblijf vrouwenopvang ${run}`);
    await lead.getByLabel("Nieuw einde (tot en met)").fill("juni 2013");
    await lead.getByRole("button", { name: "Periode opslaan" }).click();
    await openStructure(other);
    await other.locator(".ws-periods li", { hasText: `Verblijf vrouwenopvang ${run}` }).getByText("juni 2013").waitFor();
  });
});
