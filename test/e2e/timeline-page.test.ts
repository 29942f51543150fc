// The Tijdlijn page for one person at a time: accessible (axe, keyboard only), the import that
// writes nothing while a row is wrong, delete and undo, invalid document content shown as such,
// and the procesbegeleider's lanes and periods.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginBySession, seriousAxeViolations } from "./browser.ts";

const BEGELEIDER = "begeleider@demo.ketenlijn.nl";
const PARTNER_A = "partner.a@demo.ketenlijn.nl"; // Wijkteam Noord
const ORG_A = "Wijkteam Noord";
const ORG_B = "Stichting Jeugdhulp De Brug";

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const run = Math.random().toString(36).slice(2, 7);
let begeleider: Page;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  begeleider = await newPage();
  await loginBySession(begeleider, app, BEGELEIDER);
  await openTimeline(begeleider);
  await ensureLane(begeleider, ORG_A, "Gezin");
  await ensureLane(begeleider, ORG_B, "Gezin");
  // A few facts of our own, so the table has rows whatever the seed holds.
  for (const [i, title] of [`Eerste feit ${run}`, `Tweede feit ${run}`, `Derde feit ${run}`].entries()) {
    await addFact(begeleider, title, `0${i + 1}-01-2020`, ORG_A);
  }
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

