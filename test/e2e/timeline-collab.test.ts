// The Tijdlijn page live, as the people of two organisations use it at the same time: each sees
// the other's change within 2 s (one in the table/editor, one through the chart), presence shows
// who is where, a reload keeps everything, the toezichthouder reads only (and a forged change from
// their page reaches nobody), and edits made during a real network cut arrive after it.
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginAs, loginBySession, sendCollabMarker } from "./browser.ts";

const BEGELEIDER = "begeleider@demo.ketenlijn.nl";
const PARTNER_A = "partner.a@demo.ketenlijn.nl"; // Ahmed El Amrani, Wijkteam Noord
const PARTNER_B = "partner.b@demo.ketenlijn.nl"; // Bregje Jansen, Stichting Jeugdhulp De Brug
const TOEZICHT = "toezicht@demo.ketenlijn.nl";
const ORG_A = "Wijkteam Noord";
const ORG_B = "Stichting Jeugdhulp De Brug";
const LIVE_MS = 2_000;

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const run = Math.random().toString(36).slice(2, 7);

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  // Lanes for both organisations, made by the procesbegeleider through the page (the demo seed
  // may already have them).
  const page = await newPage();
  await loginBySession(page, app, BEGELEIDER);
  await openTimeline(page);
  await ensureLane(page, ORG_A, "Gezin");
  await ensureLane(page, ORG_B, "Gezin");
  await page.context().close();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await app?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam", viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  context.on("page", watch);
  const page = await context.newPage();
  return page;
}

/** Browser-side errors are printed, so a failure says what the page saw. */
function watch(page: Page) {
  page.on("pageerror", (e) => console.error(`[pageerror] ${e.message}`));
  page.on("console", (m) => {
    // Refused websocket connections are expected while the network is cut.
    if ((m.type() === "error" || m.type() === "warning") && !m.text().includes("WebSocket connection to")) {
      console.error(`[console.${m.type()}] ${m.text()}`);
    }
  });
}

async function openTimeline(page: Page, base = app.url) {
  await page.goto(`${base}/onderzoeken/${app.demoInvestigationId}/tijdlijn?test=1`);
  await page.locator(".workspace[data-ready]").waitFor();
}

