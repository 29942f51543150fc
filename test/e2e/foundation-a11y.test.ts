// Accessibility of every foundation page (issue 2): axe-core (WCAG 2.1 A/AA) finds no serious or
// critical violations on any page or state, and the main path works with the keyboard alone,
// with a visible focus and a working skip link.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { schema } from "../../db/client.ts";
import { hashPassword } from "../../server/auth/passwords.ts";
import { currentCode } from "../../server/auth/totp.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginBySession, seriousAxeViolations, type AxeViolation } from "./browser.ts";

const BEGELEIDER = "begeleider@demo.ketenlijn.nl";
const PARTNER_A = "partner.a@demo.ketenlijn.nl";
const TOEZICHT = "toezicht@demo.ketenlijn.nl";
const BUITENSTAANDER = "buitenstaander@demo.ketenlijn.nl";
const DEMO_TITLE = "Overlijden moeder, gezin Noord (demo)";

let app: TestApp;
let browser: Browser;
let demoUrl: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  demoUrl = `${app.url}/onderzoeken/${app.demoInvestigationId}`;
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

/** Collects axe results per page state, so one run reports every page that has a problem. */
class AxeReport {
  private found: { page: string; url: string; violations: AxeViolation[] }[] = [];
  readonly checked: string[] = [];

  async check(page: Page, label: string) {
    this.checked.push(label);
    const violations = await seriousAxeViolations(page);
    if (violations.length) this.found.push({ page: label, url: page.url(), violations });
  }

  assertClean() {
    expect(this.found, `serious or critical axe violations on: ${this.found.map((f) => f.page).join(", ")}`).toEqual([]);
  }
}

/** Goes to `path` and waits for its main heading before axe looks at it. */
async function visit(page: Page, path: string, heading: string | RegExp) {
  await page.goto(`${app.url}${path}`);
  await h1(page, heading).waitFor();
}

/** The newest mail to `to` on /dev/outbox: the URL in it that starts with `pathPrefix`. */
async function mailedUrl(page: Page, to: string, pathPrefix: string): Promise<string> {
  await visit(page, "/dev/outbox", "Uitgaande e-mail");
  const mail = page.getByRole("article").filter({ hasText: `Aan: ${to}` }).first();
  const href = await mail.getByRole("link", { name: new RegExp(`${app.url}${pathPrefix}`) }).getAttribute("href");
  expect(href).toBeTruthy();
  return href!;
}

