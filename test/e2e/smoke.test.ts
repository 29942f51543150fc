import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginAs, seriousAxeViolations } from "./browser.ts";

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

describe("smoke", () => {
  it("logs in and shows the demo investigation on the dashboard", async () => {
    const page = await browser.newPage();
    await loginAs(page, app.url, "begeleider@demo.ketenlijn.nl");
    // The URL changes before the dashboard has rendered: wait for the heading, do not sample it once.
    await page.getByRole("heading", { name: "Mijn onderzoeken" }).waitFor();
    await page.getByRole("link", { name: /Overlijden moeder/ }).click();
    await page.waitForURL(/\/onderzoeken\//);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
