// Issue 11 in the browser: a calamity or melding date in the future is refused together with every
// other error on the first submit, the term that would end on 1e Kerstdag moves to the next werkdag
// with a note, a fact dated in the future is warned about (not refused), and a month typed in words
// comes back in words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginAs, seriousAxeViolations } from "./browser.ts";

const BEGELEIDER = "begeleider@demo.ketenlijn.nl";
// The server's today: Monday 14 December 2026.
const clock = new TestClock(new Date("2026-12-14T09:00:00Z"));
const run = Math.random().toString(36).slice(2, 7);

let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startTestApp({ clock });
  browser = await launchBrowser();
  context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam", viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[pageerror] ${e.message}`));
  await loginAs(page, app.url, BEGELEIDER);
});
afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await app?.stop();
});

async function fieldError(name: string) {
  const input = page.locator(`[name="${name}"]`);
  expect(await input.getAttribute("aria-invalid")).toBe("true");
  const id = (await input.getAttribute("aria-describedby"))!.split(" ").find((i) => i.endsWith("-error"))!;
  return (await page.locator(`[id="${id}"]`).textContent())?.trim();
}

describe("dates and terms", () => {
  it("refuses future dates with every other error on the first submit; the Kerst term moves to Monday with a note", async () => {
    await page.goto(`${app.url}/onderzoeken/nieuw`);
    await page.getByLabel("Titel").fill("ab");
    await page.getByLabel("Meldcriterium").selectOption("meldplicht_calamiteit");
    await page.getByLabel("Datum calamiteit").fill("2026-12-20");
    await page.getByLabel("Datum melding bij toezichthouder").fill("2026-12-21");
    await page.getByLabel(/^Toezichthouder/).selectOption("toezicht_wmo");
    await page.getByRole("button", { name: "Onderzoek aanmaken" }).click();

    await page.getByRole("alert").filter({ hasText: "Het formulier bevat fouten" }).waitFor();
    expect(await fieldError("title")).toBe("Geef het onderzoek een titel van minstens 3 tekens.");
    expect(await fieldError("supervisorMunicipality")).toBe("Noem de gemeente van de Toezicht Wmo.");
    expect(await fieldError("calamityDate")).toBe("De datum van de calamiteit ligt in de toekomst. Vul de dag in waarop de calamiteit plaatsvond.");
    expect(await fieldError("reportedDate")).toBe("De datum van de melding ligt in de toekomst. Vul deze pas in als er gemeld is.");
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByLabel("Titel").fill(`Val in trappenhuis ${run}`);
    await page.getByLabel("Gemeente (bij Toezicht Wmo)").fill("Westerkwartier");
    await page.getByLabel("Datum calamiteit").fill("2026-12-09");
    await page.getByLabel("Datum melding bij toezichthouder").fill("2026-12-11"); // + 2 weeks = Friday 25 December
    await Promise.all([page.waitForURL(/\/onderzoeken\/[0-9a-f-]{36}$/), page.getByRole("button", { name: "Onderzoek aanmaken" }).click()]);

    await page.getByText("Valt op 1e Kerstdag").first().waitFor(); // on the Overzicht
    await page.getByRole("link", { name: "Termijnen" }).first().click();
    const row = page.locator("tr", { has: page.getByRole("rowheader", { name: "Feitenrelaas (compleet overzicht) van de aanbieder" }) });
    await row.getByText("maandag 28 december 2026").waitFor();
    await row
      .getByText("Valt op 1e Kerstdag (vrijdag 25 december 2026); verschoven naar de eerstvolgende werkdag (Algemene termijnenwet, art. 1).")
      .waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it("warns about a fact in the future without refusing it, and keeps 'februari 2026' as typed", async () => {
    await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/tijdlijn`);
    await page.locator(".workspace[data-ready]").waitFor();
    const editor = page.locator(".ws-editor");
    const date = editor.getByRole("textbox", { name: "Datum", exact: true });
    await page.getByRole("button", { name: "Feit toevoegen" }).first().click();
    await editor.getByLabel("Titel (wat gebeurde er?)").fill(`Aanmelding wijkteam ${run}`);
    await date.fill("februari 2026");
    await editor.getByRole("button", { name: "Feit toevoegen" }).click();
    await page.locator("tr.ws-row", { hasText: `Aanmelding wijkteam ${run}` }).waitFor();
    await editor.getByRole("button", { name: "Opslaan" }).waitFor(); // now editing the new fact
    expect(await date.inputValue()).toBe("februari 2026");

    await date.fill("12-03-2030");
    await editor.getByText("Let op: deze datum ligt in de toekomst. Klopt het jaartal?").waitFor();
    await editor.getByRole("button", { name: "Opslaan" }).click();
    await editor.getByRole("status").getByText("Opgeslagen. Let op: deze datum ligt in de toekomst. Klopt het jaartal?").waitFor();
    expect(await date.inputValue()).toBe("12-03-2030");
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it("inviting an address that already has an open invitation, or is a member, says so next to the field", async () => {
    const email = `dubbel-${run}@example.nl`;
    await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/deelnemers`);
    const form = page.getByRole("form", { name: "Iemand uitnodigen" });
    await form.getByLabel("E-mailadres").fill(email);
    await form.getByLabel("Rol").selectOption("onderzoeker");
    await form.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await page.getByRole("status").filter({ hasText: `Uitnodiging verstuurd naar ${email}.` }).waitFor();

    await form.getByLabel("E-mailadres").fill(email);
    await form.getByLabel("Rol").selectOption("onderzoeker");
    await form.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await page.getByText(`Er staat al een uitnodiging open voor ${email}`).waitFor();
    expect(await fieldError("email")).toContain("trek haar in onder 'Openstaande uitnodigingen' en nodig opnieuw uit.");
    expect(await page.getByRole("cell", { name: email, exact: true }).count()).toBe(1); // one open invitation in the list
    expect(await seriousAxeViolations(page)).toEqual([]);

    await form.getByLabel("E-mailadres").fill("partner.a@demo.ketenlijn.nl");
    await form.getByRole("button", { name: "Uitnodiging versturen" }).click();
    expect(await page.getByText("Deze persoon is al deelnemer van dit onderzoek.").first().waitFor().then(() => fieldError("email"))).toContain(
      "heeft de rol ketenpartner",
    );
  });
});
