// Browser flow of the foundation (issue 2), as the people using Ketenlijn would walk through it:
// a procesbegeleider starts a leeronderzoek and invites a ketenpartner, who accepts in a second
// browser; removing that member ends the access at once. Plus the toezichthouder's read-only view,
// a non-member who gets "Niet gevonden", and password reset by e-mail link.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginAs, loginBySession } from "./browser.ts";

const BEGELEIDER = "begeleider@demo.ketenlijn.nl";
const TOEZICHT = "toezicht@demo.ketenlijn.nl";
const BUITENSTAANDER = "buitenstaander@demo.ketenlijn.nl";
const PARTNER_B = "partner.b@demo.ketenlijn.nl";
const DEMO_TITLE = "Overlijden moeder, gezin Noord (demo)";

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

/** A fresh browser context (own cookies), like a second person on another computer. */
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  return context.newPage();
}

async function closePage(page: Page) {
  await page.context().close();
}

const heading = (page: Page, name: string | RegExp, level = 1) => page.getByRole("heading", { name, level });

/** The tab links of an investigation ("Onderdelen van het onderzoek"). */
async function tabNames(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Onderdelen van het onderzoek" });
  await nav.waitFor();
  return (await nav.getByRole("link").allTextContents()).map((t) => t.trim());
}

/** A member who may not edit sees the shared tabs, but not Gegevens, Cliënt or Logboek. */
function expectReadOnlyTabs(tabs: string[]) {
  expect(tabs).toEqual(expect.arrayContaining(["Overzicht", "Deelnemers", "Termijnen"]));
  for (const hidden of ["Gegevens", "Cliënt", "Logboek"]) expect(tabs, `no ${hidden} tab`).not.toContain(hidden);
}

/** The newest mail to `to` on /dev/outbox, and the link in it whose path starts with `pathPrefix`. */
async function mailLink(page: Page, to: string, pathPrefix: string) {
  await page.goto(`${app.url}/dev/outbox`);
  await heading(page, "Uitgaande e-mail").waitFor();
  const mail = page.getByRole("article").filter({ hasText: `Aan: ${to}` }).first();
  await mail.waitFor();
  const link = mail.getByRole("link", { name: new RegExp(`${app.url}${pathPrefix}`) });
  expect(await link.count()).toBe(1);
  return link;
}

async function fieldError(page: Page, name: string) {
  // The message sits right below the field and is tied to it with aria-describedby.
  const input = page.locator(`[name="${name}"]`);
  expect(await input.getAttribute("aria-invalid")).toBe("true");
  const describedBy = (await input.getAttribute("aria-describedby")) ?? "";
  const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"));
  expect(errorId, `${name} has no error message linked`).toBeTruthy();
  return (await page.locator(`#${errorId}`).textContent())?.trim();
}