describe("axe on every page", () => {
  it("public pages: login (with errors), wachtwoord vergeten, reset link valid and invalid, 404, outbox", async () => {
    const report = new AxeReport();
    const page = await newPage();

    await visit(page, "/login", "Inloggen");
    await report.check(page, "login");

    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.getByText("Vul uw e-mailadres in.").waitFor();
    await report.check(page, "login, empty fields");

    await page.getByLabel("E-mailadres").fill(BUITENSTAANDER);
    await page.getByLabel("Wachtwoord").fill("niet-het-goede-wachtwoord");
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.getByRole("alert").filter({ hasText: "Deze combinatie van e-mailadres en wachtwoord kennen we niet." }).waitFor();
    await report.check(page, "login, wrong password");

    await visit(page, "/wachtwoord-vergeten", "Wachtwoord vergeten");
    await report.check(page, "wachtwoord vergeten");
    await page.getByLabel("E-mailadres").fill("geen-adres");
    await page.getByRole("button", { name: "Stuur herstellink" }).click();
    await page.getByText("Vul een geldig e-mailadres in", { exact: false }).waitFor();
    await report.check(page, "wachtwoord vergeten, invalid address");
    await page.getByLabel("E-mailadres").fill(PARTNER_A);
    await page.getByRole("button", { name: "Stuur herstellink" }).click();
    await h1(page, "Controleer uw e-mail").waitFor();
    await report.check(page, "wachtwoord vergeten, mail sent");

    const resetUrl = await mailedUrl(page, PARTNER_A, "/wachtwoord-herstellen/");
    await report.check(page, "dev outbox");

    await page.goto(resetUrl);
    await h1(page, "Nieuw wachtwoord kiezen").waitFor();
    await page.getByRole("button", { name: "Wachtwoord opslaan" }).waitFor();
    await report.check(page, "reset password, valid link");
    await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
    await page.getByText("Kies een wachtwoord van minstens 12 tekens.").waitFor();
    await report.check(page, "reset password, errors");

    await visit(page, "/wachtwoord-herstellen/deze-link-bestaat-niet", "Nieuw wachtwoord kiezen");
    await page.getByRole("alert").waitFor();
    await report.check(page, "reset password, invalid link");

    const response = await page.goto(`${app.url}/deze/pagina/bestaat/niet`);
    expect(response?.status()).toBe(404);
    await h1(page, "Niet gevonden").waitFor();
    await report.check(page, "404");

    await page.context().close();
    report.assertClean();
  });

  it("account security: change form with errors, TOTP set-up, recovery codes, and the code step of the login", async () => {
    const report = new AxeReport();
    const email = "beveiliging@example.nl";
    await app.ctx.db.insert(schema.users).values({ email, name: "Bea Beveiliging", passwordHash: await hashPassword("ketenlijn-demo") });
    const page = await newPage();
    await loginBySession(page, app, email);
    await page.getByRole("link", { name: "Wachtwoord en inloggen" }).click();
    await h1(page, "Wachtwoord en inloggen").waitFor();
    await report.check(page, "account security");
    await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
    await page.getByText("Vul uw huidige wachtwoord in.").waitFor();
    await report.check(page, "account security, password errors");

    await page.getByRole("button", { name: "Inloggen met een code instellen" }).click();
    const secret = (await page.locator(".totp-secret").textContent())!.replaceAll(" ", "");
    await report.check(page, "account security, TOTP set-up");
    await page.getByLabel("Code uit de app").fill(currentCode(secret, new Date()));
    await page.getByRole("button", { name: "Code controleren en aanzetten" }).click();
    await page.getByText("Bewaar deze herstelcodes nu").waitFor();
    await report.check(page, "account security, recovery codes");
    await page.context().close();

    const again = await newPage();
    await again.goto(`${app.url}/login`);
    await again.getByLabel("E-mailadres").fill(email);
    await again.getByLabel("Wachtwoord").fill("ketenlijn-demo");
    await again.getByRole("button", { name: "Inloggen" }).click();
    await h1(again, "Inloggen: code").waitFor();
    await report.check(again, "login, code step");
    await again.getByLabel("Code of herstelcode").fill("000000");
    await again.getByRole("button", { name: "Inloggen" }).click();
    await again.getByText("Deze code klopt niet.").waitFor();
    await report.check(again, "login, wrong code");
    await again.context().close();
    report.assertClean();
  });

  it("invitation page: new account (with errors), existing account, invalid link", async () => {
    const report = new AxeReport();
    const lead = await newPage();
    await loginBySession(lead, app, BEGELEIDER);
    await visit(lead, `/onderzoeken/${app.demoInvestigationId}/deelnemers`, DEMO_TITLE);
    const form = lead.getByRole("form", { name: "Iemand uitnodigen" });
    for (const [email, role] of [["commissie@example.nl", "onderzoeker"], [BUITENSTAANDER, "onderzoeker"]]) {
      await form.getByLabel("E-mailadres").fill(email);
      await form.getByLabel("Rol").selectOption(role);
      await form.getByRole("button", { name: "Uitnodiging versturen" }).click();
      await lead.getByRole("status").filter({ hasText: `Uitnodiging verstuurd naar ${email}.` }).waitFor();
    }

    const guest = await newPage();
    await guest.goto(await mailedUrl(guest, "commissie@example.nl", "/uitnodiging/"));
    await h1(guest, "Uitnodiging").waitFor();
    await guest.getByRole("button", { name: "Account aanmaken en deelnemen" }).waitFor();
    await report.check(guest, "invitation, new account");
    await guest.getByRole("button", { name: "Account aanmaken en deelnemen" }).click();
    await guest.getByText("Vul uw naam in.").waitFor();
    await report.check(guest, "invitation, new account with errors");

    await guest.goto(await mailedUrl(guest, BUITENSTAANDER, "/uitnodiging/"));
    await guest.getByText(`Er bestaat al een account voor ${BUITENSTAANDER}.`).waitFor();
    await report.check(guest, "invitation, existing account");

    const response = await guest.goto(`${app.url}/uitnodiging/ongeldige-code`);
    expect(response?.status()).toBe(410);
    await h1(guest, "Uitnodiging niet bruikbaar").waitFor();
    await report.check(guest, "invitation, invalid link");

    await guest.context().close();
    await lead.context().close();
    report.assertClean();
  });

  it("procesbegeleider: dashboard, nieuw onderzoek (with errors), every tab, termijnen with the change form open", async () => {
    const report = new AxeReport();
    const page = await newPage();
    await loginBySession(page, app, BEGELEIDER);
    await page.getByRole("link", { name: DEMO_TITLE }).waitFor();
    await report.check(page, "dashboard, filled");

    await visit(page, "/onderzoeken/nieuw", "Nieuw leeronderzoek");
    await report.check(page, "nieuw onderzoek");
    await page.getByRole("button", { name: "Onderzoek aanmaken" }).click();
    await page.getByText("Geef het onderzoek een titel van minstens 3 tekens.").waitFor();
    await report.check(page, "nieuw onderzoek, errors");

    await visit(page, `/onderzoeken/${app.demoInvestigationId}`, DEMO_TITLE);
    await page.getByRole("heading", { name: "Eerstvolgende termijnen" }).waitFor();
    await report.check(page, "investigation overview");

    await visit(page, `/onderzoeken/${app.demoInvestigationId}/gegevens`, DEMO_TITLE);
    await page.getByLabel("Titel").waitFor();
    await report.check(page, "gegevens");
    await page.getByLabel("Titel").fill("");
    await page.getByRole("button", { name: /opslaan/i }).click();
    await page.getByText("Geef het onderzoek een titel van minstens 3 tekens.").waitFor();
    await report.check(page, "gegevens, errors");

    await visit(page, `/onderzoeken/${app.demoInvestigationId}/client`, DEMO_TITLE);
    await page.getByRole("heading", { name: /Gegevens van de cliënt/ }).waitFor();
    await report.check(page, "cliënt");
    await page.getByLabel("Geboortedatum").fill("2099-01-01");
    await page.getByLabel("Naam").fill("Test Cliënt");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await page.getByRole("status").waitFor();
    await report.check(page, "cliënt, saved");

    await visit(page, `/onderzoeken/${app.demoInvestigationId}/deelnemers`, DEMO_TITLE);
    await page.getByRole("heading", { name: "Iemand uitnodigen" }).waitFor();
    await report.check(page, "deelnemers");
    const form = page.getByRole("form", { name: "Iemand uitnodigen" });
    await form.getByLabel("Rol").selectOption("ketenpartner");
    await form.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await page.getByText("Een ketenpartner vertegenwoordigt een organisatie: vul die in.").waitFor();
    await report.check(page, "deelnemers, invite errors");

    await visit(page, `/onderzoeken/${app.demoInvestigationId}/termijnen`, DEMO_TITLE);
    await page.getByRole("heading", { name: "Termijnenplan" }).waitFor();
    await report.check(page, "termijnen");
    const firstRow = page.getByRole("row").filter({ has: page.locator("summary") }).first();
    await firstRow.locator("summary", { hasText: "Wijzigen" }).click();
    await firstRow.getByLabel("Reden").waitFor({ state: "visible" });
    await report.check(page, "termijnen, change form open");
    await firstRow.getByRole("button", { name: "Datum opslaan" }).click();
    await page.getByText("Geef een reden voor de wijziging (minstens 5 tekens).").waitFor();
    await report.check(page, "termijnen, change form with errors");

    await visit(page, `/onderzoeken/${app.demoInvestigationId}/logboek`, DEMO_TITLE);
    await page.getByRole("heading", { name: "Logboek" }).waitFor();
    await report.check(page, "logboek");

    await page.context().close();
    report.assertClean();
  });

  it("ketenpartner, toezichthouder and buitenstaander views", async () => {
    const report = new AxeReport();
    for (const [email, who] of [[PARTNER_A, "ketenpartner"], [TOEZICHT, "toezichthouder"]]) {
      const page = await newPage();
      await loginBySession(page, app, email);
      await page.getByRole("link", { name: DEMO_TITLE }).waitFor();
      await report.check(page, `${who}: dashboard`);
      // A ketenpartner lands on their own lane (issue 11), the toezichthouder on the terms.
      const landing = who === "ketenpartner" ? "Voeg de feiten van uw organisatie toe" : "Eerstvolgende termijnen";
      for (const [sub, heading] of [["", landing], ["/deelnemers", "Deelnemers"], ["/termijnen", "Termijnenplan"]]) {
        await visit(page, `/onderzoeken/${app.demoInvestigationId}${sub}`, DEMO_TITLE);
        await page.getByRole("heading", { name: heading, level: 2 }).waitFor();
        await report.check(page, `${who}: ${sub || "/"}`);
      }
      const forbidden = await page.goto(`${demoUrl}/client`);
      expect(forbidden?.status()).toBe(403);
      await h1(page, "Geen toegang").waitFor();
      await report.check(page, `${who}: 403`);
      await page.context().close();
    }

    const page = await newPage();
    await loginBySession(page, app, BUITENSTAANDER);
    await page.getByText("U neemt nog niet deel aan een onderzoek.").waitFor();
    await report.check(page, "buitenstaander: dashboard, empty");
    await visit(page, `/onderzoeken/${app.demoInvestigationId}`, "Niet gevonden");
    await report.check(page, "buitenstaander: 404 for the demo investigation");
    await page.context().close();

    report.assertClean();
  });
});

