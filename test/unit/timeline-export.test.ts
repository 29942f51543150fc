import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { timelineExportTable, toCsvFile, toDelimited } from "../../app/domain/timeline/export.ts";
import { applyImport, IMPORT_FIELDS, parseImportText, previewImport, suggestMapping } from "../../app/domain/timeline/import.ts";
import { createEvent, createParty, type EventInput } from "../../app/domain/timeline/mutations.ts";
import { readTimeline, type TimelineEvent } from "../../app/domain/timeline/schema.ts";
import { guardCell, sheetCellText, sheetRowsToText, unguardCell } from "../../app/domain/timeline/spreadsheet-cells.ts";

/** What a fact says (not who typed it when, nor its review status). */
function factOf(e: TimelineEvent, partyName: string) {
  return {
    party: partyName,
    title: e.title,
    start: e.start,
    approximate: e.approximate,
    end: e.end ?? null,
    description: e.description,
    actorFunction: e.actorFunction,
    actorInitials: e.actorInitials,
    kind: e.kind,
    sources: e.sources,
    lifeDomains: e.lifeDomains,
    flags: e.flags,
  };
}

function facts(doc: Y.Doc) {
  const t = readTimeline(doc);
  const names = new Map(t.parties.flatMap((p) => (p.ok ? [[p.id, p.value.name] as const] : [])));
  return t.events.flatMap((e) => (e.ok ? [factOf(e.value, names.get(e.value.party)!)] : []));
}

const user = { userId: "u1" };

function sampleDoc(): Y.Doc {
  const doc = new Y.Doc();
  const wijk = createParty(doc, { name: "Wijkteam Noord", domain: "Gezin" });
  const school = createParty(doc, { name: "Basisschool De Regenboog", domain: "Onderwijs" });
  const events: EventInput[] = [
    {
      party: wijk,
      title: "=HYPERLINK(\"http://x\") huisbezoek",
      start: "2014-03-12T10:30",
      end: "2014-03-12T11:45",
      description: 'Moeder zei: "nee; niet nu".\nTweede regel, met komma\'s.',
      actorFunction: "Wijkcoach",
      actorInitials: "J.B.",
      kind: "huisbezoek",
      sources: [
        { type: "dossier", reference: "Dossier wijkteam p. 4" },
        { type: "interview", reference: "Gesprek wijkcoach 3-5-2024" },
      ],
      lifeDomains: ["gezin", "financien", "Eigen leefgebied"],
      flags: { signaal: true, kritiekMoment: true, overdracht: false, opschaling: true },
    },
    { party: school, title: "Verzuim gemeld", start: "2013-09", approximate: true, kind: "melding_signaal", sources: [], lifeDomains: [] },
    { party: school, title: "-2 punten rapport", start: "2013", end: "2014-06-30", kind: "overig", description: "+ ook nog", actorFunction: "Leerkracht" },
  ];
  events.forEach((e, i) => createEvent(doc, e, { ...user, now: new Date(Date.UTC(2024, 0, 1, 0, 0, i)) }));
  return doc;
}

/** Imports text into a document that holds the same parties (names) as `from`. */
function reimport(text: string, from: Y.Doc): Y.Doc {
  const target = new Y.Doc();
  const parties = readTimeline(from).parties.flatMap((p) => (p.ok ? [p.value] : []));
  const ids = parties.map((p) => ({ id: createParty(target, { name: p.name, domain: p.domain }), name: p.name }));
  const parsed = parseImportText(text);
  const mapping = suggestMapping(parsed.headers);
  const preview = previewImport(parsed.rows, mapping, ids, { firstRowNumber: parsed.firstRowNumber });
  expect(preview.problems).toEqual([]);
  expect(preview.rows.filter((r) => !r.ok)).toEqual([]);
  expect(preview.rows.flatMap((r) => r.warnings)).toEqual([]);
  applyImport(target, preview.drafts, { id: "u2" });
  return target;
}

describe("timeline export", () => {
  it("has exactly the import's columns, and the import recognises every header", () => {
    const table = timelineExportTable(readTimeline(sampleDoc()));
    expect(table.headers).toEqual(IMPORT_FIELDS.map((f) => f.label));
    const mapping = suggestMapping(table.headers);
    for (const [i, f] of IMPORT_FIELDS.entries()) expect(mapping[f.key], f.key).toBe(i);
  });

  it("writes Dutch dates, the time apart, labels for kind, sources, leefgebieden and markeringen", () => {
    const table = timelineExportTable(readTimeline(sampleDoc()));
    const byTitle = new Map(table.rows.map((r) => [r[5], r]));
    const visit = byTitle.get('=HYPERLINK("http://x") huisbezoek')!;
    expect(visit.slice(0, 5)).toEqual(["12-03-2014", "10:30", "12-03-2014", "11:45", "Wijkteam Noord"]);
    expect(visit[9]).toBe("Huisbezoek");
    expect(visit[10]).toBe("Dossier\nInterview");
    expect(visit[12]).toBe("Gezin, Financiën en schulden, Eigen leefgebied");
    expect(visit[13]).toBe("Signaal, Kritiek moment, Opschaling");
    expect(byTitle.get("Verzuim gemeld")![0]).toBe("ca. 09-2013");
  });

  it("round trip CSV → import gives the same facts", () => {
    const doc = sampleDoc();
    const csv = toCsvFile(timelineExportTable(readTimeline(doc)));
    expect(csv.startsWith("\ufeffDatum;Tijd;")).toBe(true);
    expect(facts(reimport(csv, doc))).toEqual(facts(doc));
  });

  it("round trip through tab-separated text (as pasted from Excel) gives the same facts", () => {
    const doc = sampleDoc();
    const tsv = toDelimited(timelineExportTable(readTimeline(doc)), "\t");
    expect(facts(reimport(tsv, doc))).toEqual(facts(doc));
  });

  it("guards cells that a spreadsheet would run as a formula", () => {
    const csv = toCsvFile(timelineExportTable(readTimeline(sampleDoc())));
    expect(csv).toContain(`"'=HYPERLINK(""http://x"") huisbezoek"`);
    expect(csv).not.toMatch(/(^|;)=/m);
    expect(guardCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(unguardCell(guardCell("-2"))).toBe("-2");
    expect(unguardCell("'gewoon")).toBe("'gewoon");
  });

  it("leaves invalid entries out and counts them", () => {
    const doc = sampleDoc();
    const bad = new Y.Map<unknown>();
    doc.getMap("events").set("kapot", bad);
    bad.set("title", "");
    const table = timelineExportTable(readTimeline(doc));
    expect(table.rows).toHaveLength(3);
    expect(table.skipped).toBe(1);
  });
});

describe("reading an .xlsx sheet for the import", () => {
  it("turns dates, numbers and empty cells into the import's text", () => {
    expect(sheetCellText(new Date(Date.UTC(2014, 2, 12)))).toBe("12-03-2014");
    expect(sheetCellText(new Date(Date.UTC(2014, 2, 12, 10, 30)))).toBe("12-03-2014 10:30");
    expect(sheetCellText(2.5)).toBe("2,5");
    expect(sheetCellText(null)).toBe("");
  });

  it("keeps newlines and tabs inside cells", () => {
    const text = sheetRowsToText([["Datum", "Titel", "Omschrijving"], [new Date(Date.UTC(2014, 2, 12)), "Huisbezoek", "regel 1\nregel\t2"]]);
    const parsed = parseImportText(text);
    expect(parsed.delimiter).toBe("\t");
    expect(parsed.rows).toEqual([["12-03-2014", "Huisbezoek", "regel 1\nregel\t2"]]);
  });
});
