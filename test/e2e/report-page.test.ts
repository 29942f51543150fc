// Browser flow of the report page (issue 6): the Bijlage 1 outline with a status per item and what
// is missing; a procesbegeleider and an onderzoeker write the same section in two browsers and see
// each other's text, caret and the item's status change live; a ketenpartner reads the sections
// (and sees new text arrive) but cannot write; the keyboard opens a section, types and closes it
// with Escape; the .docx export downloads a file, shows progress when it is slow and a clear
// message when it fails. Axe stays clean throughout.
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { schema } from "../../db/client.ts";
import { DEMO_PASSWORD } from "../../db/seed.ts";
import { hashPassword } from "../../server/auth/passwords.ts";
import { waitFor } from "../integration/helpers/collab-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginBySession, seriousAxeViolations } from "./browser.ts";

const BEGELEIDER = "begeleider@demo.ketenlijn.nl";
const ONDERZOEKER = "onderzoeker@demo.ketenlijn.nl";
const PARTNER_A = "partner.a@demo.ketenlijn.nl";
const TOEZICHT = "toezicht@demo.ketenlijn.nl";
const CLIENT_NAME = "Voorbeeld";
const DOCX = /\/rapport\.docx\?voor=/;
const SHOTS = path.resolve(import.meta.dirname, "../../tmp");

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  // An onderzoeker (commissielid): ketenpartners cannot write report text, onderzoekers can.
  const [u] = await app.ctx.db
    .insert(schema.users)
    .values({ email: ONDERZOEKER, name: "Olaf Onderzoeker", passwordHash: await hashPassword(DEMO_PASSWORD) })
    .returning({ id: schema.users.id });
  await app.ctx.db.insert(schema.memberships).values({ investigationId: app.demoInvestigationId, userId: u!.id, role: "onderzoeker" });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await app?.stop();
});

async function newPage(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam", viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[${email}] pageerror: ${e.message}`));
  await loginBySession(page, app, email);
  return page;
}