async function openTimeline(page: Page) {
  await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/tijdlijn?test=1`);
  await page.locator(".workspace[data-ready]").waitFor();
}

async function openStructure(page: Page) {
  const panel = page.locator("details.ws-structure");
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator("summary").click();
  return panel;
}

async function ensureLane(page: Page, org: string, domain: string) {
  const panel = await openStructure(page);
  const linked = await panel
    .locator("table select")
    .evaluateAll((selects, name) => selects.some((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent === name), org);
  if (linked) return;
  await page.getByLabel("Naam organisatie").fill(org);
  await page.getByLabel("Domein", { exact: true }).fill(domain);
  await page.getByLabel("Gekoppelde organisatie", { exact: true }).selectOption({ label: org });
  await page.getByRole("button", { name: "Partij toevoegen" }).click();
  await panel.locator("table td", { hasText: org }).first().waitFor();
}

const row = (page: Page, text: string) => page.locator("tr.ws-row", { hasText: text });
const editor = (page: Page) => page.locator(".ws-editor");
const titleField = (page: Page) => editor(page).getByLabel("Titel (wat gebeurde er?)");

async function addFact(page: Page, title: string, date: string, partyName?: string) {
  await page.getByRole("button", { name: "Feit toevoegen" }).first().click();
  await titleField(page).fill(title);
  if (partyName) await editor(page).getByLabel("Organisatie (partij)").selectOption({ label: partyName });
  await editor(page).getByRole("textbox", { name: "Datum", exact: true }).fill(date);
  await editor(page).getByRole("button", { name: "Feit toevoegen" }).click();
  await row(page, title).waitFor();
  await editor(page).getByRole("button", { name: "Sluiten" }).click();
  await editor(page).waitFor({ state: "detached" });
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

describe("Tijdlijn: de pagina", () => {
  it("the server renders a skeleton; the browser then shows the timeline", async () => {
    const res = await begeleider.request.get(`${app.url}/onderzoeken/${app.demoInvestigationId}/tijdlijn`);
    const html = await res.text();
    expect(res.status()).toBe(200);
    expect(html).toContain("ws-skeleton");
    expect(html).not.toContain("ws-table");
    expect(html).not.toContain(`Eerste feit ${run}`);
  });

  it("has no serious accessibility problems (page, editor, structure, import)", async () => {
    await openTimeline(begeleider);
    await begeleider.locator(".vis-timeline").waitFor();
    expect(await seriousAxeViolations(begeleider)).toEqual([]);
    await row(begeleider, `Tweede feit ${run}`).click();
    await titleField(begeleider).waitFor();
    expect(await seriousAxeViolations(begeleider)).toEqual([]);
    await begeleider.keyboard.press("Escape");
    await openStructure(begeleider);
    expect(await seriousAxeViolations(begeleider)).toEqual([]);
    await begeleider.getByRole("button", { name: "Importeren" }).click();
    await begeleider.getByLabel("Geplakte rijen").fill(`Datum\tOrganisatie\tWat\n31-02-2020\t${ORG_A}\tFout`);
    await begeleider.getByText("Rij 2: datum '31-02-2020' bestaat niet").waitFor();
    expect(await seriousAxeViolations(begeleider)).toEqual([]);
    await begeleider.keyboard.press("Escape");
    await begeleider.locator("dialog.ws-dialog").waitFor({ state: "detached" });
  });

  it("works by keyboard only: arrows + Enter select, edit the title, save, Escape, Ctrl+Z", async () => {
    const page = begeleider;
    await openTimeline(page);
    await page.getByLabel("Zoeken").fill(run);
    await page.getByText("3 van").waitFor();
    await page.getByLabel("Zoeken").focus();
    for (let i = 0; i < 12 && !(await activeId(page)).startsWith("feit-"); i++) await page.keyboard.press("Tab");
    const first = await activeId(page);
    expect(first).toMatch(/^feit-/);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    const third = await activeId(page);
    expect(third).not.toBe(first);
    expect(await page.locator(`#${third}`).textContent()).toContain(`Derde feit ${run}`);
    await page.keyboard.press("ArrowUp");
    expect(await page.locator(`#${await activeId(page)}`).textContent()).toContain(`Tweede feit ${run}`);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");

    // The editor opens with the focus in the title.
    await titleField(page).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(`Derde feit ${run}`);
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(`Derde feit ${run}, per toetsenbord`);
    await page.keyboard.press("Enter");
    await editor(page).getByText("Opgeslagen.").waitFor();
    await page.keyboard.press("Escape");
    await editor(page).waitFor({ state: "detached" });
    // Focus goes back to the row just after the editor closes (a timeout of 0): wait for it.
    await expect.poll(() => activeId(page)).toBe(third);
    await row(page, `Derde feit ${run}, per toetsenbord`).waitFor();

    // Undo and redo from the keyboard (focus on the row, not in a text field).
    await page.keyboard.press("ControlOrMeta+Z");
    await expect.poll(() => page.locator(`#${third}`).textContent()).not.toContain("per toetsenbord");
    await page.keyboard.press("ControlOrMeta+Shift+Z");
    await expect.poll(() => page.locator(`#${third}`).textContent()).toContain("per toetsenbord");
    await page.getByLabel("Zoeken").fill("");
  });

  it("shows Dutch validation messages next to the fields and saves nothing invalid", async () => {
    const page = begeleider;
    await page.getByRole("button", { name: "Feit toevoegen" }).first().click();
    await editor(page).getByRole("textbox", { name: "Datum", exact: true }).fill("31-02-2020");
    await editor(page).getByLabel("Initialen").fill("Jan Bakker");
    await editor(page).getByRole("button", { name: "Feit toevoegen" }).click();
    await editor(page).getByText("Vul een titel in: wat gebeurde er?").waitFor();
    await editor(page).getByText("Datum '31-02-2020' bestaat niet.").waitFor();
    await editor(page).getByText("Gebruik bij initialen alleen initialen (bijvoorbeeld 'J.B.'), geen naam.").waitFor();
    expect(await titleField(page).getAttribute("aria-invalid")).toBe("true");
    expect(await activeId(page)).toMatch(/-title$/);
    page.once("dialog", (d) => d.accept());
    await editor(page).getByRole("button", { name: "Sluiten" }).click();
    await editor(page).waitFor({ state: "detached" });
  });

  it("deletes with a toast to undo", async () => {
    const page = begeleider;
    await row(page, `Eerste feit ${run}`).click();
    await editor(page).getByRole("button", { name: "Verwijderen" }).click();
    const toast = page.locator(".ws-toast");
    await toast.getByText("Feit verwijderd —").waitFor();
    await row(page, `Eerste feit ${run}`).waitFor({ state: "detached" });
    await toast.getByRole("button", { name: "Ongedaan maken" }).click();
    await row(page, `Eerste feit ${run}`).waitFor();
  });

  it("shows invalid document content as 'ongeldige invoer' with Dutch errors, and lets an editor repair it", async () => {
    const page = begeleider;
    const id = (await row(page, `Tweede feit ${run}`).getAttribute("id"))!.replace(/^feit-/, "");
    await page.evaluate((eventId) => {
      const events = window.__ketenlijn!.doc.getMap("events");
      (events.get(eventId) as { set(k: string, v: unknown): void }).set("start", "2020-02-31");
    }, id);
    const bad = page.locator(`#feit-${id}`);
    await bad.getByText("Ongeldige invoer").waitFor();
    await bad.getByText("Begindatum '2020-02-31' is geen geldige datum", { exact: false }).waitFor();
    await bad.click();
    await editor(page).getByText("Ongeldige invoer.").waitFor();
    await editor(page).getByRole("textbox", { name: "Datum", exact: true }).fill("28-02-2020");
    await editor(page).getByRole("button", { name: "Opslaan" }).click();
    await editor(page).getByText("Opgeslagen.").waitFor();
    await expect.poll(() => bad.textContent()).toContain("28 februari 2020");
    await page.keyboard.press("Escape");
  });

  it("lets the procesbegeleider add a period, with Dutch dates and Dutch errors", async () => {
    const page = begeleider;
    await openStructure(page);
    await page.getByLabel("Naam van de periode").fill(`Periode ${run}`);
    await page.getByLabel("Van", { exact: true }).fill("maart 2020");
    await page.getByLabel("Tot en met").fill("eind februari");
    await page.getByRole("button", { name: "Periode toevoegen" }).click();
    await page
      .getByText("Einddatum 'eind februari' is geen herkenbare datum; gebruik bijvoorbeeld 12-03-2014, maart 2014 of 2014.")
      .waitFor();
    await page.getByLabel("Tot en met").fill("juni 2020");
    await page.getByRole("button", { name: "Periode toevoegen" }).click();
    await page.locator(".ws-periods li", { hasText: `Periode ${run}` }).waitFor();
    expect(
      await page
        .getByLabel("Periode", { exact: true })
        .locator("option", { hasText: `Periode ${run}` })
        .count(),
    ).toBe(1);
  });

  it("imports pasted rows only when every row is right; one import is one undo step", async () => {
    const page = await newPage();
    await loginBySession(page, app, PARTNER_A);
    await openTimeline(page);
    await page.getByRole("button", { name: "Importeren" }).click();
    const dialog = page.locator("dialog.ws-dialog");
    const good = `Import goed ${run}`;
    const fixed = `Import hersteld ${run}`;
    const paste = (second: string, third: string) =>
      [
        "Datum\tOrganisatie\tFunctie\tWat",
        `12-03-2023\t${ORG_A}\tWijkcoach J.B.\t${good}`,
        `${second}\t${ORG_A}\tWijkcoach\t${fixed}`,
        third,
      ]
        .filter(Boolean)
        .join("\n");
    await dialog.getByLabel("Geplakte rijen").fill(paste("31-02-2023", `maart 2023\t${ORG_B}\tJeugdhulpverlener\tNiet van ons ${run}`));
    await dialog.getByText("Rij 3: datum '31-02-2023' bestaat niet").waitFor();
    await dialog.getByText("Rij 4: u kunt alleen feiten op de tijdlijn van uw eigen organisatie importeren").waitFor();
    await dialog.getByText("Er wordt niets geïmporteerd zolang er fouten zijn.", { exact: false }).waitFor();
    const importButton = dialog.getByRole("button", { name: /^Importeren/ });
    expect(await importButton.isDisabled()).toBe(true);
    // Nothing was written.
    expect(await row(page, good).count()).toBe(0);

    await dialog.getByLabel("Geplakte rijen").fill(paste("28-02-2023", ""));
    await dialog.getByText("Alle 2 rijen zijn in orde.").waitFor();
    await importButton.click();
    await dialog.waitFor({ state: "detached" });
    await row(page, good).waitFor();
    await row(page, fixed).waitFor();
    expect(await row(page, good).locator("td").nth(2).textContent()).toBe("Wijkcoach (J.B.)");
    await page.locator(".ws-toast").getByText("2 feiten geïmporteerd en opgeslagen —").waitFor();

    // One undo step takes the whole import back.
    await page.getByRole("button", { name: "Ongedaan maken" }).first().click();
    await row(page, good).waitFor({ state: "detached" });
    expect(await row(page, fixed).count()).toBe(0);
  });
});