interface Focused {
  tag: string;
  id: string;
  text: string;
  name: string | null;
  outlineStyle: string;
  outlineWidth: number;
  focusVisible: boolean;
  inViewport: boolean;
  /** False when focus sits in a part the browser draws itself (the date field's calendar button). */
  ownFocus: boolean;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      text: (el.innerText ?? "").trim().replace(/\s+/g, " "),
      name: el.getAttribute("name"),
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth) || 0,
      focusVisible: el.matches(":focus-visible"),
      ownFocus: el.matches(":focus"),
      inViewport: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0 && box.left < window.innerWidth,
    };
  });
}

/** The focused element shows a focus ring the user can see. */
function expectVisibleFocus(f: Focused) {
  const what = `${f.tag}${f.id ? `#${f.id}` : ""} "${f.text || f.name}"`;
  expect(f.focusVisible, `${what} matches :focus-visible`).toBe(true);
  expect(f.outlineStyle, `${what} has an outline`).not.toBe("none");
  expect(f.outlineWidth, `${what} outline width`).toBeGreaterThanOrEqual(2);
  expect(f.inViewport, `${what} is on screen`).toBe(true);
}

/** Presses Tab until `match` says the focused element is the one wanted; every stop has a visible focus. */
async function tabTo(page: Page, match: (f: Focused) => boolean, what: string, maxPresses = 40): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (f.tag !== "body" && f.ownFocus) expectVisibleFocus(f);
    seen.push(f.text || f.name || f.tag);
    if (match(f)) return f;
  }
  throw new Error(`Tab never reached ${what}; focus went through: ${seen.join(" | ")}`);
}

