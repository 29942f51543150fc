import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  applyImport,
  detectDelimiter,
  parseDelimited,
  parseImportText,
  previewImport,
  splitActor,
  suggestMapping,
  type ImportParty,
} from "../../app/domain/timeline/import.ts";
import { createEvent, createParty } from "../../app/domain/timeline/mutations.ts";
import { getTimelineMaps, readTimeline } from "../../app/domain/timeline/schema.ts";
import { UserError } from "../../app/domain/errors.ts";

describe("parseDelimited", () => {
  it("handles quoted fields with delimiters, quotes and newlines", () => {
    const text = 'datum;titel;omschrijving\r\n12-03-2014;"Overleg; school";"Zei: ""nee""\nen ging weg"\r\n';
    expect(parseDelimited(text, ";")).toEqual([
      ["datum", "titel", "omschrijving"],
      ["12-03-2014", "Overleg; school", 'Zei: "nee"\nen ging weg'],
    ]);
  });

  it("strips a BOM, keeps empty fields and blank lines, ignores the final newline", () => {
    expect(parseDelimited("\uFEFFa,,c\n\nd,e,f\n", ",")).toEqual([["a", "", "c"], [""], ["d", "e", "f"]]);
    expect(parseDelimited("a\tb", "\t")).toEqual([["a", "b"]]);
    expect(parseDelimited("", ",")).toEqual([]);
  });

  it("treats a quote inside an unquoted field literally", () => {
    expect(parseDelimited('12" scherm,x', ",")).toEqual([['12" scherm', "x"]]);
  });
});

describe("detectDelimiter", () => {
  it("recognises Excel's tab-separated paste", () => {
    expect(detectDelimiter("datum\ttitel\n12-03-2014\tHuisbezoek, met moeder")).toBe("\t");
  });

  it("recognises Dutch Excel's semicolons despite commas in the text", () => {
    const text = [
      "Datum;Organisatie;Wat;Omschrijving",
      "12-03-2014;Wijkteam Noord;Huisbezoek;Moeder, kind 1 en kind 2 thuis",
      "13-03-2014;School;Gesprek;Kort, zakelijk, geen zorgen",
      "14-03-2014;Politie;Melding;Geen bijzonderheden",
    ].join("\n");
    expect(detectDelimiter(text)).toBe(";");
  });

  it("recognises commas, also with quoted commas", () => {
    const text = 'Datum,Organisatie,Wat\n12-03-2014,Wijkteam Noord,"Huisbezoek, kort"\n13-03-2014,School,Gesprek\n';
    expect(detectDelimiter(text)).toBe(",");
  });
});

describe("suggestMapping", () => {
  it("maps Dutch headers", () => {
    expect(
      suggestMapping(["Datum", "Tijd", "Organisatie", "Wat", "Omschrijving", "Functie", "Initialen", "Soort", "Bron", "Soort bron", "Leefgebieden", "Einddatum"]),
    ).toEqual({
      start: 0,
      time: 1,
      party: 2,
      title: 3,
      description: 4,
      actorFunction: 5,
      actorInitials: 6,
      kind: 7,
      source: 8,
      sourceType: 9,
      lifeDomains: 10,
      end: 11,
    });
  });

  it("maps English headers and ignores unknown ones", () => {
    expect(suggestMapping(["Date", "Organisation", "Title", "Description", "Source", "Colour"])).toEqual({
      start: 0,
      party: 1,
      title: 2,
      description: 3,
      source: 4,
    });
  });

  it("handles decorated headers and uses each column once", () => {
    expect(suggestMapping(["Datum (dd-mm-jjjj)", "Partij / organisatie", "Titel", "Wie (functie)", "Bron (dossier)"])).toEqual({
      start: 0,
      party: 1,
      title: 2,
      actorFunction: 3,
      source: 4,
    });
  });
});

describe("parseImportText", () => {
  it("detects a header row", () => {
    const t = parseImportText("Datum;Partij;Titel\n12-03-2014;Wijkteam Noord;Huisbezoek\n");
    expect(t).toMatchObject({ delimiter: ";", hasHeader: true, headers: ["Datum", "Partij", "Titel"], firstRowNumber: 2 });
    expect(t.rows).toEqual([["12-03-2014", "Wijkteam Noord", "Huisbezoek"]]);
  });

  it("knows pasted rows without a header", () => {
    const t = parseImportText("12-03-2014\tWijkteam Noord\tHuisbezoek\n13-03-2014\tSchool\tGesprek");
    expect(t).toMatchObject({ delimiter: "\t", hasHeader: false, headers: ["Kolom 1", "Kolom 2", "Kolom 3"], firstRowNumber: 1 });
    expect(t.rows).toHaveLength(2);
  });
});