async function openReport(page: Page) {
  await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/rapport`);
  await page.getByRole("heading", { name: "Rapport", level: 2, exact: true }).waitFor();
  await page.getByText("Live verbonden").waitFor();
}

const itemOf = (page: Page, id: string) => page.locator(`li#onderdeel-${id}`);
const statusOf = (page: Page, id: string) => itemOf(page, id).locator("[data-status]").first().getAttribute("data-status");
const editorOf = (page: Page, id: string) => page.getByTestId(`sectie-editor-${id}`);

async function waitForStatus(page: Page, id: string, status: string) {
  await waitFor(async () => (await statusOf(page, id)) === status, `${id} ${status}`);
}

async function expectAxeClean(page: Page, where: string) {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** Presses Tab until `target` has focus: proves it is reachable by keyboard. */
async function tabTo(page: Page, target: Locator, max = 400) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("not reachable with Tab");
}

describe("report page: the outline", () => {
  it("shows the 28 Bijlage 1 items in chapters 1–7 with their status, what is missing and where to fill it in", async () => {
    const page = await newPage(BEGELEIDER);
    await openReport(page);

    expect(await page.locator("li[id^='onderdeel-']").count()).toBe(28);
    for (let n = 1; n <= 7; n++) await page.locator(`h2#hoofdstuk-${n}`).waitFor();
    expect(await page.locator("h2#hoofdstuk-5").textContent()).toBe("5. Beschrijving van de feiten");

    // The demo: written sections are gereed, one with an open point in concept, two still empty.
    expect(await statusOf(page, "3")).toBe("gereed");
    expect(await statusOf(page, "5d")).toBe("in_concept");
    expect(await statusOf(page, "7e")).toBe("leeg");
    expect(await statusOf(page, "7f")).toBe("leeg");
    expect(await statusOf(page, "1c")).toBe("gereed"); // the demo committee
    expect(await statusOf(page, "4a")).toBe("leeg"); // no interviews yet
    // Not colour alone: the badge says it in words.
    expect((await itemOf(page, "5d").locator("[data-status]").textContent())?.trim()).toMatch(/In concept$/);
    expect(await itemOf(page, "5d").textContent()).toContain("De tekst bevat nog een open punt");
    expect(await itemOf(page, "4a").textContent()).toContain("Er zijn nog geen gesprekken vastgelegd.");

    // The summary: "n van 28 onderdelen gereed" and a link to each open item.
    const summary = (await page.getByTestId("rapport-samenvatting").textContent()) ?? "";
    const gereed = Number(/^(\d+) van 28 onderdelen gereed/.exec(summary)?.[1]);
    expect(gereed).toBe(await page.locator("li[id^='onderdeel-'] [data-status='gereed']").count());
    const open = page.locator(".report-summary__open a");
    expect(await open.count()).toBe(28 - gereed);
    expect(await page.locator(".report-summary__open a[href='#onderdeel-5d']").count()).toBe(1);

    // Where it is filled in: 7a on the analysis page, 1c on the committee page, 4a at Gesprekken.
    expect(await itemOf(page, "7a").getByRole("link", { name: "Conclusies schrijven" }).getAttribute("href")).toBe(`/onderzoeken/${app.demoInvestigationId}/analyse#analyse-conclusies`);
    expect(await itemOf(page, "1c").getByRole("link", { name: "Commissie samenstellen" }).getAttribute("href")).toBe(`/onderzoeken/${app.demoInvestigationId}/rapport/commissie#h-commissie`);
    expect(await itemOf(page, "4a").getByRole("link", { name: "Naar Gesprekken" }).count()).toBe(1);
    expect(await itemOf(page, "7a").getByRole("button", { name: /Tekst/ }).count()).toBe(0);

    // 1a has a status; the client's identity itself never reaches the page, nor is it read for it
    // on the server (the status comes from which fields are filled), so there is no read to audit.
    expect(await statusOf(page, "1a")).toBe("gereed");
    expect(await page.content()).not.toContain(CLIENT_NAME);
    const reads = await app.ctx.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "client.viewed"));
    expect(reads).toEqual([]);

    await page.screenshot({ path: path.join(SHOTS, "report-page-top.png") });
    await expectAxeClean(page, "outline, procesbegeleider");
    await page.close();
  });
});

