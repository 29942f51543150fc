// Screenshot of the chart with the demo timeline (fillDemoTimeline) at 1280×800, to
// tmp/chart-demo.png; also checks that hostile titles stay text (xss=1 page, no screenshot kept).
// Run: node --import tsx bench/timeline-view/screenshot.ts
import path from "node:path";
import { buildPage, launchChromium, repoRoot, serve } from "./harness";

const dir = await buildPage();
const server = await serve(dir);
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: "Europe/Amsterdam", locale: "nl-NL" });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  await page.goto(`${server.url}?data=demo&presence=1&height=590`);
  await page.waitForSelector('.kl-chart__canvas[data-ready="true"]');
  // Select one event, as a user would, to show the highlight; then move the mouse out of the way.
  await page.locator(".kl-chart .kl-title", { hasText: "Zorgoverleg school" }).first().click();
  await page.mouse.move(5, 5);
  await page.waitForTimeout(700);
  const out = path.join(repoRoot, "tmp/chart-demo.png");
  await page.screenshot({ path: out });
  console.log(`screenshot: ${out}`);

  await page.goto(`${server.url}?data=demo&xss=1`);
  await page.waitForSelector(".kl-chart .vis-item.kl-item", { state: "attached" });
  await page.waitForTimeout(300);
  const xss = await page.evaluate(() => ({
    flag: (window as unknown as { __xss?: number }).__xss ?? null,
    imgs: document.querySelectorAll(".kl-chart img, .kl-chart script, .kl-chart b").length,
    text: [...document.querySelectorAll(".kl-chart .kl-title")].map((e) => e.textContent).find((t) => t?.includes("Aanval")),
  }));
  console.log("xss check:", JSON.stringify(xss));
  if (problems.length) console.log("console:", problems.join("\n"));
} finally {
  await browser.close();
  await server.close();
}