describe("splitActor", () => {
  it("splits trailing initials off a function", () => {
    expect(splitActor("Wijkcoach J.B.")).toEqual({ actorFunction: "Wijkcoach", actorInitials: "J.B." });
    expect(splitActor("Agent R.d.J.")).toEqual({ actorFunction: "Agent", actorInitials: "R.d.J." });
    expect(splitActor("Jeugdarts (B.v.L.)")).toEqual({ actorFunction: "Jeugdarts", actorInitials: "B.v.L." });
    expect(splitActor("Intern begeleider")).toEqual({ actorFunction: "Intern begeleider", actorInitials: "" });
  });
});

const PARTIES: ImportParty[] = [
  { id: "p-wijkteam", name: "Wijkteam Noord" },
  { id: "p-school", name: "Basisschool De Vlinderboom" },
];

const CSV = [
  "Datum;Tijd;Organisatie;Wat;Omschrijving;Functie;Soort;Bron;Leefgebieden;Markeringen;Einddatum",
  "12-03-2014;10:30;Wijkteam Noord;Huisbezoek;Woning karig ingericht;Wijkcoach J.B.;huisbezoek;Journaal wijkteam;wonen, financiën;signaal;",
  "31-02-2014;;Wijkteam Noord;Overleg;;;;;;;",
  "ca. maart 2014;;wijkteam noord;Gesprek met moeder;;;gesprek;;;;",
  ";;;;;;;;;;",
  "14-03-2014;;GGD;Inenting;;;;;;;",
  "15-03-2014;;Basisschool De Vlinderboom;;;;;;;;",
  "16-03-2014;;Basisschool De Vlinderboom;Zorgoverleg;;Leerkracht;feest;;gezin;kritiek moment, raar;",
  "20-03-2014;;Wijkteam Noord;Terug in de tijd;;;;;;;18-03-2014",
  "21-03-2014;;Basisschool De Vlinderboom;\"Gesprek; met \"\"moeder\"\"\";\"Regel 1\nRegel 2\";;;;;;",
].join("\n");