describe("report page: writing together", () => {
  it("procesbegeleider and onderzoeker write one section and see each other's text, caret and status live", async () => {
    const lead = await newPage(BEGELEIDER);
    const researcher = await newPage(ONDERZOEKER);
    await openReport(lead);
    await openReport(researcher);
    expect(await statusOf(lead, "7f")).toBe("leeg");

    // The procesbegeleider opens 7f and writes.
    await itemOf(lead, "7f").getByRole("button", { name: "Tekst schrijven" }).click();
    await editorOf(lead, "7f").waitFor();
    await waitFor(() => editorOf(lead, "7f").evaluate((el) => el === document.activeElement), "editor focused");
    await lead.keyboard.type("De bestuurder van De Brug heeft de familie persoonlijk gesproken.");
    // Live on the other screen (still read only there) and the status follows: Leeg → Gereed on both.
    await itemOf(researcher, "7f").getByText("De bestuurder van De Brug heeft de familie persoonlijk gesproken.").waitFor();
    await waitForStatus(lead, "7f", "gereed");
    await waitForStatus(researcher, "7f", "gereed");
    // Who is writing where.
    await itemOf(researcher, "7f").getByText("Petra de Vries").waitFor();
    await researcher.locator(".presence-bar").getByText("schrijft aan onderdeel 7f").waitFor();

    // The onderzoeker joins in the same section.
    await itemOf(researcher, "7f").getByRole("button", { name: "Tekst bewerken" }).click();
    await editorOf(researcher, "7f").waitFor();
    await waitFor(async () => ((await editorOf(researcher, "7f").textContent()) ?? "").includes("persoonlijk gesproken"), "text in the second editor");
    // Keys typed before the editor has focus go nowhere (seen on a loaded CI run).
    await waitFor(() => editorOf(researcher, "7f").evaluate((el) => el === document.activeElement), "second editor focused");
    await researcher.keyboard.press("Control+End");
    await researcher.keyboard.type(" PM: reactie van de raad van bestuur volgt.");
    await waitFor(async () => ((await editorOf(lead, "7f").textContent()) ?? "").includes("reactie van de raad van bestuur volgt"), "second writer's text on the first screen");
    // The open marker puts the item back in concept, on both screens.
    await waitForStatus(lead, "7f", "in_concept");
    await waitForStatus(researcher, "7f", "in_concept");
    // The other's caret, with their name, inside the editor.
    await editorOf(lead, "7f").locator(".collab-caret__label", { hasText: "Olaf Onderzoeker" }).waitFor();
    await itemOf(lead, "7f").screenshot({ path: path.join(SHOTS, "report-section-two-writers.png") });

    // The procesbegeleider finishes the sentence; gereed again.
    await editorOf(lead, "7f").click();
    await lead.keyboard.press("Control+End");
    for (let i = 0; i < " PM: reactie van de raad van bestuur volgt.".length; i++) await lead.keyboard.press("Backspace");
    await lead.keyboard.type(" De raad van bestuur heeft op de bevindingen gereageerd.");
    await waitForStatus(researcher, "7f", "gereed");
    await expectAxeClean(lead, "two writers, procesbegeleider");
    await expectAxeClean(researcher, "two writers, onderzoeker");

    // Closed, the section shows its text; after a reload it is still there (stored on the server).
    await lead.keyboard.press("Escape");
    await editorOf(lead, "7f").waitFor({ state: "detached" });
    await lead.reload();
    await lead.getByText("Live verbonden").waitFor();
    await itemOf(lead, "7f").getByText(/De raad van bestuur heeft op de bevindingen gereageerd\./).waitFor();
    expect(await statusOf(lead, "7f")).toBe("gereed");
    await lead.close();
    await researcher.close();
  });

  it("a ketenpartner reads the sections, sees new text arrive, and cannot write", async () => {
    const partner = await newPage(PARTNER_A);
    const lead = await newPage(BEGELEIDER);
    await openReport(partner);
    await openReport(lead);

    await partner.getByText("U kunt de rapportteksten lezen.").waitFor();
    expect(await partner.getByRole("button", { name: /^Tekst (schrijven|bewerken)$/ }).count()).toBe(0);
    expect(await partner.locator(".ProseMirror").count()).toBe(0);
    await itemOf(partner, "3").getByText(/De gezinsbegeleider \(N\.A\.\)/).waitFor();
    // Only the version without client data to download; the client's identity is nowhere.
    expect(await partner.getByRole("radio").count()).toBe(0);
    await partner.getByText("Versie voor de ketenpartners (zonder cliëntgegevens).").waitFor();
    expect(await partner.content()).not.toContain(CLIENT_NAME);
    expect(await itemOf(partner, "1a").getByRole("link", { name: "Cliëntgegevens invullen" }).count()).toBe(0);

    // Live: what the procesbegeleider writes appears on the ketenpartner's page, with the new status.
    expect(await statusOf(partner, "7e")).toBe("leeg");
    await itemOf(lead, "7e").getByRole("button", { name: "Tekst schrijven" }).click();
    await editorOf(lead, "7e").waitFor();
    await lead.keyboard.type("De grootmoeder is tevreden over het contact met de commissie.");
    await itemOf(partner, "7e").getByText("De grootmoeder is tevreden over het contact met de commissie.").waitFor();
    await waitForStatus(partner, "7e", "gereed");

    await partner.screenshot({ path: path.join(SHOTS, "report-page-ketenpartner.png") });
    await expectAxeClean(partner, "ketenpartner");
    await partner.close();
    await lead.close();
  });
});

