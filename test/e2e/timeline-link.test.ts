// A link to one fact (`/tijdlijn?event=<id>`, as the analysis cites evidence) opens that fact.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { schema } from "../../db/client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginBySession } from "./browser.ts";

let app: TestApp;
let browser: Browser;
beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("timeline: a link to one fact", () => {
  it("opens the cited fact in the editor", async () => {
    const [fact] = await app.ctx.db
      .select({ id: schema.projectedEvents.eventId, title: schema.projectedEvents.title })
      .from(schema.projectedEvents)
      .where(eq(schema.projectedEvents.investigationId, app.demoInvestigationId))
      .limit(1);
    expect(fact?.title).toBeTruthy();
    const page = await browser.newPage();
    await loginBySession(page, app, "begeleider@demo.ketenlijn.nl");
    await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/tijdlijn?event=${fact.id}`);
    const editor = page.locator("section.ws-editor");
    await editor.waitFor({ timeout: 15_000 });
    await expect.poll(() => editor.locator("input").first().inputValue(), { timeout: 10_000 }).toBe(fact.title);
  });
});