describe("previewImport", () => {
  const table = parseImportText(CSV);
  const mapping = suggestMapping(table.headers);

  it("turns valid rows into drafts and explains the rest in Dutch", () => {
    const preview = previewImport(table.rows, mapping, PARTIES, { firstRowNumber: table.firstRowNumber });
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => [r.rowNumber, r.ok])).toEqual([
      [2, true],
      [3, false],
      [4, true],
      [6, false],
      [7, false],
      [8, true],
      [9, false],
      [10, true],
    ]);
    const errors = Object.fromEntries(preview.rows.flatMap((r) => (r.ok ? [] : [[r.rowNumber, r.errors]])));
    expect(errors[3]).toEqual(["Rij 3: datum '31-02-2014' bestaat niet"]);
    expect(errors[6]).toEqual([
      "Rij 6: organisatie 'GGD' is onbekend; kies een bestaande partij of laat hem aanmaken",
    ]);
    expect(errors[7]).toEqual(["Rij 7: titel ontbreekt"]);
    expect(errors[9]).toEqual(["Rij 9: einddatum '18-03-2014' ligt vóór de datum '20-03-2014'"]);
    expect(preview.unknownParties).toEqual(["GGD"]);
    expect(preview.errorCount).toBe(4);
    expect(preview.drafts).toHaveLength(4);
    // Quoted cells keep their delimiter, quotes and line break.
    expect(preview.drafts[3].event).toMatchObject({ title: 'Gesprek; met "moeder"', description: "Regel 1\nRegel 2" });

    const first = preview.drafts[0];
    expect(first).toEqual({
      rowNumber: 2,
      party: { kind: "existing", id: "p-wijkteam" },
      event: {
        title: "Huisbezoek",
        start: "2014-03-12T10:30",
        approximate: false,
        description: "Woning karig ingericht",
        actorFunction: "Wijkcoach",
        actorInitials: "J.B.",
        kind: "huisbezoek",
        sources: [{ type: "dossier", reference: "Journaal wijkteam" }],
        lifeDomains: ["wonen", "financien"],
        flags: { signaal: true },
        status: "concept",
      },
    });
    // Party names match regardless of case; "ca." marks the date approximate; "gesprek" is contact.
    expect(preview.drafts[1]).toMatchObject({
      party: { kind: "existing", id: "p-wijkteam" },
      event: { start: "2014-03", approximate: true, kind: "contact" },
    });
  });

  it("warns about unknown kinds and flags but keeps the row", () => {
    const preview = previewImport(table.rows, mapping, PARTIES, { firstRowNumber: 2 });
    const row8 = preview.rows.find((r) => r.rowNumber === 8)!;
    expect(row8.ok).toBe(true);
    expect(row8.warnings).toEqual([
      "Rij 8: soort 'feest' is onbekend; vastgelegd als 'Overig'",
      "Rij 8: markering 'raar' is onbekend en is overgeslagen",
    ]);
    expect(row8.ok && row8.draft.event).toMatchObject({ kind: "overig", flags: { kritiekMoment: true }, lifeDomains: ["gezin"] });
  });

  it("maps or creates unknown organisations when asked", () => {
    const aliased = previewImport(table.rows, mapping, PARTIES, {
      firstRowNumber: 2,
      partyAliases: { GGD: "p-school" },
    });
    expect(aliased.rows.find((r) => r.rowNumber === 6)).toMatchObject({ ok: true, draft: { party: { kind: "existing", id: "p-school" } } });
    const created = previewImport(table.rows, mapping, PARTIES, {
      firstRowNumber: 2,
      newParties: { ggd: "Gezondheid" },
    });
    expect(created.rows.find((r) => r.rowNumber === 6)).toMatchObject({
      ok: true,
      draft: { party: { kind: "new", name: "ggd", domain: "Gezondheid" } },
    });
    expect(created.unknownParties).toEqual([]);
  });

  it("reports an incomplete mapping and then imports nothing", () => {
    const preview = previewImport(table.rows, { start: 0 }, PARTIES);
    expect(preview.problems).toEqual([
      "Kies welke kolom de titel (wat er gebeurde) bevat.",
      "Kies welke kolom de organisatie bevat, of kies één partij voor alle rijen.",
    ]);
    expect(preview.drafts).toEqual([]);
  });

  it("uses a default party when there is no organisation column", () => {
    const preview = previewImport([["12-03-2014", "Huisbezoek"]], { start: 0, title: 1 }, PARTIES, { defaultPartyId: "p-wijkteam" });
    expect(preview.drafts[0].party).toEqual({ kind: "existing", id: "p-wijkteam" });
  });

  it("refuses names given as initials", () => {
    const preview = previewImport([["12-03-2014", "Wijkteam Noord", "Bezoek", "Jan"]], { start: 0, party: 1, title: 2, actorInitials: 3 }, PARTIES);
    expect(preview.rows[0]).toMatchObject({ ok: false });
    expect(!preview.rows[0].ok && preview.rows[0].errors[0]).toContain("Rij 1: initialen 'Jan'");
  });
});