describe("report page: statuses from the timeline follow it", () => {
  it("a fact set back to concept elsewhere shows up in 5a's missing list without reloading, and goes again", async () => {
    const page = await newPage(BEGELEIDER);
    await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/rapport?test=1`);
    await page.getByText("Live verbonden").waitFor();
    type Hook = { doc: { getMap(n: string): Map<string, { get(k: string): unknown; set(k: string, v: unknown): void }>; transact(f: () => void, o: unknown): void }; origin: unknown };
    const concepts = () =>
      page.evaluate(() => {
        const events = (window.__ketenlijn as unknown as Hook).doc.getMap("events");
        return [...events.values()].filter((e) => e.get("status") === "concept").length;
      });
    const before = await concepts();
    const phrase = (n: number) => (n === 0 ? null : `${n} ${n === 1 ? "feit is" : "feiten zijn"} nog niet bevestigd door de organisatie: `);

    // As if a partner changed a fact on the Tijdlijn page: one confirmed fact back to concept.
    const changed = await page.evaluate(() => {
      const hook = window.__ketenlijn as unknown as Hook;
      const [id, event] = [...hook.doc.getMap("events").entries()].find(([, e]) => e.get("status") === "bevestigd")!;
      hook.doc.transact(() => event.set("status", "concept"), hook.origin);
      return id;
    });
    await expect.poll(() => itemOf(page, "5a").textContent(), { timeout: 10_000 }).toContain(phrase(before + 1)!);
    expect(await statusOf(page, "5a")).toBe("in_concept");

    // And back: the line returns to what it was.
    await page.evaluate((id) => {
      const hook = window.__ketenlijn as unknown as Hook;
      const event = hook.doc.getMap("events").get(id)!;
      hook.doc.transact(() => event.set("status", "bevestigd"), hook.origin);
    }, changed);
    await expect.poll(() => itemOf(page, "5a").textContent(), { timeout: 10_000 }).not.toContain(phrase(before + 1)!);
    if (before > 0) expect(await itemOf(page, "5a").textContent()).toContain(phrase(before)!);
    await page.close();
  });
});

describe("report page: toezichthouder", () => {
  it("invited into the workspace, reads the report without edit or export controls", async () => {
    const page = await newPage(TOEZICHT);
    await openReport(page);
    await page.getByText("Als toezichthouder wijzigt u niets in de werkruimte.").waitFor();
    expect(await page.getByRole("button", { name: /^Tekst (schrijven|bewerken)$/ }).count()).toBe(0);
    expect(await page.locator("section[aria-labelledby='rapport-export']").count()).toBe(0);
    expect(await page.content()).not.toContain(CLIENT_NAME);
    await expectAxeClean(page, "toezichthouder");
    await page.close();
  });
});

describe("report page: keyboard", () => {
  it("opens a section with Enter, types, and closes it with Escape (focus back on the button)", async () => {
    const page = await newPage(ONDERZOEKER);
    await openReport(page);
    const button = itemOf(page, "6").getByRole("button", { name: "Tekst bewerken" });
    await tabTo(page, button);
    await page.keyboard.press("Enter");
    await editorOf(page, "6").waitFor();
    await waitFor(() => editorOf(page, "6").evaluate((el) => el === document.activeElement), "editor focused");
    expect(await editorOf(page, "6").getAttribute("aria-labelledby")).toBe("onderdeel-6-kop");
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" Dit is met het toetsenbord toegevoegd.");
    await page.keyboard.press("Escape");
    await editorOf(page, "6").waitFor({ state: "detached" });
    await waitFor(() => page.evaluate(() => document.activeElement?.id === "onderdeel-6-schrijven"), "focus back on the button");
    await itemOf(page, "6").getByText(/Dit is met het toetsenbord toegevoegd\./).waitFor();

    // Escape from the toolbar closes as well.
    await page.keyboard.press("Enter");
    await editorOf(page, "6").waitFor();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Escape");
    await editorOf(page, "6").waitFor({ state: "detached" });
    await expectAxeClean(page, "keyboard");
    await page.close();
  });
});

describe("report page: export", () => {
  it("downloads the .docx for the ketenpartners and for the toezichthouder, with progress when it is slow", async () => {
    const page = await newPage(BEGELEIDER);
    await openReport(page);
    const panel = page.locator("section[aria-labelledby='rapport-export']");

    // Slow server: after a second the status says so, with a progress bar, and it is announced.
    await page.route(DOCX, async (route) => {
      await new Promise((r) => setTimeout(r, 2500));
      await route.continue();
    });
    const [slow] = await Promise.all([
      page.waitForEvent("download", { timeout: 60_000 }),
      (async () => {
        await panel.getByRole("button", { name: "Rapport downloaden (.docx)" }).click();
        await panel.getByRole("status").getByText(/Rapport wordt samengesteld… \d+ s/).waitFor();
        expect(await panel.locator("progress").count()).toBe(1);
        await expectAxeClean(page, "export in progress");
      })(),
    ]);
    await page.unroute(DOCX);
    expect(slow.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = readFileSync((await slow.path())!);
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // a zip: the .docx container
    await panel.getByText(/Het rapport is gedownload/).waitFor();

    // The toezichthouder's version, for the procesbegeleider only.
    await panel.getByRole("radio", { name: /Versie voor de toezichthouder/ }).check();
    const [full] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), panel.getByRole("button", { name: "Rapport downloaden (.docx)" }).click()]);
    const fullBytes = readFileSync((await full.path())!);
    expect([...fullBytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    await page.close();
  });

  it("shows the server's reason when the export fails", async () => {
    const page = await newPage(BEGELEIDER);
    await openReport(page);
    const panel = page.locator("section[aria-labelledby='rapport-export']");
    await page.route(DOCX, (route) =>
      route.fulfill({ status: 500, contentType: "text/plain; charset=utf-8", body: "Het rapport kon niet worden samengesteld: de oorzakenboom is ongeldig." }),
    );
    await panel.getByRole("button", { name: "Rapport downloaden (.docx)" }).click();
    await panel.getByRole("alert").getByText("Het rapport kon niet worden samengesteld: de oorzakenboom is ongeldig.").waitFor();
    // Without a readable reason: a Dutch sentence with the status.
    await page.unroute(DOCX);
    await page.route(DOCX, (route) => route.fulfill({ status: 503, contentType: "text/html", body: "<html><body>Service Unavailable</body></html>" }));
    await panel.getByRole("button", { name: "Rapport downloaden (.docx)" }).click();
    await panel.getByRole("alert").getByText(/fout op de server.*\(503/).waitFor();
    await expectAxeClean(page, "export failed");
    await page.close();
  });
});

describe("report page: protocols as attachments (4e)", () => {
  it("adds a protocol by keyboard and file picker, lists it, refuses a file that is no document in Dutch, axe clean", async () => {
    const page = await newPage(BEGELEIDER);
    await openReport(page);
    const panel = page.locator("#bijlagen");
    await panel.getByText("Er zijn nog geen bijlagen toegevoegd.").waitFor();
    await panel.getByLabel(/Bestand toevoegen/).setInputFiles({ name: "Protocol meldcode.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
    const add = panel.getByRole("button", { name: "Toevoegen", exact: true });
    await tabTo(page, add);
    await page.keyboard.press("Enter");
    await panel.getByRole("status").getByText("Protocol meldcode.pdf is toegevoegd.").waitFor();
    await panel.getByRole("link", { name: "Protocol meldcode.pdf" }).waitFor();
    await panel.getByLabel(/Bestand toevoegen/).setInputFiles({ name: "factuur.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ this is a program") });
    await add.click();
    await panel.getByRole("alert").getByText(/Dit bestand is geen PDF-, Word- \(DOCX\) of OpenDocument-bestand \(ODT\)/).waitFor();
    expect(await panel.getByRole("link").count()).toBe(1);
    await expectAxeClean(page, "report page with an attachment and an upload error");
  });
});