describe("foundation flow: start, invite, accept, remove", () => {
  it("a procesbegeleider creates a leeronderzoek, invites a ketenpartner who joins in a second browser, then removes them", async () => {
    const title = "Val van bewoner, locatie Zuid, november 2026";
    const invitee = { email: "k.visser@huisartsen-zuid.nl", name: "Karin Visser", organisation: "Huisartsenpraktijk Zuid", password: "lange-zinnen-zijn-sterk" };

    // ── The procesbegeleider logs in and opens the form from the dashboard.
    const lead = await newPage();
    await loginAs(lead, app.url, BEGELEIDER);
    await heading(lead, "Mijn onderzoeken").waitFor();
    await Promise.all([lead.waitForURL(`${app.url}/onderzoeken/nieuw`), lead.getByRole("link", { name: "Nieuw leeronderzoek" }).click()]);
    await heading(lead, "Nieuw leeronderzoek").waitFor();

    // ── First attempt: no title, Toezicht Wmo without a municipality; everything else filled in.
    await lead.getByLabel("Soort voorval").selectOption("geweldsincident");
    await lead.getByLabel("Wettelijk kader").selectOption("wlz");
    await lead.getByLabel("Meldcriterium").selectOption("ernstig_geweld");
    await lead.getByLabel(/^Fase/).selectOption("beoordeling");
    await lead.getByLabel("Datum calamiteit").fill("2026-11-02");
    await lead.getByLabel("Datum melding bij toezichthouder").fill("2026-11-04");
    await lead.getByLabel(/^Toezichthouder/).selectOption("toezicht_wmo");
    await lead.getByLabel("Analysemethode").selectOption("sire");
    await lead.getByLabel("Betrokken aanbieder(s)").fill("Zorggroep Zuid; Thuiszorg De Linde");
    await lead.getByRole("button", { name: "Onderzoek aanmaken" }).click();

    await lead.getByRole("alert").filter({ hasText: "Het formulier bevat fouten" }).waitFor();
    expect(lead.url()).toBe(`${app.url}/onderzoeken/nieuw`);
    expect(await fieldError(lead, "title")).toBe("Geef het onderzoek een titel van minstens 3 tekens.");
    expect(await fieldError(lead, "supervisorMunicipality")).toBe("Noem de gemeente van de Toezicht Wmo.");
    // Fields without a problem are not marked.
    expect(await lead.locator('[name="providers"]').getAttribute("aria-invalid")).toBeNull();
    // Nothing the user typed or chose is lost.
    expect(await lead.getByLabel("Soort voorval").inputValue()).toBe("geweldsincident");
    expect(await lead.getByLabel("Wettelijk kader").inputValue()).toBe("wlz");
    expect(await lead.getByLabel("Meldcriterium").inputValue()).toBe("ernstig_geweld");
    expect(await lead.getByLabel(/^Fase/).inputValue()).toBe("beoordeling");
    expect(await lead.getByLabel("Datum calamiteit").inputValue()).toBe("2026-11-02");
    expect(await lead.getByLabel("Datum melding bij toezichthouder").inputValue()).toBe("2026-11-04");
    expect(await lead.getByLabel("Analysemethode").inputValue()).toBe("sire");
    expect(await lead.getByLabel("Betrokken aanbieder(s)").inputValue()).toBe("Zorggroep Zuid; Thuiszorg De Linde");

    // ── Fix both and submit: the investigation opens.
    await lead.getByLabel("Titel").fill(title);
    await lead.getByLabel("Gemeente (bij Toezicht Wmo)").fill("Westerkwartier");
    await Promise.all([
      lead.waitForURL(/\/onderzoeken\/[0-9a-f-]{36}$/),
      lead.getByRole("button", { name: "Onderzoek aanmaken" }).click(),
    ]);
    const investigationUrl = lead.url();
    await heading(lead, title).waitFor();
    expect(await lead.locator('.phase-steps [aria-current="step"]').textContent()).toBe("Beoordeling");
    const facts = lead.getByRole("region", { name: "Gegevens" });
    await facts.waitFor();
    expect(await facts.textContent()).toContain("Toezicht Wmo (gemeente), gemeente Westerkwartier");
    expect(await facts.textContent()).toContain("Zorggroep Zuid; Thuiszorg De Linde");

    // ── The dashboard lists it with its phase.
    await Promise.all([lead.waitForURL(`${app.url}/`), lead.getByRole("link", { name: "Ketenlijn" }).click()]);
    const card = lead.getByRole("listitem").filter({ has: lead.getByRole("link", { name: title }) });
    await card.waitFor();
    expect(await card.textContent()).toContain("Fase: Beoordeling");
    expect(await card.textContent()).toContain("Uw rol: Procesbegeleider");

    // ── Invite a ketenpartner with an organisation.
    await Promise.all([lead.waitForURL(investigationUrl), card.getByRole("link", { name: title }).click()]);
    await Promise.all([lead.waitForURL(`${investigationUrl}/deelnemers`), lead.getByRole("link", { name: "Deelnemers", exact: true }).click()]);
    const inviteForm = lead.getByRole("form", { name: "Iemand uitnodigen" });
    await inviteForm.waitFor();
    await inviteForm.getByLabel("E-mailadres").fill(invitee.email);
    await inviteForm.getByLabel("Rol").selectOption("ketenpartner");
    await inviteForm.getByLabel("Organisatie").fill(invitee.organisation);
    await inviteForm.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await lead.getByRole("status").filter({ hasText: `Uitnodiging verstuurd naar ${invitee.email}.` }).waitFor();
    await lead.getByRole("cell", { name: invitee.email, exact: true }).waitFor();

    // ── Second browser: the invitee reads the mail, opens the link, sets name and password.
    const guest = await newPage();
    const link = await mailLink(guest, invitee.email, "/uitnodiging/");
    const invitationUrl = (await link.getAttribute("href"))!;
    await Promise.all([guest.waitForURL(invitationUrl), link.click()]);
    await heading(guest, "Uitnodiging").waitFor();
    const intro = await guest.locator("main").textContent();
    expect(intro).toContain(`U bent uitgenodigd als ketenpartner namens ${invitee.organisation} voor het leeronderzoek ${title}`);
    await guest.getByLabel("Uw naam").fill(invitee.name);
    await guest.getByLabel("Kies een wachtwoord").fill(invitee.password);
    await guest.getByLabel("Herhaal het wachtwoord").fill(invitee.password);
    await Promise.all([guest.waitForURL(investigationUrl), guest.getByRole("button", { name: "Account aanmaken en deelnemen" }).click()]);

    // ── The invitee is in the investigation, with the ketenpartner's view.
    await heading(guest, title).waitFor();
    expect(await guest.getByRole("navigation", { name: "Account" }).textContent()).toContain(invitee.name);
    expect(await guest.locator("main").textContent()).toContain("uw rol: Ketenpartner");
    expectReadOnlyTabs(await tabNames(guest));
    await Promise.all([guest.waitForURL(`${investigationUrl}/deelnemers`), guest.getByRole("link", { name: "Deelnemers", exact: true }).click()]);
    const ownRow = guest.getByRole("row").filter({ hasText: invitee.name });
    await ownRow.waitFor();
    expect(await ownRow.textContent()).toContain(invitee.organisation);
    expect(await guest.getByRole("heading", { name: "Iemand uitnodigen" }).count()).toBe(0);
    expect(await guest.getByRole("button", { name: "Uitnodiging versturen" }).count()).toBe(0);
    expect(await guest.getByRole("button", { name: /Verwijderen|Rol wijzigen/ }).count()).toBe(0);
    // Other members' e-mail addresses are not shown to a ketenpartner.
    expect(await guest.locator("main").textContent()).not.toContain(BEGELEIDER);
    await Promise.all([guest.waitForURL(`${investigationUrl}/termijnen`), guest.getByRole("link", { name: "Termijnen", exact: true }).click()]);
    await heading(guest, "Termijnenplan", 2).waitFor();
    expect(await guest.locator("summary", { hasText: "Wijzigen" }).count()).toBe(0);

    // The link works once: opening it again says so.
    await guest.goto(invitationUrl);
    await heading(guest, "Uitnodiging niet bruikbaar").waitFor();

    // The invitation is no longer open on the procesbegeleider's side; the new member is listed.
    await lead.reload();
    await lead.getByText("Er staan geen uitnodigingen open.").waitFor();
    const memberRow = lead.getByRole("row").filter({ hasText: invitee.name });
    await memberRow.waitFor();
    expect(await memberRow.textContent()).toContain(invitee.organisation);
    expect(await memberRow.textContent()).toContain("Ketenpartner");

    // ── Back in the investigation, the invitee stays on a page while the procesbegeleider removes them.
    await guest.goto(investigationUrl);
    await heading(guest, title).waitFor();

    lead.once("dialog", (dialog) => {
      expect(dialog.message()).toContain(`${invitee.name} verwijderen uit dit onderzoek?`);
      void dialog.accept();
    });
    await memberRow.getByRole("button", { name: `Verwijderen ${invitee.name}` }).click();
    await lead.getByRole("status").filter({ hasText: "De deelnemer is verwijderd; de toegang is direct beëindigd." }).waitFor();
    // The list is revalidated after the status appears: wait for the row to go, do not sample once.
    await expect.poll(() => lead.getByRole("row").filter({ hasText: invitee.name }).count(), { timeout: 10_000 }).toBe(0);

    // The invitee's very next navigation (client-side, same open session) shows "Niet gevonden".
    await guest.getByRole("link", { name: "Termijnen", exact: true }).click();
    await heading(guest, "Niet gevonden").waitFor();
    // (The page still holds the hydration data of its first load, from when access was granted; what counts is what is shown.)
    expect(await guest.locator("body").innerText()).not.toContain(title);
    // A full page load answers 404 as well, without the title.
    const response = await guest.goto(investigationUrl);
    expect(response?.status()).toBe(404);
    await heading(guest, "Niet gevonden").waitFor();
    expect(await guest.content()).not.toContain(title);

    // ── The invitee's dashboard no longer lists it.
    await guest.goto(`${app.url}/`);
    await heading(guest, "Mijn onderzoeken").waitFor();
    await guest.getByText("U neemt nog niet deel aan een onderzoek.").waitFor();
    expect(await guest.getByRole("link", { name: title }).count()).toBe(0);

    await closePage(guest);
    await closePage(lead);
  });
});

