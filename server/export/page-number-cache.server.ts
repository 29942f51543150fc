// A cache of the LibreOffice render's page numbers by the document's content (ADR 0027): the same
// document gives the same pages, so a report exported twice unchanged is rendered once. The key is
// a SHA-256 of the .docx's parts (name and bytes of each zip entry, sorted by name), not of the zip
// itself: the packer stamps every entry and the core properties with the time of packing, which
// changes the bytes but not the layout. The created/modified dates in docProps/core.xml are left
// out for the same reason (nothing in the report shows them), and so are the ids the packer counts.
// Everything else — text, styles,
// figures, the placeholder width — is in the key, so any edit that could move a heading misses.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import JSZip from "jszip";
import type { PageNumberer } from "./page-numbers.server.ts";

/**
 * The packer numbers bookmarks and drawings from counters that live as long as the process, so the
 * same document gets other ids each time; numbered in order of appearance they are the same again.
 * An id only pairs a bookmark's start with its end or names a drawing; it takes no room on the page.
 */
const COUNTED_IDS = [/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g, /(<wp:docPr\b[^>]*?\bid=")(\d+)"/g, /(<pic:cNvPr\b[^>]*?\bid=")(\d+)"/g];

function renumberIds(xml: string): string {
  for (const pattern of COUNTED_IDS) {
    const ids = new Map<string, number>();
    xml = xml.replace(pattern, (_, head: string, id: string) => {
      if (!ids.has(id)) ids.set(id, ids.size);
      return `${head}${ids.get(id)}"`;
    });
  }
  return xml;
}

/** The content key of a .docx: its parts, without the packing time. */
export async function docxContentKey(docx: Buffer, salt = ""): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const hash = createHash("sha256").update(`ketenlijn-toc-v1\0${salt}\0`);
  const names = Object.keys(zip.files)
    .filter((n) => !zip.files[n]!.dir)
    .sort();
  for (const name of names) {
    let bytes: Buffer = await zip.files[name]!.async("nodebuffer");
    if (name === "docProps/core.xml") {
      bytes = Buffer.from(bytes.toString("utf8").replace(/<dcterms:(created|modified)\b[^>]*>[^<]*<\/dcterms:\1>/g, ""));
    } else if (name.startsWith("word/") && name.endsWith(".xml")) {
      bytes = Buffer.from(renumberIds(bytes.toString("utf8")));
    }
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest("hex");
}

export interface PageNumberCacheOptions {
  /** Entries kept in memory (least recently used go first). */
  maxEntries?: number;
  /** A folder that keeps the answers across processes too (the test runs set one per run). */
  dir?: string | null;
  /** Part of the key: what renders (the soffice binary and its version), so another LibreOffice misses. */
  salt?: string;
}

/**
 * Wraps a numberer with the content cache. Only answers are cached: a failed render (null) is
 * asked again next time. Two requests for the same document at once share one render.
 */
export function cachedPageNumbers(inner: PageNumberer, opts: PageNumberCacheOptions = {}): PageNumberer {
  const maxEntries = opts.maxEntries ?? 64;
  const memory = new Map<string, Promise<Map<string, number> | null>>();
  const remember = (key: string, value: Promise<Map<string, number> | null>) => {
    memory.delete(key);
    memory.set(key, value);
    while (memory.size > maxEntries) memory.delete(memory.keys().next().value!);
  };
  return async (docx) => {
    const key = await docxContentKey(docx, opts.salt);
    const known = memory.get(key);
    if (known) {
      remember(key, known);
      const pages = await known;
      if (pages) return new Map(pages);
    }
    const file = opts.dir ? path.join(opts.dir, `${key}.json`) : null;
    const job = (async () => {
      if (file) {
        const stored = await readFile(file, "utf8").then(
          (text) => new Map<string, number>(JSON.parse(text) as [string, number][]),
          () => null,
        );
        if (stored) return stored;
      }
      const pages = await inner(docx);
      if (pages && file) {
        await mkdir(opts.dir!, { recursive: true });
        const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
        await writeFile(tmp, JSON.stringify([...pages]));
        await rename(tmp, file);
      }
      return pages;
    })();
    remember(key, job);
    const pages = await job.catch(() => null);
    if (!pages) {
      if (memory.get(key) === job) memory.delete(key);
      return null;
    }
    return new Map(pages);
  };
}
