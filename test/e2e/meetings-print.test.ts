// Print views for reflection meetings (issue 12): the feitenrelaas and the analysis printed to PDF
// by Chromium, read back with pdftotext. No navigation on paper, the table's header row and the
// title/version on every page, page numbers; both pages axe clean on screen.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginAs, seriousAxeViolations } from "./browser.ts";

const run = promisify(execFile);
let app: TestApp;
let browser: Browser;
let page: Page;
let dir: string;

/** Text of each page of a PDF (pdftotext, layout off), whitespace collapsed. */
async function pdfPages(bytes: Buffer): Promise<string[]> {
  const file = path.join(dir, `p${Date.now()}.pdf`);
  await writeFile(file, bytes);
  const { stdout: info } = await run("pdfinfo", [file]);
  const count = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const pages: string[] = [];
  for (let i = 1; i <= count; i++) {
    const { stdout } = await run("pdftotext", ["-f", String(i), "-l", String(i), file, "-"]);
    pages.push(stdout.replace(/\s+/g, " "));
  }
  return pages;
}

describe("print views", () => {
  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    dir = await mkdtemp(path.join(tmpdir(), "print-"));
    const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    await loginAs(page, app.url, "partner.a@demo.ketenlijn.nl");
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("the timeline page links to the print view, which is axe clean", async () => {
    await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/tijdlijn`);
    await page.getByRole("navigation", { name: "Tijdlijn voor de bijeenkomst" }).getByRole("link", { name: "Afdrukken (feitenrelaas)" }).click();
    await page.getByRole("heading", { level: 1, name: /^Feitenrelaas: / }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it("prints the feitenrelaas with header row, title, version and page number on every page, without navigation", async () => {
    await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/tijdlijn/afdruk`);
    const title = (await page.getByRole("heading", { level: 1 }).innerText()).replace(/^Feitenrelaas: /, "");
    const pdf = await page.pdf({ preferCSSPageSize: true });
    if (process.env.KEEP_PRINT_PDF) await writeFile(path.join(process.env.KEEP_PRINT_PDF, "feitenrelaas.pdf"), pdf);
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((text, i) => {
      // The header row, repeated (pdftotext may put the margin's version text between its cells).
      for (const h of ["Datum", "Organisatie", "Wat", "Wie", "Soort", "Bron", "Markering en status"]) expect(text, `page ${i + 1}: ${h}`).toContain(h);
      expect(text.indexOf("Datum"), `page ${i + 1}`).toBeLessThan(text.indexOf("Markering en status"));
      expect(text, `page ${i + 1}`).toContain(`Feitenrelaas – ${title}`);
      expect(text, `page ${i + 1}`).toMatch(/stand van .+ wijziging \d+/);
      expect(text, `page ${i + 1}`).toContain(`Pagina ${i + 1} van ${pages.length}`);
      expect(text, `page ${i + 1}`).not.toContain("Terug naar de tijdlijn");
      expect(text, `page ${i + 1}`).not.toContain("Afdrukken");
      expect(text, `page ${i + 1}`).not.toContain("Uitloggen");
    });
    // The "Wat" column is wide enough that a fact's title stays on one or two lines, not one word per line.
    const widths = await page.evaluate(() => {
      const th = [...document.querySelectorAll("thead th")] as HTMLElement[];
      return th.map((t) => t.getBoundingClientRect().width);
    });
    expect(widths[2]).toBeGreaterThan(Math.max(...widths.filter((_, i) => i !== 2)));
  });

  it("prints the analysis: tree with ECM codes, profile and measures, with page numbers", async () => {
    await page.goto(`${app.url}/onderzoeken/${app.demoInvestigationId}/analyse`);
    await page.getByRole("navigation", { name: "Analyse voor de bijeenkomst" }).getByRole("link", { name: /^Afdrukken/ }).click();
    await page.getByRole("heading", { level: 1, name: /^Analyse: / }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    if (process.env.KEEP_PRINT_PDF) await writeFile(path.join(process.env.KEEP_PRINT_PDF, "analyse.pdf"), pdf);
    const pages = await pdfPages(pdf);
    const all = pages.join(" ");
    for (const h of ["Oorzakenboom", "PRISMA-profiel", "Maatregelen"]) expect(all).toContain(h);
    expect(all).toMatch(/Basisoorzaak .+ [A-Z]{2,3}\d* \(/i);
    // The measures on a landscape page, their header row readable.
    const last = pages.at(-1)!;
    expect(last).toContain("Maatregel Basisoorzaken Eigenaar Deadline Meetbaar resultaat Borging Status");
    pages.forEach((text, i) => expect(text).toContain(`Pagina ${i + 1} van ${pages.length}`));
    expect(all).not.toContain("Terug naar de analyse");
  });
});
