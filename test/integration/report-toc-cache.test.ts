// The cache of LibreOffice's page numbers (ADR 0027): the same report exported again is not
// rendered again, and an edited report is (its contents show the new pages, not the old ones).
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import type { ReportModel } from "../../app/domain/report/model.ts";
import { cachedPageNumbers, docxContentKey } from "../../server/export/page-number-cache.server.ts";
import { pdfinfoPath, renderPageNumbers, sofficePath, type PageNumberer } from "../../server/export/page-numbers.server.ts";
import { renderReportDocx, renderReportDocxWithToc } from "../../server/export/render-docx.server.ts";
import { demoReportModel } from "../fixtures/report-model.ts";

const canRender = Boolean(sofficePath() && pdfinfoPath());

function counting(inner: PageNumberer): PageNumberer & { renders: number } {
  const f = Object.assign(async (docx: Buffer) => {
    f.renders++;
    return inner(docx);
  }, { renders: 0 });
  return f;
}

/** The same report with many paragraphs more in item 1a: everything after it moves down pages. */
function lengthened(model: ReportModel): ReportModel {
  const copy = structuredClone(model);
  const item = copy.chapters[0]!.items[0]!;
  for (let i = 0; i < 120; i++) item.blocks.push({ type: "paragraph", text: `Aanvulling ${i + 1}: de zorgaanbieder beschrijft wat er die dag gebeurde.` });
  return copy;
}

const pagesOf = (toc: { kind: string; pages?: ReadonlyMap<string, number> }) => {
  if (toc.kind !== "rendered" || !toc.pages) throw new Error(`contents not rendered: ${toc.kind}`);
  return toc.pages;
};

describe.skipIf(!canRender)("page numbers cached by the document's content", () => {
  const model = demoReportModel({ events: 10, causes: 6, measures: 2 });
  const dirs: string[] = [];
  // The packer stamps the zip's entries with the time: pack "later" without waiting for it.
  const packLater = () => vi.setSystemTime(Date.now() + 3_600_000);
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("renders an unchanged report once, and an edited one again with its new page numbers", async () => {
    const lo = counting(renderPageNumbers);
    const numberer = cachedPageNumbers(lo);

    const first = await renderReportDocxWithToc(model, { pageNumbers: numberer });
    const rendersFirst = lo.renders;
    expect(rendersFirst).toBeGreaterThan(0);
    vi.useFakeTimers({ toFake: ["Date"] });
    packLater();
    const again = await renderReportDocxWithToc(model, { pageNumbers: numberer });
    expect(lo.renders).toBe(rendersFirst);
    expect([...pagesOf(again.toc)]).toEqual([...pagesOf(first.toc)]);

    const longer = lengthened(model);
    const edited = await renderReportDocxWithToc(longer, { pageNumbers: numberer });
    expect(lo.renders).toBeGreaterThan(rendersFirst);
    const before = pagesOf(first.toc);
    const after = pagesOf(edited.toc);
    const last = [...before.keys()].at(-1)!;
    expect(after.get(last)!).toBeGreaterThan(before.get(last)!);
    // The same as rendering the edited report without any cache.
    const fresh = await renderReportDocxWithToc(longer, { pageNumbers: renderPageNumbers });
    expect([...after]).toEqual([...pagesOf(fresh.toc)]);
  });

  it("keeps the answers in a folder for another process, and an edited report misses there too", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "ketenlijn-toc-cache-test-"));
    dirs.push(dir);
    const lo = counting(renderPageNumbers);
    const first = await renderReportDocxWithToc(model, { pageNumbers: cachedPageNumbers(lo, { dir }) });
    const stored = (await readdir(dir)).filter((f) => f.endsWith(".json"));
    expect(stored.length).toBe(lo.renders);

    const other = counting(renderPageNumbers); // another process: empty memory, same folder
    const again = await renderReportDocxWithToc(model, { pageNumbers: cachedPageNumbers(other, { dir }) });
    expect(other.renders).toBe(0);
    expect([...pagesOf(again.toc)]).toEqual([...pagesOf(first.toc)]);

    await renderReportDocxWithToc(lengthened(model), { pageNumbers: cachedPageNumbers(other, { dir }) });
    expect(other.renders).toBeGreaterThan(0);
  });

  it("keys a document by its parts, not by when it was packed, and by the renderer", async () => {
    const a = await renderReportDocx(model, { pageNumbers: null });
    vi.useFakeTimers({ toFake: ["Date"] });
    packLater();
    const b = await renderReportDocx(model, { pageNumbers: null });
    expect(Buffer.compare(a, b)).not.toBe(0); // the packer stamps the time
    expect(await docxContentKey(a)).toBe(await docxContentKey(b));
    expect(await docxContentKey(a, "another LibreOffice")).not.toBe(await docxContentKey(a));
    const c = await renderReportDocx(lengthened(model), { pageNumbers: null });
    expect(await docxContentKey(c)).not.toBe(await docxContentKey(a));
  });
});
