// Browser flow of submitted report versions (issue 6): the procesbegeleider downloads the export
// and submits a version (with a busy state while it is composed); a toezichthouder without
// workspace access logs in, sees it on the dashboard and the versions page (and no workspace tabs),
// downloads it, records an assessment by keyboard only (first incomplete, then complete) and asks
// for an addition; the procesbegeleider sees the open request and handles it; the committee page.
// axe (serious/critical) on every new page and state.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { schema } from "../../db/client.ts";
import { DEMO_PASSWORD } from "../../db/seed.ts";
import { hashPassword } from "../../server/auth/passwords.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginBySession, seriousAxeViolations, type AxeViolation } from "./browser.ts";

const BEGELEIDER = "begeleider@demo.ketenlijn.nl";
const TOEZICHT = "toezicht.zonder@demo.ketenlijn.nl"; // assigned, without workspace access
const DEMO_TITLE = "Overlijden moeder, gezin Noord (demo)";
const ZIP = [0x50, 0x4b, 0x03, 0x04];

let app: TestApp;
let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];
const axeFindings: { page: string; violations: AxeViolation[] }[] = [];

async function axe(page: Page, label: string) {
  const violations = await seriousAxeViolations(page);
  if (violations.length) axeFindings.push({ page: label, violations });
}

async function newPage(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam", viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(20_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[${email}] pageerror: ${e.message}`));
  await loginBySession(page, app, email);
  return page;
}

const heading = (page: Page, name: string | RegExp, level?: number) => page.getByRole("heading", { name, ...(level ? { level } : {}) });

async function tabNames(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Onderdelen van het onderzoek" });
  await nav.waitFor();
  return (await nav.getByRole("link").allTextContents()).map((t) => t.trim());
}

/** Presses Tab until `target` has focus (proves it is reachable by keyboard); every stop shows a focus ring. */
async function tabTo(page: Page, target: Locator, max = 200) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) {
      const ring = await target.evaluate((el) => ({ visible: el.matches(":focus-visible"), outline: getComputedStyle(el).outlineStyle }));
      expect(ring.visible && ring.outline !== "none", "visible focus ring").toBe(true);
      return;
    }
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

async function isFocused(target: Locator) {
  return target.evaluate((el) => el === document.activeElement);
}

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  base = `${app.url}/onderzoeken/${app.demoInvestigationId}`;
  const [u] = await app.ctx.db
    .insert(schema.users)
    .values({ email: TOEZICHT, name: "Tessa Toezicht", passwordHash: await hashPassword(DEMO_PASSWORD) })
    .returning({ id: schema.users.id });
  await app.ctx.db.insert(schema.memberships).values({ investigationId: app.demoInvestigationId, userId: u.id, role: "toezichthouder", workspaceAccess: false });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await app?.stop();
});

