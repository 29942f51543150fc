// Geschiedenis in words (issue 11): each row says what happened to which entity. Changes go over
// the real websocket from the Tijdlijn page (the edits through the page's own document; the import,
// its undo and redo through the page's buttons) and are read back on the Geschiedenis page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginAs, seriousAxeViolations } from "./browser.ts";

const BEGELEIDER = "begeleider@demo.ketenlijn.nl";
const FACT = "Politie bij woning na melding huiselijk geweld";
const run = Math.random().toString(36).slice(2, 7);
const RENAMED = `Politie bij woning ${run}`;
const REASON = `Volgens het dossier was dit een dag later ${run}`;

let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let timeline: Page;
let history: Page;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam", viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  timeline = await context.newPage();
  timeline.on("pageerror", (e) => console.error(`[pageerror] ${e.message}`));
  await loginAs(timeline, app.url, BEGELEIDER);
  await timeline.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/tijdlijn?test=1`);
  await timeline.locator(".workspace[data-ready]").waitFor();
  history = await context.newPage();
  await history.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/geschiedenis`);
});
afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await app?.stop();
});

const row = (page: Page, text: string) => page.locator("tr.ws-row", { hasText: text });

/** The history is written shortly after the change: reload until the newest rows say `text`. */
async function historyShows(text: string) {
  const rows = history.getByRole("table", { name: /^Wijzigingen/ }).locator("tbody tr");
  await expect
    .poll(
      async () => {
        await history.reload();
        return (await rows.evaluateAll((trs) => trs.slice(0, 8).map((tr) => tr.textContent ?? ""))).join("\n");
      },
      { timeout: 15_000, interval: 500 },
    )
    .toContain(text);
}

/** Runs `fn(doc, Y.Map constructor, origin)` on the Tijdlijn page's live document in one transaction. */
async function edit(fn: string, arg: Record<string, string>) {
  await timeline.evaluate(
    ({ fn, arg }) => {
      const hook = window.__ketenlijn!;
      const doc = hook.doc;
      const YMap = doc.getMap("events").constructor as new () => { set(k: string, v: unknown): void };
      const body = new Function("doc", "YMap", "arg", fn) as (d: unknown, m: unknown, a: unknown) => void;
      doc.transact(() => body(doc, YMap, arg), hook.origin);
    },
    { fn, arg },
  );
}

const FIND = `const events = doc.getMap("events"); const id = [...events.keys()].find((k) => events.get(k).get("title") === arg.title);`;

describe("Geschiedenis: each row says what happened", () => {
  it("a changed title with old → new, a dispute with its reason, a comment and its settling, a deletion by name", async () => {
    await row(timeline, FACT).first().waitFor();
    await edit(`${FIND} events.get(id).set("title", arg.to);`, { title: FACT, to: RENAMED });
    await historyShows(`Feit ‘${RENAMED}’ gewijzigd: titel ‘${FACT}’ → ‘${RENAMED}’`);
    expect(await seriousAxeViolations(history)).toEqual([]);

    await edit(`${FIND} const e = events.get(id); e.set("status", "betwist"); e.set("statusReason", arg.reason);`, { title: RENAMED, reason: REASON });
    await historyShows(`Feit ‘${RENAMED}’ betwist, reden: ‘${REASON}’`);

    const comment = `
      ${FIND}
      const c = new YMap();
      c.set("eventId", id); c.set("text", "Klopt deze datum?"); c.set("authorId", arg.user); c.set("authorName", "Petra de Vries");
      c.set("createdAt", new Date().toISOString());
      doc.getMap("comments").set("c-" + arg.run, c);`;
    const userId = await timeline.evaluate(() => {
      const events = window.__ketenlijn!.doc.getMap("events");
      return String((events.values().next().value as { get(k: string): unknown }).get("createdBy"));
    });
    await edit(comment, { title: RENAMED, user: userId, run });
    await historyShows(`Opmerking bij feit ‘${RENAMED}’ toegevoegd`);
    await edit(`const c = doc.getMap("comments").get("c-" + arg.run); c.set("resolved", true); c.set("resolvedAt", new Date().toISOString());`, { run });
    await historyShows(`Opmerking bij feit ‘${RENAMED}’ afgehandeld`);

    await edit(`${FIND} events.delete(id);`, { title: RENAMED });
    await historyShows(`Feit ‘${RENAMED}’ verwijderd`);
    const page = await history.locator("main").textContent();
    expect(page).not.toContain("Onbekend onderdeel");
    expect(page).not.toContain("Feit (verwijderd)");
  });

  it("an import, its undo and its redo read differently", async () => {
    const first = `Import een ${run}`;
    const second = `Import twee ${run}`;
    await timeline.getByRole("button", { name: "Importeren" }).click();
    const dialog = timeline.locator("dialog.ws-dialog");
    await dialog
      .getByLabel("Geplakte rijen")
      .fill(["Datum\tOrganisatie\tFunctie\tWat", `12-03-2023\tWijkteam Noord\tWijkcoach\t${first}`, `13-03-2023\tWijkteam Noord\tWijkcoach\t${second}`].join("\n"));
    await dialog.getByText("Alle 2 rijen zijn in orde.").waitFor();
    await dialog.getByRole("button", { name: /^Importeren/ }).click();
    await dialog.waitFor({ state: "detached" });
    await row(timeline, first).waitFor();
    await historyShows("Import: 2 feiten toegevoegd");
    await historyShows(`Feit ‘${first}’ toegevoegd`);

    const undoGroup = timeline.getByRole("group", { name: "Ongedaan maken en opnieuw" });
    await undoGroup.getByRole("button", { name: "Ongedaan maken" }).click();
    await row(timeline, first).waitFor({ state: "detached" });
    await historyShows("Import ongedaan gemaakt: 2 feiten verwijderd");

    await undoGroup.getByRole("button", { name: "Opnieuw" }).click();
    await row(timeline, first).waitFor();
    await historyShows("Import opnieuw uitgevoerd: 2 feiten teruggezet");
    await historyShows(`Feit ‘${second}’ teruggezet`);
    expect(await seriousAxeViolations(history)).toEqual([]);
  });
});
