// Browser flow of the incidentenloket (issue 10): a ketenpartner submits a melding through the form,
// the loketmedewerker finds it in the inbox, screens it and starts a leeronderzoek pre-filled from
// it; the investigation links back. axe-core on every page and state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginAs, seriousAxeViolations } from "./browser.ts";

const LOKET = "loket@demo.ketenlijn.nl";
const PARTNER = "partner.a@demo.ketenlijn.nl";

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
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  return context.newPage();
}

const h1 = (page: Page, name: string | RegExp) => page.getByRole("heading", { name, level: 1 });
const axe = async (page: Page, label: string) => expect(await seriousAxeViolations(page), label).toEqual([]);

describe("incidentenloket in the browser", () => {
  it("ketenpartner submits → loket screens → leeronderzoek starten", async () => {
    // The ketenpartner: the form with all errors at once, then a valid melding.
    const partner = await newPage();
    await loginAs(partner, app.url, PARTNER);
    await partner.getByRole("link", { name: "Mijn meldingen" }).click();
    await h1(partner, "Mijn meldingen bij het incidentenloket").waitFor();
    await expect(partner.getByText("U heeft nog geen melding gedaan.")).toBeTruthy();
    await axe(partner, "mijn meldingen (leeg)");
    await partner.getByRole("link", { name: "Melding doen" }).click();
    await h1(partner, "Melding doen bij het incidentenloket").waitFor();
    // Pre-filled with the organisation the ketenpartner represents.
    expect(await partner.getByLabel("Meldende organisatie").inputValue()).toBe("Wijkteam Noord");
    await partner.getByRole("button", { name: "Melding versturen" }).click();
    await partner.getByRole("alert").filter({ hasText: "fouten" }).waitFor();
    for (const msg of ["Kies het wettelijk kader.", "Kies het meldcriterium en de categorie.", "Beschrijf kort wat er is gebeurd (minstens 10 tekens)."])
      await partner.getByText(msg).waitFor();
    await axe(partner, "formulier met fouten");
    await partner.getByLabel("Wettelijk kader").selectOption("wmo");
    await partner.getByLabel("Meldcriterium en categorie").selectOption("suicidepoging");
    await partner.getByLabel("Calamiteit onder de wettelijke meldplicht").check();
    await partner.getByLabel("Pers", { exact: true }).check();
    await partner.getByLabel("Korte omschrijving").fill("Volwassen cliënt met Wmo-begeleiding, poging tot suïcide in de eigen woning.");
    await partner.getByRole("button", { name: "Melding versturen" }).click();
    await h1(partner, /^Melding M-\d{4}-\d{4}$/).waitFor();
    const reference = (await h1(partner, /^Melding/).textContent())!.replace("Melding ", "").trim();
    await partner.getByText("Status: Nieuw").waitFor();
    expect(await partner.getByRole("heading", { name: "Screening en vervolg" }).count()).toBe(0);
    await axe(partner, "eigen melding");

    // The loket: the inbox shows it; screening without a decision is refused, then saved.
    const loket = await newPage();
    await loginAs(loket, app.url, LOKET);
    await loket.getByRole("link", { name: "Incidentenloket" }).click();
    await h1(loket, "Meldingen incidentenloket").waitFor();
    await axe(loket, "register");
    await loket.getByRole("link", { name: /^Inbox: 1 nieuwe melding$/ }).click();
    await loket.getByRole("link", { name: reference }).click();
    await h1(loket, `Melding ${reference}`).waitFor();
    await axe(loket, "melding (loket)");
    await loket.getByLabel("Status").selectOption("afgehandeld");
    await loket.getByRole("button", { name: "Screening opslaan" }).click();
    await loket.getByText("Kies een besluit: een afgehandelde melding heeft een besluit.").waitFor();
    await axe(loket, "screening met fout");
    await loket.getByLabel("Status").selectOption("in_screening");
    await loket.getByLabel("Toezichthouder", { exact: true }).selectOption("toezicht_wmo");
    await loket.getByLabel("Besluit toezichthouder").selectOption("zelfonderzoek");
    await loket.getByRole("button", { name: "Screening opslaan" }).click();
    await loket.getByRole("status").filter({ hasText: "De screening is opgeslagen." }).waitFor();

    // Leeronderzoek starten: the form comes pre-filled; the investigation links back.
    await loket.getByRole("link", { name: "Leeronderzoek starten" }).click();
    await h1(loket, `Leeronderzoek starten vanuit melding ${reference}`).waitFor();
    expect(await loket.getByLabel("Titel").inputValue()).toContain(`melding ${reference}`);
    expect(await loket.getByLabel("Betrokken aanbieder(s)").inputValue()).toBe("Wijkteam Noord");
    expect(await loket.getByLabel("Soort voorval").inputValue()).toBe("calamiteit");
    await axe(loket, "leeronderzoek starten");
    await loket.getByLabel("Gemeente (bij Toezicht Wmo)").fill("Dijkhaven");
    await loket.getByRole("button", { name: "Leeronderzoek starten" }).click();
    await loket.waitForURL(/\/onderzoeken\/[0-9a-f-]{36}$/);
    await loket.getByText(`Gestart vanuit melding ${reference} van het incidentenloket.`).waitFor();
    await loket.getByRole("link", { name: `melding ${reference}` }).click();
    await h1(loket, `Melding ${reference}`).waitFor();
    await loket.getByText("Besluit: Leeronderzoek gestart").waitFor();
    await loket.getByRole("link", { name: "Naar het leeronderzoek" }).waitFor();
    await loket.getByRole("heading", { name: "Termijnen van het leeronderzoek" }).waitFor();
    await axe(loket, "melding met leeronderzoek");

    // The overviews: axe clean.
    await loket.goto(`${app.url}/loket/jaaroverzicht`);
    await h1(loket, /^Jaaroverzicht \d{4}$/).waitFor();
    await axe(loket, "jaaroverzicht");
    await loket.goto(`${app.url}/loket/leeroverzicht`);
    await h1(loket, "Leeroverzicht").waitFor();
    await axe(loket, "leeroverzicht");

    // The ketenpartner sees the decision on their own melding.
    await partner.reload();
    await partner.getByText("Besluit: Leeronderzoek gestart").waitFor();
  });
});
