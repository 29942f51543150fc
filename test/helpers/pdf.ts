// Reading a report as the reader sees it: the .docx converted to PDF by LibreOffice, its pages'
// text by poppler's pdftotext, and the table of contents read from the contents page.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const SOFFICE = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"].find((p) => existsSync(p));
export const PDFTOTEXT = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].find((p) => existsSync(p));

/** The text of each page of the .docx as LibreOffice lays it out (pdftotext -layout, one string per page). */
export async function pdfPagesOf(docx: Buffer): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "ketenlijn-pdf-"));
  try {
    const file = path.join(dir, "rapport.docx");
    await writeFile(file, docx);
    await run(SOFFICE ?? "soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "pdf", "--outdir", dir, file], { timeout: 120_000 });
    const { stdout } = await run(PDFTOTEXT ?? "pdftotext", ["-layout", path.join(dir, "rapport.pdf"), "-"], { maxBuffer: 64 * 1024 * 1024 });
    const pages = stdout.split("\f");
    if (pages[pages.length - 1]!.trim() === "") pages.pop();
    return pages;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/**
 * The entries of the contents page(s) ("Inhoud"): title and page number, in order. An entry whose
 * title wraps continues on the next line; the number ends it, after the dot leader.
 */
export function tocEntriesOf(pages: readonly string[]): { title: string; page: number | null; onPage: number }[] {
  const start = pages.findIndex((p) => p.split("\n").some((l) => l.trim() === "Inhoud"));
  if (start < 0) return [];
  const entries: { title: string; page: number | null; onPage: number }[] = [];
  let pending = "";
  for (let p = start; p < pages.length; p++) {
    const lines = pages[p]!.split("\n");
    // The contents go on while pages have dot leaders.
    if (p > start && !lines.some((l) => /\.{4,}\s*\d+\s*$/.test(l))) break;
    const from = p === start ? lines.findIndex((l) => l.trim() === "Inhoud") + 1 : 0;
    for (const raw of lines.slice(from)) {
      const line = squash(raw);
      if (!line || /^Pagina \d+ van \d+$/.test(line) || /· (CONCEPT|DEFINITIEF)$/.test(line) || /Pagina \d+ van \d+$/.test(line)) continue;
      const numbered = /^(.*?)[.\s]*\.{2,}\s*(\d+)$/.exec(line);
      if (numbered) {
        entries.push({ title: squash(`${pending} ${numbered[1]}`), page: Number(numbered[2]), onPage: p + 1 });
        pending = "";
      } else if (/^(\d+[a-z]?|Bijlage [A-Z]) /.test(line) && !pending) {
        pending = line;
      } else if (pending) {
        pending = `${pending} ${line}`;
      }
    }
  }
  if (pending) entries.push({ title: squash(pending), page: null, onPage: start + 1 });
  return entries;
}

/** Whether a page shows the heading: a line that starts with it (or with its first words, when it wraps). */
export function pageShowsHeading(page: string, title: string): boolean {
  const lines = page.split("\n").map(squash);
  const head = squash(title);
  return lines.some((l, i) => {
    if (l === head || l.startsWith(`${head} `)) return true;
    // A long heading wraps: this line and the next together.
    const two = squash(`${l} ${lines[i + 1] ?? ""}`);
    return l.length >= 12 && head.startsWith(l) && two.startsWith(head);
  });
}