describe("keyboard only", () => {
  it("logs in, opens the demo investigation, walks the tabs and changes a deadline without a mouse", async () => {
    const page = await newPage();
    await visit(page, "/login", "Inloggen");

    // The skip link is the first stop, is visible when focused, and moves focus to the main content.
    await page.keyboard.press("Tab");
    const skip = await focused(page);
    expect(skip.text).toBe("Naar de inhoud");
    expectVisibleFocus(skip);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "inhoud");
    expect((await focused(page)).tag).toBe("main");

    // From the main content, the next stops are the login fields.
    let f = await tabTo(page, (x) => x.name === "email", "the e-mail field", 1);
    await page.keyboard.type(BEGELEIDER);
    f = await tabTo(page, (x) => x.name === "password", "the password field", 1);
    await page.keyboard.type("ketenlijn-demo");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${app.url}/`);
    await h1(page, "Mijn onderzoeken").waitFor();

    // Dashboard → the demo investigation with Tab and Enter.
    await tabTo(page, (x) => x.tag === "a" && x.text === DEMO_TITLE, "the demo investigation's link");
    await page.keyboard.press("Enter");
    await page.waitForURL(demoUrl);
    await h1(page, DEMO_TITLE).waitFor();

    // Through the tabs: each opens with Enter and keeps the focus, so Tab goes on to the next tab.
    await tabTo(page, (x) => x.tag === "a" && x.text === "Overzicht", "the Overzicht tab");
    const tabCount = await page.getByRole("navigation", { name: "Onderdelen van het onderzoek" }).getByRole("link").count();
    for (const [tab, path, heading] of [
      ["Gegevens", "/gegevens", "Gegevens wijzigen"],
      ["Cliënt", "/client", /Gegevens van de cliënt/],
      ["Deelnemers", "/deelnemers", "Deelnemers"],
      ["Termijnen", "/termijnen", "Termijnenplan"],
    ] as const) {
      // Only tab links on the way (other tabs may sit in between), never out of the tab bar.
      f = await tabTo(page, (x) => x.tag === "a" && x.text === tab, `the ${tab} tab`, tabCount);
      await page.keyboard.press("Enter");
      await page.waitForURL(`${demoUrl}${path}`);
      await page.getByRole("heading", { name: heading, level: 2 }).first().waitFor();
      f = await focused(page);
      expect(f.text, "focus stays on the tab just opened").toBe(tab);
    }

    // Open the first deadline's "Wijzigen" with Enter, type a date and a reason, submit with Enter.
    const row = page.getByRole("row").filter({ has: page.locator("summary") }).first();
    const label = (await row.getByRole("rowheader").textContent())!.trim();
    await tabTo(page, (x) => x.tag === "summary" && x.text === `Wijzigen ${label}`, `Wijzigen for ${label}`);
    await page.keyboard.press("Enter");
    await row.getByLabel("Nieuwe datum").waitFor({ state: "visible" });
    expect(await row.locator("details").getAttribute("open")).not.toBeNull();

    f = await tabTo(page, (x) => x.name === "date", "the date field", 1);
    // Chromium orders the date field's parts by its own UI language (dd-mm or mm/dd), whatever the
    // page's locale; with day = month the same keystrokes mean 11 November 2027 in both.
    await page.keyboard.type("11112027");
    expect(await row.getByLabel("Nieuwe datum").inputValue()).toBe("2027-11-11");
    f = await tabTo(page, (x) => x.name === "reason", "the reason field");
    await page.keyboard.type("Toezichthouder gaf uitstel per brief");
    await page.keyboard.press("Enter");

    const changed = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: label }) });
    await changed.getByText("Reden: Toezichthouder gaf uitstel per brief").waitFor();
    expect(await changed.textContent()).toContain("11 november 2027");
    await page.context().close();
  });
});