describe("applyImport", () => {
  function setupDoc() {
    const doc = new Y.Doc();
    const origin = { session: "me" };
    const undo = new Y.UndoManager(Object.values(getTimelineMaps(doc)), { trackedOrigins: new Set([origin]) });
    const wijkteam = createParty(doc, { name: "Wijkteam Noord", domain: "Gezin" }, { origin });
    createEvent(doc, { title: "Eerder feit", party: wijkteam, start: "2014-01", kind: "overig" }, { userId: "u1", origin });
    undo.stopCapturing();
    return { doc, origin, undo, wijkteam };
  }

  it("writes all drafts and new parties in one transaction, undone in one step", () => {
    const { doc, origin, undo, wijkteam } = setupDoc();
    const table = parseImportText(CSV);
    const preview = previewImport(table.rows, suggestMapping(table.headers), [{ id: wijkteam, name: "Wijkteam Noord" }], {
      firstRowNumber: table.firstRowNumber,
      newParties: { GGD: "Gezondheid", "Basisschool De Vlinderboom": "Onderwijs" },
    });
    expect(preview.drafts).toHaveLength(5);

    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    const undoStackBefore = undo.undoStack.length;
    const result = applyImport(doc, preview.drafts, { id: "u2" }, origin, { now: new Date("2024-03-05T12:00:00Z") });
    expect(transactions).toBe(1);
    expect(undo.undoStack.length).toBe(undoStackBefore + 1);
    expect(result.eventIds).toHaveLength(5);
    // Two rows name the school: it is created once.
    expect(Object.keys(result.createdParties).sort()).toEqual(["Basisschool De Vlinderboom", "GGD"]);

    const after = readTimeline(doc);
    expect(after.parties).toHaveLength(3);
    expect(after.events).toHaveLength(6);
    expect(after.events.every((e) => e.ok)).toBe(true);
    const imported = after.events.find((e) => e.ok && e.value.title === "Inenting");
    expect(imported?.ok && imported.value).toMatchObject({ createdBy: "u2", createdAt: "2024-03-05T12:00:00.002Z", status: "concept" });

    undo.undo();
    const undone = readTimeline(doc);
    expect(undone.parties.map((p) => p.ok && p.value.name)).toEqual(["Wijkteam Noord"]);
    expect(undone.events.map((e) => e.ok && e.value.title)).toEqual(["Eerder feit"]);

    undo.redo();
    expect(readTimeline(doc).events).toHaveLength(6);
  });

  it("writes a large import in chunks, each update well under the server's 1 MiB message limit", () => {
    const { doc, origin, undo, wijkteam } = setupDoc();
    const rows = Array.from({ length: 1250 }, (_, i) => [
      "12-03-2014",
      "Wijkteam Noord",
      `Feit ${i}`,
      `Omschrijving ${i}: ${"het gezin is bezocht en de situatie is besproken met de ouders. ".repeat(14)}`,
    ]);
    const preview = previewImport(rows, { start: 0, party: 1, title: 2, description: 3 }, [{ id: wijkteam, name: "Wijkteam Noord" }]);
    const sizes: number[] = [];
    doc.on("update", (u: Uint8Array) => sizes.push(u.byteLength));
    const before = undo.undoStack.length;
    applyImport(doc, preview.drafts, { id: "u2" }, origin);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(1024 * 1024); // one update would be over the limit
    expect(sizes.length).toBe(5);
    expect(Math.max(...sizes)).toBeLessThan(512 * 1024);
    expect(readTimeline(doc).events).toHaveLength(1251);
    // An undo manager that merges the chunks undoes the whole import in one step.
    expect(undo.undoStack.length).toBe(before + 1);
    undo.undo();
    expect(readTimeline(doc).events).toHaveLength(1);
  }, 30_000);

  it("keeps the spreadsheet order for rows with the same date", () => {
    const { doc, origin, wijkteam } = setupDoc();
    const rows = ["C", "A", "B", "D"].map((t) => ["12-03-2014", "Wijkteam Noord", t]);
    const preview = previewImport(rows, { start: 0, party: 1, title: 2 }, [{ id: wijkteam, name: "Wijkteam Noord" }]);
    applyImport(doc, preview.drafts, { id: "u2" }, origin);
    const titles = readTimeline(doc).events.flatMap((e) => (e.ok && e.value.start === "2014-03-12" ? [e.value.title] : []));
    expect(titles).toEqual(["C", "A", "B", "D"]);
  });

  it("checks everything first and writes nothing when a draft is bad", () => {
    const { doc, origin, wijkteam } = setupDoc();
    const preview = previewImport([["12-03-2014", "Wijkteam Noord", "Huisbezoek"]], { start: 0, party: 1, title: 2 }, [
      { id: wijkteam, name: "Wijkteam Noord" },
    ]);
    const drafts = [...preview.drafts, { ...preview.drafts[0], rowNumber: 5, party: { kind: "existing" as const, id: "gone" } }];
    let thrown: unknown;
    try {
      applyImport(doc, drafts, { id: "u2" }, origin);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).details).toEqual(["Rij 5: de gekozen partij bestaat niet meer"]);
    expect(readTimeline(doc).events).toHaveLength(1);
  });

  it("reuses a party a peer created meanwhile instead of duplicating it", () => {
    const { doc, origin } = setupDoc();
    const preview = previewImport([["12-03-2014", "GGD", "Inenting"]], { start: 0, party: 1, title: 2 }, [], {
      newParties: { GGD: "Gezondheid" },
    });
    const ggd = createParty(doc, { name: "GGD", domain: "Gezondheid" });
    const result = applyImport(doc, preview.drafts, { id: "u2" }, origin);
    expect(result.createdParties).toEqual({});
    expect(readTimeline(doc).parties).toHaveLength(2);
    const ev = readTimeline(doc).events.find((e) => e.ok && e.value.title === "Inenting");
    expect(ev?.ok && ev.value.party).toBe(ggd);
  });
});