/** Adds a party linked to the member organisation `org` unless one is linked already. */
async function ensureLane(page: Page, org: string, domain: string) {
  const panel = page.locator("details.ws-structure");
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator("summary").click();
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

/** Adds a fact on the user's own lane through the editor; returns its id. */
async function addFact(page: Page, title: string, date: string): Promise<string> {
  await page.getByRole("button", { name: "Feit toevoegen" }).first().click();
  await editor(page).getByLabel("Titel (wat gebeurde er?)").fill(title);
  await editor(page).getByRole("textbox", { name: "Datum", exact: true }).fill(date);
  await editor(page).getByRole("button", { name: "Feit toevoegen" }).click();
  await row(page, title).waitFor();
  const id = (await row(page, title).getAttribute("id"))!.replace(/^feit-/, "");
  await editor(page).getByRole("button", { name: "Sluiten" }).click();
  return id;
}

/** Saves a new title; offline the editor says the change is kept on this device (issue 11), not "Opgeslagen.". */
async function renameInEditor(page: Page, title: string, saved: string | RegExp = "Opgeslagen.") {
  await editor(page).getByLabel("Titel (wat gebeurde er?)").fill(title);
  await editor(page).getByRole("button", { name: "Opslaan" }).click();
  await editor(page).getByText(saved).waitFor();
}

describe("Tijdlijn: samen live", () => {
  let pageA: Page;
  let pageB: Page;
  let factA = "";
  let factB = "";
  const titleA = `Huisbezoek wijkcoach ${run}`;
  const titleB = `Intake jeugdhulp ${run}`;

  it("two ketenpartners see each other's changes within 2 s, in table and chart", async () => {
    pageA = await newPage();
    pageB = await newPage();
    await loginBySession(pageA, app, PARTNER_A);
    await loginBySession(pageB, app, PARTNER_B);
    await openTimeline(pageA);
    await openTimeline(pageB);

    // A adds a fact in the table/editor; B sees it.
    factA = await addFact(pageA, titleA, "14-03-2023");
    await row(pageB, titleA).waitFor({ timeout: LIVE_MS });

    // B adds one on their own lane; A sees it.
    factB = await addFact(pageB, titleB, "20-03-2023");
    await row(pageA, titleB).waitFor({ timeout: LIVE_MS });

    // B opens their fact from the chart (filtered to their own lane) and renames it there.
    await pageB.getByLabel("Partij", { exact: true }).selectOption({ label: ORG_B });
    await pageB.getByRole("button", { name: "Alles tonen" }).click();
    const item = pageB.locator(".vis-item", { hasText: titleB });
    await item.waitFor();
    await item.click();
    await expect(editor(pageB).getByLabel("Titel (wat gebeurde er?)").inputValue()).resolves.toBe(titleB);
    await renameInEditor(pageB, `${titleB} (gewijzigd in de grafiek)`);
    await row(pageA, `${titleB} (gewijzigd in de grafiek)`).waitFor({ timeout: LIVE_MS });

    // B drags the same fact to the right in the chart; A's table shows the new date.
    const dateCell = row(pageA, titleB).locator("td").first();
    const before = await dateCell.textContent();
    await item.scrollIntoViewIfNeeded();
    const box = (await item.boundingBox())!;
    const y = box.y + box.height / 2;
    await pageB.mouse.move(box.x + 8, y);
    await pageB.mouse.down();
    await pageB.mouse.move(box.x + 60, y, { steps: 8 });
    await pageB.mouse.move(box.x + 160, y, { steps: 8 });
    await pageB.mouse.up();
    await expect.poll(() => dateCell.textContent(), { timeout: LIVE_MS, interval: 50 }).not.toBe(before);

    // A renames theirs in the editor opened from the table; B's table and chart follow.
    // (B looks at A's lane in the chart meanwhile: vis draws only the lanes in view.)
    await pageB.getByLabel("Partij", { exact: true }).selectOption({ label: ORG_A });
    await pageB.getByRole("button", { name: "Alles tonen" }).click();
    await pageB.locator(".vis-item", { hasText: titleA }).first().waitFor();
    await row(pageA, titleA).click();
    await renameInEditor(pageA, `${titleA} (gewijzigd in de tabel)`);
    await row(pageB, `${titleA} (gewijzigd in de tabel)`).waitFor({ timeout: LIVE_MS });
    await pageB
      .locator(".vis-item", { hasText: `${titleA} (gewijzigd in de tabel)` })
      .first()
      .waitFor({ timeout: LIVE_MS });
    await pageB.getByLabel("Partij", { exact: true }).selectOption({ label: "Alle partijen" });
  });

  it("shows who is present, and on which fact they are working", async () => {
    // A still has their fact open in the editor.
    const presence = pageB.locator(".ws-presence");
    await presence.getByText("Ahmed El Amrani").waitFor({ timeout: LIVE_MS });
    await presence.getByText("Bregje Jansen").waitFor();
    await row(pageB, titleA).locator(".ws-chip", { hasText: "Ahmed El Amrani bewerkt dit" }).waitFor({ timeout: LIVE_MS });
    await pageA.locator(".ws-presence").getByText("Bregje Jansen").waitFor({ timeout: LIVE_MS });
    // Closing the editor clears it for the other.
    await pageA.keyboard.press("Escape");
    await row(pageB, titleA).locator(".ws-chip").waitFor({ state: "detached", timeout: LIVE_MS });
  });

  it("keeps everything after a reload", async () => {
    await pageB.reload();
    await pageB.locator(".workspace[data-ready]").waitFor();
    await row(pageB, `${titleA} (gewijzigd in de tabel)`).waitFor();
    await row(pageB, `${titleB} (gewijzigd in de grafiek)`).waitFor();
    expect(await pageB.locator(`#feit-${factA}`).count()).toBe(1);
    expect(await pageB.locator(`#feit-${factB}`).count()).toBe(1);
  });

  it("ketenpartner: another organisation's fact can only be disputed, with a reason", async () => {
    await row(pageB, `${titleA} (gewijzigd in de tabel)`).click();
    await expect(editor(pageB).getByRole("button", { name: "Opslaan" }).count()).resolves.toBe(0);
    await editor(pageB).getByRole("button", { name: "Markeren als betwist" }).click();
    await editor(pageB).getByText("Geef een reden waarom dit feit betwist wordt.").waitFor();
    await editor(pageB).getByLabel("Waarom klopt dit feit niet?").fill("Volgens ons dossier was dit een telefonisch contact.");
    await editor(pageB).getByRole("button", { name: "Markeren als betwist" }).click();
    await row(pageA, `${titleA} (gewijzigd in de tabel)`).locator(".ws-status--betwist").waitFor({ timeout: LIVE_MS });
    await pageB.keyboard.press("Escape");
  });

  it("the toezichthouder reads the timeline without any edit control; a forged change reaches nobody", async () => {
    const pageT = await newPage();
    await loginBySession(pageT, app, TOEZICHT);
    await openTimeline(pageT);
    await pageT.locator(".ws-conn", { hasText: "Alleen lezen" }).waitFor();
    await row(pageT, `${titleA} (gewijzigd in de tabel)`).waitFor();
    for (const name of ["Feit toevoegen", "Importeren", "Ongedaan maken"]) {
      expect(await pageT.getByRole("button", { name }).count(), name).toBe(0);
    }
    expect(await pageT.locator("details.ws-structure").count()).toBe(0);
    await row(pageT, `${titleA} (gewijzigd in de tabel)`).click();
    await editor(pageT).getByText("Titel", { exact: true }).waitFor();
    expect(await editor(pageT).locator("input, textarea, select, button[type=submit]").count()).toBe(0);
    expect(
      await editor(pageT)
        .getByRole("button", { name: /Verwijderen|Opslaan|betwist/ })
        .count(),
    ).toBe(0);
    // Nothing movable in the chart either.
    expect(await pageT.locator(".vis-item.vis-editable").count()).toBe(0);

    // Forge: change the document directly through the page's provider.
    await pageT.evaluate((id) => {
      const hook = window.__ketenlijn!;
      (hook.doc.getMap("events").get(id) as { set(k: string, v: unknown): void }).set("title", "Vervalst door de toezichthouder");
    }, factA);
    await sendCollabMarker(pageT, pageA);
    expect(await row(pageA, "Vervalst door de toezichthouder").count()).toBe(0);
    await pageA.reload();
    await pageA.locator(".workspace[data-ready]").waitFor();
    await row(pageA, `${titleA} (gewijzigd in de tabel)`).waitFor();
    expect(await row(pageA, "Vervalst").count()).toBe(0);
    await pageT.context().close();
  });

  it("a ketenpartner's forged change to another organisation's fact is refused by the server, and the page says so", async () => {
    const pageF = await newPage();
    await loginBySession(pageF, app, PARTNER_B);
    await openTimeline(pageF);
    await pageF.locator(".ws-conn", { hasText: "Verbonden" }).waitFor();
    await pageF.evaluate((id) => {
      const hook = window.__ketenlijn!;
      (hook.doc.getMap("events").get(id) as { set(k: string, v: unknown): void }).set("title", "Vervalst door De Brug");
    }, factA);
    await pageF.locator(".ws-conn", { hasText: "Uw laatste wijziging is geweigerd" }).waitFor({ timeout: LIVE_MS });
    await pageF.getByRole("alert").getByText("U kunt alleen feiten van uw eigen organisatie wijzigen", { exact: false }).waitFor();
    expect(await pageF.getByRole("button", { name: "Feit toevoegen" }).count()).toBe(0);
    // The refusal closed F's socket; once it is shown the server is done with the change, so a
    // marker from another page that reaches A comes after anything the change could have sent A.
    await sendCollabMarker(pageB, pageA);
    expect(await row(pageA, "Vervalst door De Brug").count()).toBe(0);
    await pageF.context().close();
  });

  it("edits made during a network cut are kept (also across a reload) and arrive after it", async () => {
    // B's browser reaches the server only through a proxy that the test can cut: a real outage,
    // HTTP and websocket alike.
    const proxy = await tcpProxy(new URL(app.url).port);
    try {
      const pageOff = await newPage();
      await loginAs(pageOff, proxy.url, PARTNER_B);
      await openTimeline(pageOff, proxy.url);
      await pageOff.locator(".ws-conn", { hasText: "Verbonden" }).waitFor();
      await pageOff.locator(".vis-timeline").waitFor(); // all code loaded before the cut

      await proxy.cut();
      await pageOff
        .locator(".ws-conn", { hasText: "Geen verbinding — uw wijzigingen worden bewaard en verstuurd zodra er weer verbinding is" })
        .waitFor();
      await row(pageOff, titleB).click();
      await renameInEditor(pageOff, `${titleB} (offline 1)`, /Op dit apparaat bewaard/);
      await new Promise((r) => setTimeout(r, 1000));
      expect(await row(pageA, `${titleB} (offline 1)`).count()).toBe(0);

      // Close the page while still offline: the edit exists only in this browser's storage.
      await pageOff.close();
      await proxy.restore();
      const again = await pageOff.context().newPage();
      await openTimeline(again, proxy.url);
      await row(pageA, `${titleB} (offline 1)`).waitFor({ timeout: 10_000 });

      // And without a reload: cut, edit, reconnect.
      await again.locator(".ws-conn", { hasText: "Verbonden" }).waitFor();
      await again.locator(".vis-timeline").waitFor();
      await proxy.cut();
      await again.locator(".ws-conn", { hasText: "Geen verbinding" }).waitFor();
      await row(again, `${titleB} (offline 1)`).click();
      await renameInEditor(again, `${titleB} (offline 2)`, /Op dit apparaat bewaard/);
      await new Promise((r) => setTimeout(r, 500));
      expect(await row(pageA, `${titleB} (offline 2)`).count()).toBe(0);
      await proxy.restore();
      await again.locator(".ws-conn", { hasText: "Verbonden" }).waitFor({ timeout: 10_000 });
      await row(pageA, `${titleB} (offline 2)`).waitFor({ timeout: LIVE_MS });
    } finally {
      await proxy.close();
    }
  });

  it("a member who is removed loses the live connection at once", async () => {
    const admin = await newPage();
    await loginBySession(admin, app, BEGELEIDER);
    await admin.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/deelnemers`);
    admin.once("dialog", (d) => d.accept());
    await admin.getByRole("button", { name: "Verwijderen Bregje Jansen" }).click();
    await admin.getByText("De deelnemer is verwijderd").waitFor();
    await pageB.locator(".ws-conn", { hasText: "U heeft geen toegang meer tot dit onderzoek" }).waitFor({ timeout: LIVE_MS });
    expect(await pageB.getByRole("button", { name: "Feit toevoegen" }).count()).toBe(0);
  });
});

/** A TCP proxy to the app that can be cut (every connection dropped, new ones refused) and restored. */
async function tcpProxy(targetPort: string) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(targetPort), "127.0.0.1");
        sockets.add(client);
        sockets.add(upstream);
        client.pipe(upstream);
        upstream.pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on("error", drop).on("close", drop);
        upstream.on("error", drop).on("close", drop);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
      for (const s of sockets) s.destroy();
      sockets.clear();
    });
  await listen();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    cut,
    restore: listen,
    close: cut,
  };
}