describe("foundation flow: each role's view", () => {
  it("the toezichthouder sees the demo investigation read-only", async () => {
    const page = await newPage();
    await loginBySession(page, app, TOEZICHT);
    const investigationUrl = `${app.url}/onderzoeken/${app.demoInvestigationId}`;
    const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: DEMO_TITLE }) });
    await card.waitFor();
    expect(await card.textContent()).toContain("Uw rol: Toezichthouder");
    expect(await page.getByRole("link", { name: "Nieuw leeronderzoek" }).count()).toBe(0);

    await Promise.all([page.waitForURL(investigationUrl), card.getByRole("link", { name: DEMO_TITLE }).click()]);
    await heading(page, DEMO_TITLE).waitFor();
    expect(await page.locator("main").textContent()).toContain("uw rol: Toezichthouder");
    expectReadOnlyTabs(await tabNames(page));

    await Promise.all([page.waitForURL(`${investigationUrl}/termijnen`), page.getByRole("link", { name: "Termijnen", exact: true }).click()]);
    await heading(page, "Termijnenplan", 2).waitFor();
    expect(await page.getByRole("row").count()).toBeGreaterThan(1);
    expect(await page.locator("summary", { hasText: "Wijzigen" }).count()).toBe(0);
    expect(await page.getByRole("button").filter({ hasText: /opslaan|afgerond/i }).count()).toBe(0);

    await Promise.all([page.waitForURL(`${investigationUrl}/deelnemers`), page.getByRole("link", { name: "Deelnemers", exact: true }).click()]);
    await heading(page, "Deelnemers", 2).waitFor();
    expect(await page.getByRole("heading", { name: "Iemand uitnodigen" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /Verwijderen|Rol wijzigen|Intrekken/ }).count()).toBe(0);

    // Typing the edit pages' addresses does not help: a member without the right gets "Geen toegang".
    for (const sub of ["gegevens", "client", "logboek"]) {
      const response = await page.goto(`${investigationUrl}/${sub}`);
      expect(response?.status(), sub).toBe(403);
      await heading(page, "Geen toegang").waitFor();
    }
    await closePage(page);
  });

  it("the buitenstaander gets 'Niet gevonden' for the demo investigation, never its title", async () => {
    const page = await newPage();
    await loginBySession(page, app, BUITENSTAANDER);
    await page.getByText("U neemt nog niet deel aan een onderzoek.").waitFor();
    expect(await page.getByRole("link", { name: DEMO_TITLE }).count()).toBe(0);

    for (const sub of ["", "/termijnen", "/deelnemers", "/client"]) {
      const response = await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}${sub}`);
      expect(response?.status(), sub).toBe(404);
      await heading(page, "Niet gevonden").waitFor();
      expect(await page.content(), sub).not.toContain("Overlijden moeder");
      expect(await page.title()).toBe("Niet gevonden – Ketenlijn");
    }
    // The same answer as for an investigation that does not exist.
    const missing = await page.goto(`${app.url}/onderzoeken/00000000-0000-4000-8000-000000000000`);
    expect(missing?.status()).toBe(404);
    await heading(page, "Niet gevonden").waitFor();
    await closePage(page);
  });
});

describe("foundation flow: password reset", () => {
  it("resets a password through /wachtwoord-vergeten, the outbox and the link; the new password logs in", async () => {
    const newPassword = "nieuw-en-lang-genoeg-2026";
    const page = await newPage();
    await page.goto(`${app.url}/login`);
    await Promise.all([page.waitForURL(`${app.url}/wachtwoord-vergeten`), page.getByRole("link", { name: "Wachtwoord vergeten?" }).click()]);
    await heading(page, "Wachtwoord vergeten").waitFor();
    await page.getByLabel("E-mailadres").fill(PARTNER_B);
    await page.getByRole("button", { name: "Stuur herstellink" }).click();
    await heading(page, "Controleer uw e-mail").waitFor();
    expect(await page.getByRole("status").textContent()).toContain(PARTNER_B);

    const link = await mailLink(page, PARTNER_B, "/wachtwoord-herstellen/");
    const resetUrl = (await link.getAttribute("href"))!;
    await Promise.all([page.waitForURL(resetUrl), link.click()]);
    await heading(page, "Nieuw wachtwoord kiezen").waitFor();

    // Two different passwords: a message next to the repeat field.
    await page.getByLabel(/^Nieuw wachtwoord/).fill(newPassword);
    await page.getByLabel("Herhaal het nieuwe wachtwoord").fill("iets-anders-helemaal");
    await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
    await page.getByText("De wachtwoorden zijn niet gelijk.").waitFor();
    expect(await fieldError(page, "passwordRepeat")).toBe("De wachtwoorden zijn niet gelijk.");

    await page.getByLabel(/^Nieuw wachtwoord/).fill(newPassword);
    await page.getByLabel("Herhaal het nieuwe wachtwoord").fill(newPassword);
    await Promise.all([page.waitForURL(`${app.url}/login?reset=1`), page.getByRole("button", { name: "Wachtwoord opslaan" }).click()]);
    await page.getByText("Uw wachtwoord is gewijzigd. Log in met uw nieuwe wachtwoord.").waitFor();

    // The old password no longer works; the new one does.
    await page.getByLabel("E-mailadres").fill(PARTNER_B);
    await page.getByLabel("Wachtwoord").fill("ketenlijn-demo");
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.getByRole("alert").filter({ hasText: "Deze combinatie van e-mailadres en wachtwoord kennen we niet." }).waitFor();
    expect(await page.getByLabel("E-mailadres").inputValue()).toBe(PARTNER_B);
    await page.getByLabel("Wachtwoord").fill(newPassword);
    await Promise.all([page.waitForURL(`${app.url}/`), page.getByRole("button", { name: "Inloggen" }).click()]);
    await heading(page, "Mijn onderzoeken").waitFor();
    await page.getByRole("link", { name: DEMO_TITLE }).waitFor();

    // The link is single use.
    await page.goto(resetUrl);
    await page.getByRole("alert").filter({ hasText: "Deze herstellink is ongeldig, al gebruikt of verlopen." }).waitFor();
    expect(await page.getByRole("button", { name: "Wachtwoord opslaan" }).count()).toBe(0);
    await closePage(page);
  });
});
