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
    await expect(page.getByRole("heading", { name: "Mijn onderzoeken" }).isVisible()).resolves.toBe(true);
    await page.getByRole("link", { name: /Overlijden moeder/ }).click();
    await page.waitForURL(/\/onderzoeken\//);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
