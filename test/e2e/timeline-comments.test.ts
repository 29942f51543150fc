// Comments on a fact (issue 3): a ketenpartner comments on another organisation's fact, the other
// partner sees it live and marks it afgehandeld, the toezichthouder reads it without a form; the
// editor stays axe-clean.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { loadDoc } from "../../server/collab/persistence.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginBySession, seriousAxeViolations } from "./browser.ts";

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

/** A fact on De Brug's lane (partner B's organisation), from the stored document. */
async function deBrugFact(): Promise<{ id: string; title: string }> {
  const doc = await loadDoc(app.ctx.db, app.demoInvestigationId);
  let partyId: string | undefined;
  for (const [id, p] of doc.getMap("parties").entries()) {
    if (p instanceof Y.Map && String(p.get("name")).includes("De Brug")) partyId = id;
  }
  expect(partyId).toBeTruthy();
  for (const [id, e] of doc.getMap("events").entries()) {
    if (e instanceof Y.Map && e.get("party") === partyId) return { id, title: String(e.get("title")) };
  }
  throw new Error("geen feit van De Brug in de demotijdlijn");
}

async function openFact(email: string, factId: string, title: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await loginBySession(page, app, email);
  await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/tijdlijn?event=${factId}`);
  const editor = page.locator("section.ws-editor");
  await editor.waitFor({ timeout: 15_000 });
  // The thread is shown once the fact itself is (the document has synced).
  await editor.getByRole("heading", { name: "Opmerkingen" }).waitFor({ timeout: 10_000 });
  const shown = async () => {
    const inputs = editor.locator("input");
    return `${await editor.textContent()} ${(await inputs.count()) > 0 ? await inputs.first().inputValue() : ""}`;
  };
  await expect.poll(shown, { timeout: 10_000 }).toContain(title);
  return page;
}

describe("timeline: comments on a fact", () => {
  it("partner A comments on De Brug's fact; partner B sees it live; the toezichthouder only reads", async () => {
    const fact = await deBrugFact();
    const pageB = await openFact("partner.b@demo.ketenlijn.nl", fact.id, fact.title);
    const pageA = await openFact("partner.a@demo.ketenlijn.nl", fact.id, fact.title);

    const editorA = pageA.locator("section.ws-editor");
    // Validation: an empty comment is refused with a Dutch message.
    await editorA.getByRole("button", { name: "Opmerking plaatsen" }).click();
    await editorA.getByText("Schrijf eerst een opmerking.").waitFor({ timeout: 5_000 });

    const text = `Volgens ons dossier was dit een week later (${Date.now()}).`;
    await editorA.getByLabel("Uw opmerking").fill(text);
    await editorA.getByRole("button", { name: "Opmerking plaatsen" }).click();
    const itemA = editorA.getByRole("listitem").filter({ hasText: text });
    await itemA.waitFor({ timeout: 5_000 });
    await expect.poll(() => itemA.textContent()).toContain("Ahmed El Amrani");
    expect(await itemA.getByRole("button", { name: /verwijderen/ }).count()).toBe(1);
    expect(await editorA.getByLabel("Uw opmerking").inputValue()).toBe("");

    // Partner B, in another browser context, sees it arrive without reloading; not deletable there.
    const itemB = pageB.locator("section.ws-editor").getByRole("listitem").filter({ hasText: text });
    await itemB.waitFor({ timeout: 10_000 });
    expect(await itemB.getByRole("button", { name: /verwijderen/ }).count()).toBe(0);

    // Partner B's organisation owns the fact: B marks A's comment afgehandeld (the server accepts
    // it), and A sees who did it without reloading.
    await itemB.getByRole("button", { name: /^afhandelen/ }).click();
    await expect.poll(() => itemA.textContent(), { timeout: 10_000 }).toContain("Afgehandeld door Bregje Jansen");
    await itemB.getByRole("button", { name: /^heropenen/ }).waitFor({ timeout: 5_000 });

    // The toezichthouder reads the comment but has no form and cannot settle it.
    const pageT = await openFact("toezicht@demo.ketenlijn.nl", fact.id, fact.title);
    const editorT = pageT.locator("section.ws-editor");
    const itemT = editorT.getByRole("listitem").filter({ hasText: text });
    await itemT.waitFor({ timeout: 10_000 });
    await expect.poll(() => itemT.textContent(), { timeout: 10_000 }).toContain("Afgehandeld door Bregje Jansen");
    expect(await editorT.getByLabel("Uw opmerking").count()).toBe(0);
    expect(await editorT.getByRole("button", { name: "Opmerking plaatsen" }).count()).toBe(0);
    expect(await itemT.getByRole("button").count()).toBe(0);

    expect(await seriousAxeViolations(pageA)).toEqual([]);
    expect(await seriousAxeViolations(pageB)).toEqual([]);
    expect(await seriousAxeViolations(pageT)).toEqual([]);

    // The author deletes it (the server accepts the ketenpartner's own delete); B sees it go.
    pageA.once("dialog", (d) => void d.accept());
    await itemA.getByRole("button", { name: /verwijderen/ }).click();
    await expect.poll(() => itemB.count(), { timeout: 10_000 }).toBe(0);
    // Still connected (a refused update would close the connection and show a notice): a marker
    // comment A posts after the delete reaches B over the same connection.
    const marker = `Markering na het verwijderen (${Date.now()}).`;
    await editorA.getByLabel("Uw opmerking").fill(marker);
    await editorA.getByRole("button", { name: "Opmerking plaatsen" }).click();
    await pageB.locator("section.ws-editor").getByRole("listitem").filter({ hasText: marker }).waitFor({ timeout: 10_000 });
    expect(await itemB.count()).toBe(0);
    expect(await pageA.getByText(/geweigerd|niet toegestaan/i).count()).toBe(0);
  });
});