describe("report versions: export, submit, assess, request, handle", () => {
  it("runs from the export download to the handled request", async () => {
    // ── The procesbegeleider opens Rapportversies from the tabs: nothing submitted yet.
    const lead = await newPage(BEGELEIDER);
    await lead.goto(base);
    await heading(lead, DEMO_TITLE, 1).waitFor();
    expect(await tabNames(lead)).toEqual(expect.arrayContaining(["Rapport", "Rapportversies"]));
    await Promise.all([lead.waitForURL(`${base}/rapport/versies`), lead.getByRole("link", { name: "Rapportversies", exact: true }).click()]);
    await heading(lead, "Rapportversies", 2).waitFor();
    await lead.getByText("Er is nog geen versie ingediend bij de toezichthouder.").waitFor();
    await axe(lead, "versions (empty, procesbegeleider)");

    // ── The export: a real download of a .docx (a zip).
    const panel = lead.locator("section[aria-labelledby='rapport-export']");
    const [download] = await Promise.all([lead.waitForEvent("download", { timeout: 60_000 }), panel.getByRole("button", { name: "Rapport downloaden (.docx)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Zelfonderzoek .+ werkversie \(ketenpartners\)\.docx$/);
    expect([...readFileSync((await download.path())!).subarray(0, 4)]).toEqual(ZIP);

    // ── Submit: a busy state while the server composes the version (held back a moment here).
    await lead.route("**/rapport/versies.data*", async (route) => {
      if (route.request().method() === "POST") await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await lead.getByLabel("Toelichting voor de toezichthouder (niet verplicht)").fill("Eerste versie, graag uw reactie op de analyse.");
    const submitButton = lead.getByRole("button", { name: /Versie samenstellen en indienen|Bezig met samenstellen/ });
    await submitButton.click();
    await lead.getByRole("status").getByText("Het rapport wordt samengesteld en vastgelegd.", { exact: false }).waitFor();
    expect(await lead.getByRole("button", { name: "Bezig met samenstellen…" }).isDisabled()).toBe(true);
    await axe(lead, "versions (submitting)");
    await lead.getByText("Versie 1 is ingediend bij de toezichthouder.").waitFor();
    await lead.unroute("**/rapport/versies.data*");
    const row = lead.locator("tr[data-version='1']");
    await row.waitFor();
    expect(await row.textContent()).toContain("Concept");
    expect(await row.textContent()).toContain("Nog niet beoordeeld");
    const [stored] = await app.ctx.db.select().from(schema.reportVersions).where(eq(schema.reportVersions.investigationId, app.demoInvestigationId));
    expect(await row.locator("[data-sha256]").getAttribute("data-sha256")).toBe(stored.sha256);
    expect(await row.locator("code").textContent()).toBe(stored.sha256.slice(0, 12));
    await axe(lead, "versions (one submitted, procesbegeleider)");

    // ── The toezichthouder (no workspace access): dashboard → versions; no workspace tabs.
    const tz = await newPage(TOEZICHT);
    const card = tz.getByRole("listitem").filter({ has: tz.getByRole("link", { name: DEMO_TITLE }) });
    await card.waitFor();
    expect(await card.textContent()).toContain("Laatst ingediende rapportversie: versie 1 (concept)");
    expect(await card.textContent()).toContain("Nog niet beoordeeld");
    await axe(tz, "dashboard (toezichthouder)");
    await Promise.all([tz.waitForURL(`${base}/rapport/versies`), card.getByRole("link", { name: "versie 1 (concept)" }).click()]);
    await heading(tz, "Rapportversies", 2).waitFor();
    const tabs = await tabNames(tz);
    expect(tabs).toContain("Overzicht");
    expect(tabs).toContain("Rapportversies");
    for (const hidden of ["Tijdlijn", "Analyse", "Rapport", "Geschiedenis", "Gesprekken", "Rondes"]) expect(tabs, `no ${hidden} tab`).not.toContain(hidden);
    const forbidden = await tz.goto(`${base}/tijdlijn`);
    expect(forbidden?.status()).toBe(403);
    await heading(tz, "Geen toegang", 1).waitFor();
    await tz.goto(`${base}/rapport/versies`);
    await heading(tz, "Beoordeling vastleggen", 3).waitFor();
    await axe(tz, "versions (toezichthouder)");

    // Downloads exactly the submitted bytes.
    const [version] = await Promise.all([tz.waitForEvent("download"), tz.getByRole("link", { name: "Versie 1 downloaden" }).click()]);
    expect(version.suggestedFilename()).toMatch(/v1 \(toezichthouder\)\.docx$/);
    const got = readFileSync((await version.path())!);
    expect([...got.subarray(0, 4)]).toEqual(ZIP);
    expect(createHash("sha256").update(got).digest("hex")).toBe(stored.sha256);

    // ── The assessment by keyboard only. First incomplete: navolgbaarheid onvoldoende without a remark.
    const form = tz.locator("form[aria-labelledby='h-beoordelen']");
    // The focus is still on the download link: the form's first field is the next stop.
    await tabTo(tz, form.getByLabel("Versie"));
    await tz.keyboard.press("Tab");
    expect(await isFocused(form.locator("#f-onderzoeksopzet-voldoende"))).toBe(true);
    await tz.keyboard.press("Space");
    await tz.keyboard.press("Tab"); // → remark
    await tz.keyboard.type("Commissie onafhankelijk en deskundig.");
    await tz.keyboard.press("Tab"); // → navolgbaarheid radio group
    expect(await isFocused(form.locator("#f-navolgbaarheid-voldoende"))).toBe(true);
    await tz.keyboard.press("ArrowRight"); // → onvoldoende, checked
    expect(await form.locator("#f-navolgbaarheid-onvoldoende").isChecked()).toBe(true);
    await tz.keyboard.press("Tab"); // → remark, left empty
    await tz.keyboard.press("Tab"); // → verbetermaatregelen
    await tz.keyboard.press("Space");
    expect(await form.locator("#f-verbetermaatregelen-voldoende").isChecked()).toBe(true);
    await tabTo(tz, form.getByLabel(/Verslag van de beoordeling/));
    await tz.keyboard.type("De analyse sluit niet aan op de tijdlijn; de maatregelen zijn SMART.");
    await tabTo(tz, form.getByRole("button", { name: "Beoordeling vastleggen" }));
    await tz.keyboard.press("Enter");
    await form.getByRole("alert").waitFor();
    await form.getByText("Licht toe waarom dit onvoldoende is.").waitFor();
    const remark = form.locator("#f-navolgbaarheidRemark");
    expect(await remark.getAttribute("aria-invalid")).toBe("true");
    expect(await remark.getAttribute("aria-describedby")).toContain("f-navolgbaarheidRemark-error");
    expect(await form.getByLabel(/Verslag van de beoordeling/).inputValue()).toBe("De analyse sluit niet aan op de tijdlijn; de maatregelen zijn SMART.");
    await axe(tz, "assessment with errors");

    // Then complete it, still by keyboard.
    await tabTo(tz, remark);
    await tz.keyboard.type("De conclusies volgen niet uit de feiten in 5a.");
    await tabTo(tz, form.getByRole("button", { name: "Beoordeling vastleggen" }));
    await tz.keyboard.press("Enter");
    await tz.getByText("Uw beoordeling is vastgelegd.").waitFor();
    const assessment = tz.locator("[data-assessment]").first();
    await assessment.waitFor();
    expect(await assessment.textContent()).toContain("Beoordeling van versie 1 door Tessa Toezicht");
    expect(await assessment.textContent()).toContain("De conclusies volgen niet uit de feiten in 5a.");
    await axe(tz, "versions with an assessment");

    // ── A request for an addition.
    await tz.getByLabel(/Welke aanvulling vraagt u/).fill("Voeg de reactie van de nabestaanden toe (onderdeel 7e).");
    await tz.getByRole("button", { name: "Verzoek versturen" }).click();
    await tz.getByText("Uw verzoek om aanvulling is verstuurd naar de procesbegeleider.").waitFor();
    await tz.locator("[data-request]").filter({ hasText: "Nog niet afgehandeld" }).waitFor();
    await axe(tz, "versions with an open request (toezichthouder)");

    // ── The procesbegeleider sees the open request (dashboard, banner) and handles it.
    await lead.goto(app.url);
    const leadCard = lead.getByRole("listitem").filter({ has: lead.getByRole("link", { name: DEMO_TITLE }) });
    await leadCard.getByText("Open verzoek van de toezichthouder").waitFor();
    await axe(lead, "dashboard with an open request");
    await lead.goto(base);
    await lead.getByText("Er staat een open verzoek van de toezichthouder om aanvulling.").waitFor();
    await Promise.all([lead.waitForURL(`${base}/rapport/versies#verzoeken`), lead.getByRole("link", { name: "Bekijk het verzoek" }).click()]);
    const request = lead.locator("[data-request]").filter({ hasText: "Voeg de reactie van de nabestaanden toe" });
    await request.waitFor();
    await axe(lead, "versions with an open request (procesbegeleider)");
    await request.getByRole("button", { name: "Markeren als afgehandeld" }).click();
    await request.getByText("Beschrijf hoe het verzoek is afgehandeld.").waitFor();
    await request.getByLabel("Hoe is het verzoek afgehandeld?").fill("Reactie van de nabestaanden toegevoegd in 7e.");
    await request.getByRole("button", { name: "Markeren als afgehandeld" }).click();
    await lead.getByText("Het verzoek is gemarkeerd als afgehandeld.").waitFor();
    await lead.getByRole("heading", { name: "Afgehandelde verzoeken" }).waitFor();
    expect(await lead.getByText("Er staat een open verzoek van de toezichthouder om aanvulling.").count()).toBe(0);
    await axe(lead, "versions with a handled request");

    await tz.reload();
    await tz.getByText("Reactie van de nabestaanden toegevoegd in 7e.").waitFor();
    expect(axeFindings, JSON.stringify(axeFindings, null, 1)).toEqual([]);
  });

  it("the procesbegeleider switches the toezichthouder's workspace access on the members page", async () => {
    const lead = await newPage(BEGELEIDER);
    await lead.goto(`${base}/deelnemers`);
    const row = lead.getByRole("row").filter({ hasText: "Tessa Toezicht" });
    await row.waitFor();
    expect(await row.textContent()).toContain("Alleen ingediende rapportversies");
    await axe(lead, "members with a toezichthouder");
    const box = row.getByRole("checkbox", { name: /Ook toegang tot de werkruimte \(alleen lezen\)/ });
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await row.getByRole("button", { name: /Toegang opslaan/ }).click();
    await lead.getByText("De toezichthouder kan nu ook de werkruimte lezen (alleen lezen).").waitFor();

    const tz = await newPage(TOEZICHT);
    await tz.goto(base);
    expect(await tabNames(tz)).toEqual(expect.arrayContaining(["Tijdlijn", "Analyse", "Rapport", "Rapportversies"]));
    expect((await tz.goto(`${base}/tijdlijn`))?.status()).toBe(200);

    await row.getByRole("checkbox", { name: /Ook toegang tot de werkruimte/ }).uncheck();
    await row.getByRole("button", { name: /Toegang opslaan/ }).click();
    await lead.getByText("De toezichthouder heeft geen toegang meer tot de werkruimte", { exact: false }).waitFor();
    expect((await tz.goto(`${base}/tijdlijn`))?.status()).toBe(403);
    expect(axeFindings, JSON.stringify(axeFindings, null, 1)).toEqual([]);
  });

  it("the committee page: add a member with validation, read-only for the toezichthouder in the workspace", async () => {
    const lead = await newPage(BEGELEIDER);
    await lead.goto(`${base}/rapport/commissie`);
    await heading(lead, "Samenstelling van de commissie", 2).waitFor();
    await axe(lead, "committee");
    const add = lead.locator("section[aria-labelledby='nieuw-lid']");
    await add.getByLabel(/^Functie/).fill("Jurist gezondheidsrecht");
    await add.getByRole("button", { name: "Toevoegen" }).click();
    await add.getByText("Beschrijf de mate van betrokkenheid bij de calamiteit", { exact: false }).waitFor();
    expect(await add.getByLabel(/^Functie/).inputValue()).toBe("Jurist gezondheidsrecht");
    await axe(lead, "committee with errors");
    await add.getByLabel("Onafhankelijkheid").selectOption("extern");
    await add.getByLabel(/Mate van betrokkenheid/).fill("Niet betrokken bij de zorg.");
    await add.getByRole("button", { name: "Toevoegen" }).click();
    await lead.getByText("Het commissielid is toegevoegd.").waitFor();
    const row = lead.locator("tr[data-member]").filter({ hasText: "Jurist gezondheidsrecht" });
    await row.waitFor();
    // Moved up by keyboard; the focus stays on the moved member's button.
    const up = row.getByRole("button", { name: /Omhoog/ });
    await up.focus();
    await lead.keyboard.press("Enter");
    await lead.getByText("De volgorde is aangepast.").waitFor();
    const focusedText = await lead.evaluate(() => document.activeElement?.textContent ?? "");
    expect(focusedText).toContain("Jurist gezondheidsrecht");
    await axe(lead, "committee after a move");

    // The demo's toezichthouder, invited into the workspace, reads the committee without controls.
    const reader = await newPage("toezicht@demo.ketenlijn.nl");
    await reader.goto(`${base}/rapport/commissie`);
    await reader.locator("tr[data-member]").filter({ hasText: "Jurist gezondheidsrecht" }).waitFor();
    expect(await reader.getByRole("button", { name: /Omhoog|Omlaag|Verwijderen|Toevoegen/ }).count()).toBe(0);
    await reader.getByText("Alleen de procesbegeleider en de onderzoekers wijzigen de samenstelling van de commissie.").waitFor();
    await axe(reader, "committee (read only)");
    expect(axeFindings, JSON.stringify(axeFindings, null, 1)).toEqual([]);
  });
});
