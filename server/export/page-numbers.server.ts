// The page each heading of a rendered report lands on, from one LibreOffice render: the .docx is
// converted to PDF headless with its bookmarks exported as named destinations, and poppler's
// `pdfinfo -dests` lists each destination's page. The renderer writes these numbers into the table
// of contents (ADR 0022). Without LibreOffice or poppler this answers null and the renderer falls
// back to a TOC field that Word fills in when it opens the document.
import { execFile } from "node:child_process";
import { existsSync, realpathSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { cachedPageNumbers } from "./page-number-cache.server.ts";

const run = promisify(execFile);

/** Finds a heading's page by its bookmark name, from a rendered .docx; null when that cannot be done here. */
export type PageNumberer = (docx: Buffer) => Promise<Map<string, number> | null>;

function firstExisting(candidates: readonly (string | undefined)[]): string | null {
  for (const c of candidates) if (c && existsSync(c)) return c;
  return null;
}

export function sofficePath(): string | null {
  if (process.env.KETENLIJN_SOFFICE === "0") return null;
  return firstExisting([process.env.KETENLIJN_SOFFICE, "/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"]);
}

export function pdfinfoPath(): string | null {
  return firstExisting(["/usr/bin/pdfinfo", "/usr/local/bin/pdfinfo"]);
}

/**
 * Parses `pdfinfo -dests`: `  12 [ XYZ   57  753 null ] "name"` per destination. pdfinfo prints a
 * name's bytes outside [A-Za-z0-9] as hex (LibreOffice writes `_` as `#5F`, shown as `5F`), so the
 * keys come back through `destName`.
 */
export function parseDests(out: string): Map<string, number> {
  const pages = new Map<string, number>();
  for (const line of out.split("\n")) {
    const m = /^\s*(\d+)\s+\[.*\]\s+"(.*)"\s*$/.exec(line);
    if (m && !pages.has(m[2]!)) pages.set(m[2]!, Number(m[1]));
  }
  return pages;
}

/** How a bookmark name appears in pdfinfo's list (see parseDests). */
export function destName(bookmark: string): string {
  return bookmark.replace(/[^A-Za-z0-9]/g, (c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"));
}

// One conversion at a time per process, in one LibreOffice profile kept for the process's life:
// two soffice processes on one profile conflict, and a fresh profile costs a second of start-up.
let queue: Promise<unknown> = Promise.resolve();
let profileDir: string | null = null;

async function convert(soffice: string, pdfinfo: string, docx: Buffer): Promise<Map<string, number>> {
  profileDir ??= path.join(tmpdir(), `ketenlijn-lo-${process.pid}`);
  await mkdir(profileDir, { recursive: true });
  const dir = await mkdtemp(path.join(tmpdir(), "ketenlijn-toc-"));
  try {
    const file = path.join(dir, "rapport.docx");
    await writeFile(file, docx);
    const filter = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}';
    await run(soffice, [`-env:UserInstallation=file://${profileDir}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", dir, file], {
      timeout: 120_000,
    });
    const { stdout } = await run(pdfinfo, ["-dests", path.join(dir, "rapport.pdf")], { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 });
    return parseDests(stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One LibreOffice render + pdfinfo, uncached; null when either is missing or the render fails. */
export const renderPageNumbers: PageNumberer = async (docx) => {
  const soffice = sofficePath();
  const pdfinfo = pdfinfoPath();
  if (!soffice || !pdfinfo) return null;
  const job = queue.then(() => convert(soffice, pdfinfo, docx));
  queue = job.catch(() => undefined);
  try {
    return await job;
  } catch (err) {
    console.warn(`Paginanummers voor de inhoudsopgave niet bepaald (LibreOffice): ${(err as Error).message}`);
    return null;
  }
};

/** Which LibreOffice renders: its path and the binary's modification time (an upgrade changes it). */
function rendererSalt(soffice: string): string {
  try {
    const real = realpathSync(soffice);
    return `${real}\0${statSync(real).mtimeMs}`;
  } catch {
    return soffice;
  }
}

const cached = new Map<string, PageNumberer>();

/**
 * The default numberer: LibreOffice + pdfinfo when both are installed, else null (Word fills the
 * TOC). The same document is rendered once (page-number-cache.server.ts, ADR 0027); with
 * KETENLIJN_TOC_CACHE_DIR set the answers are kept in that folder too (the test runs share one).
 */
export const libreOfficePageNumbers: PageNumberer = async (docx) => {
  const soffice = sofficePath();
  if (!soffice || !pdfinfoPath()) return null;
  const dir = process.env.KETENLIJN_TOC_CACHE_DIR || null;
  const id = `${soffice}\0${dir ?? ""}`;
  let numberer = cached.get(id);
  if (!numberer) {
    numberer = cachedPageNumbers(renderPageNumbers, { dir, salt: rendererSalt(soffice) });
    cached.set(id, numberer);
  }
  return numberer(docx);
};
