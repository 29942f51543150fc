// Importing events from a CSV file or rows pasted from Excel. Organisations deliver their facts
// as spreadsheets today (domain.md §1); this turns them into event drafts, shows per row what is
// wrong in Dutch, and writes the accepted rows in one transaction (one undo step).
import type * as Y from "yjs";
import { parseDutchDate } from "./dutch-dates.ts";
import { unguardCell } from "./spreadsheet-cells.ts";
import { createEvent, createParty, type EventInput } from "./mutations.ts";
import { isEndNotBeforeStart } from "./partial-date.ts";
import { EventSchema, InitialsSchema, PartySchema, getTimelineMaps, validateWith, yToPlain, type EventFlags, type Source } from "./schema.ts";
import {
  EVENT_FLAGS,
  EVENT_KINDS,
  LIFE_DOMAINS,
  SOURCE_TYPES,
  type EventKind,
  type SourceType,
} from "./vocabulary.ts";
import { UserError } from "../errors.ts";

// ---------------------------------------------------------------------------------------------
// Delimited text

export type Delimiter = "\t" | ";" | ",";
const DELIMITERS: readonly Delimiter[] = ["\t", ";", ","];

/**
 * Splits delimited text into records (RFC 4180 quoting: fields in double quotes may contain the
 * delimiter, newlines and "" for a quote, as Excel writes them). A final newline adds no record;
 * blank lines are kept as [""] so row numbers match the spreadsheet.
 */
export function parseDelimited(text: string, delimiter: Delimiter): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
    } else if (c === delimiter) {
      record.push(field);
      field = "";
      fieldStart = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      fieldStart = true;
    } else {
      field += c;
      fieldStart = false;
    }
  }
  if (!fieldStart || field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * Guesses the delimiter: a tab wins when present (Excel pastes tabs), otherwise whichever of
 * ";" (Dutch Excel's CSV) and "," splits the first lines into the most consistent number of
 * columns (> 1); ";" on a tie, because Dutch text is full of commas.
 */
export function detectDelimiter(text: string): Delimiter {
  const sample = text.slice(0, 20_000);
  let best: { delimiter: Delimiter; score: number } = { delimiter: ";", score: -1 };
  for (const delimiter of DELIMITERS) {
    const records = parseDelimited(sample, delimiter)
      .slice(0, 30)
      .filter((r) => r.some((c) => c.trim() !== ""));
    if (records.length === 0) continue;
    const counts = records.map((r) => r.length);
    const frequency = new Map<number, number>();
    for (const n of counts) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    const [mode, modeCount] = [...frequency.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
    if (mode < 2) continue;
    if (delimiter === "\t") return "\t";
    const score = modeCount / records.length + (counts[0] === mode ? 0.5 : 0);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

export interface ParsedTable {
  delimiter: Delimiter;
  hasHeader: boolean;
  /** Column names; "Kolom 1", "Kolom 2", … when there is no header row. */
  headers: string[];
  /** Data rows (header excluded), blank rows kept so numbering matches the spreadsheet. */
  rows: string[][];
  /** Spreadsheet row number of rows[0]: 2 after a header row, else 1. Pass to previewImport. */
  firstRowNumber: number;
}

/** Parses pasted or uploaded text; detects the delimiter and whether the first row is a header. */
export function parseImportText(
  text: string,
  options: { delimiter?: Delimiter; hasHeader?: boolean } = {},
): ParsedTable {
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const records = parseDelimited(text, delimiter);
  while (records.length > 0 && records[records.length - 1].every((c) => c.trim() === "")) records.pop();
  const first = records[0] ?? [];
  const hasHeader =
    options.hasHeader ??
    (Object.keys(suggestMapping(first)).length > 0 && !first.some((c) => parseDutchDate(c).ok));
  const width = Math.max(0, ...records.map((r) => r.length));
  const headers = hasHeader
    ? Array.from({ length: width }, (_, i) => first[i]?.trim() || `Kolom ${i + 1}`)
    : Array.from({ length: width }, (_, i) => `Kolom ${i + 1}`);
  return {
    delimiter,
    hasHeader,
    headers,
    rows: hasHeader ? records.slice(1) : records,
    firstRowNumber: hasHeader ? 2 : 1,
  };
}

// ---------------------------------------------------------------------------------------------
// Column mapping

export type ImportField =
  | "start"
  | "time"
  | "end"
  | "endTime"
  | "party"
  | "title"
  | "description"
  | "actorFunction"
  | "actorInitials"
  | "kind"
  | "sourceType"
  | "source"
  | "lifeDomains"
  | "flags";

/** Field → column index. */
export type ImportMapping = Partial<Record<ImportField, number>>;

export const IMPORT_FIELDS: readonly { key: ImportField; label: string; required: boolean }[] = [
  { key: "start", label: "Datum", required: true },
  { key: "time", label: "Tijd", required: false },
  { key: "end", label: "Einddatum", required: false },
  { key: "endTime", label: "Eindtijd", required: false },
  { key: "party", label: "Organisatie", required: true },
  { key: "title", label: "Titel", required: true },
  { key: "description", label: "Omschrijving", required: false },
  { key: "actorFunction", label: "Functie", required: false },
  { key: "actorInitials", label: "Initialen", required: false },
  { key: "kind", label: "Soort", required: false },
  { key: "sourceType", label: "Soort bron", required: false },
  { key: "source", label: "Bron", required: false },
  { key: "lifeDomains", label: "Leefgebieden", required: false },
  { key: "flags", label: "Markeringen", required: false },
];

/** Lower case, no accents, punctuation as spaces: "Datum (van)" → "datum van". */
export function normalizeName(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const HEADER_SYNONYMS: Record<ImportField, string[]> = {
  start: ["datum", "begindatum", "startdatum", "datum van", "van", "wanneer", "date", "start", "start date", "begin", "when"],
  time: ["tijd", "tijdstip", "uur", "begintijd", "time", "start time"],
  end: ["einddatum", "datum tot", "tot", "tot en met", "t m", "end", "end date", "until"],
  endTime: ["eindtijd", "tijd tot", "end time"],
  party: ["organisatie", "partij", "instantie", "instelling", "ketenpartner", "organisation", "organization", "party", "agency"],
  title: ["titel", "wat", "gebeurtenis", "feit", "onderwerp", "kop", "title", "what", "event", "subject"],
  description: ["omschrijving", "beschrijving", "toelichting", "opmerking", "opmerkingen", "details", "description", "notes", "toelichting feit"],
  actorFunction: ["functie", "wie", "medewerker", "professional", "beroepskracht", "rol", "function", "role", "who", "actor"],
  actorInitials: ["initialen", "initials"],
  kind: ["soort", "type", "soort gebeurtenis", "categorie", "aard", "kind", "category"],
  sourceType: ["soort bron", "brontype", "type bron", "source type"],
  source: ["bron", "bronnen", "bronvermelding", "vindplaats", "referentie", "source", "sources", "reference"],
  lifeDomains: ["leefgebied", "leefgebieden", "levensdomein", "levensdomeinen", "life domain", "life domains"],
  flags: ["markering", "markeringen", "kenmerk", "kenmerken", "flags", "tags"],
};

function headerScore(header: string, synonym: string): number {
  if (header === synonym) return 3;
  if (header.startsWith(`${synonym} `)) return 2;
  if (` ${header} `.includes(` ${synonym} `)) return 1;
  return 0;
}

/**
 * Guesses which column holds which field from Dutch or English header names. Exact names beat
 * prefixes beat contained words ("Soort bron" is the source type, not the event kind); each column
 * and each field is used at most once.
 */
export function suggestMapping(headers: readonly string[]): ImportMapping {
  const candidates: { column: number; field: ImportField; score: number }[] = [];
  headers.forEach((raw, column) => {
    const header = normalizeName(raw);
    if (!header) return;
    for (const field of Object.keys(HEADER_SYNONYMS) as ImportField[]) {
      const score = Math.max(0, ...HEADER_SYNONYMS[field].map((s) => headerScore(header, s)));
      if (score > 0) candidates.push({ column, field, score });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const mapping: ImportMapping = {};
  const usedColumns = new Set<number>();
  for (const c of candidates) {
    if (mapping[c.field] !== undefined || usedColumns.has(c.column)) continue;
    mapping[c.field] = c.column;
    usedColumns.add(c.column);
  }
  return mapping;
}

// ---------------------------------------------------------------------------------------------
// Preview

export interface ImportParty {
  id: string;
  name: string;
}

export type PartyRef = { kind: "existing"; id: string } | { kind: "new"; name: string; domain: string };

export interface EventDraft {
  rowNumber: number;
  party: PartyRef;
  event: Omit<EventInput, "party">;
}

export type PreviewRow =
  | { ok: true; rowNumber: number; draft: EventDraft; warnings: string[] }
  | { ok: false; rowNumber: number; errors: string[]; warnings: string[] };

export interface ImportPreview {
  /** Problems with the mapping as a whole (Dutch); when present, no row is valid. */
  problems: string[];
  /** One per non-blank row. */
  rows: PreviewRow[];
  /** The valid rows' drafts, ready for applyImport. */
  drafts: EventDraft[];
  /** Organisation names (as first written) that match no party: offer to map or create them. */
  unknownParties: string[];
  errorCount: number;
}

export interface PreviewOptions {
  /** Spreadsheet row number of rows[0] (ParsedTable.firstRowNumber). Default 1. */
  firstRowNumber?: number;
  /** Written organisation name → existing party id, for names the user mapped by hand. */
  partyAliases?: Record<string, string>;
  /** Written organisation name → domain, for names the user chose to create as a new party. */
  newParties?: Record<string, string>;
  /** Party for rows without an organisation (or when no column is mapped), e.g. one's own lane. */
  defaultPartyId?: string;
  /** Source type when a row has a source but no (recognised) type. Default "dossier". */
  defaultSourceType?: SourceType;
}

function termLookup<K extends string>(
  terms: readonly { key: K; label: string }[],
  extra: Record<string, K> = {},
): (text: string) => K | undefined {
  const table = new Map<string, K>();
  for (const t of terms) {
    table.set(normalizeName(t.key), t.key);
    table.set(normalizeName(t.label), t.key);
  }
  for (const [k, v] of Object.entries(extra)) table.set(normalizeName(k), v);
  return (text) => table.get(normalizeName(text));
}

const lookupKind = termLookup<EventKind>(EVENT_KINDS, {
  melding: "melding_signaal",
  signaal: "melding_signaal",
  "melding signaal": "melding_signaal",
  bezoek: "huisbezoek",
  gesprek: "contact",
  telefonisch: "contact",
  "telefonisch contact": "contact",
  mail: "contact",
  brief: "contact",
  casusoverleg: "overleg",
  mdo: "overleg",
  verwijzing: "aanmelding",
  intake: "aanmelding",
  beslissing: "besluit",
  weigering: "afwijzing",
  anders: "overig",
});
const lookupSourceType = termLookup<SourceType>(SOURCE_TYPES, {
  gesprek: "interview",
  "verslag van horen": "interview",
  rapportage: "dossier",
  journaal: "dossier",
  anders: "overig",
});
const lookupLifeDomain = termLookup(LIFE_DOMAINS, {
  "werk en inkomen": "werk_en_inkomen",
  inkomen: "werk_en_inkomen",
  werk: "werk_en_inkomen",
  financien: "financien",
  schulden: "financien",
  opvoeding: "opvoeding",
  "psychisch welbevinden": "psychisch_welbevinden",
  "sociaal netwerk": "sociaal_netwerk",
});
const lookupFlag = termLookup<keyof EventFlags>(EVENT_FLAGS, {
  kritiek: "kritiekMoment",
  "kritiek moment": "kritiekMoment",
  "kritieke momenten": "kritiekMoment",
  signalen: "signaal",
  escalatie: "opschaling",
  opgeschaald: "opschaling",
});

const TRAILING_INITIALS = /^(.*\S)\s+\(?((?:\p{Lu}\.){1,4}(?:\s?\p{Ll}{1,3}\.?)*(?:\p{Lu}\.?)?)\)?$/u;

/** "Wijkcoach J.B." → function "Wijkcoach", initials "J.B."; otherwise all function. */
export function splitActor(text: string): { actorFunction: string; actorInitials: string } {
  const m = TRAILING_INITIALS.exec(text.trim());
  return m ? { actorFunction: m[1].trim(), actorInitials: m[2].trim() } : { actorFunction: text.trim(), actorInitials: "" };
}

const splitList = (text: string) =>
  text
    .split(/[,;/\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** "Rij 4: datum … bestaat niet": row prefix, lower-case start, no closing period. */
function rowMessage(rowNumber: number, message: string): string {
  const m = message.trim().replace(/\.$/, "");
  return `Rij ${rowNumber}: ${m.charAt(0).toLowerCase()}${m.slice(1)}`;
}

const PLACEHOLDER_META = {
  createdBy: "import",
  createdAt: "2000-01-01T00:00:00.000Z",
  updatedBy: "import",
  updatedAt: "2000-01-01T00:00:00.000Z",
};

/** Validates an event draft with the stored-event schema (the party is checked separately). */
function validateDraftEvent(event: Omit<EventInput, "party">): string[] {
  const result = validateWith(EventSchema, {
    ...event,
    party: "import",
    status: event.status ?? "concept",
    ...PLACEHOLDER_META,
  });
  return result.ok ? [] : result.errors;
}

/**
 * Checks every non-blank row against the mapping and the investigation's parties. A row is
 * either a valid draft (maybe with warnings) or a list of Dutch errors such as
 * "Rij 4: datum '31-02-2014' bestaat niet".
 */
export function previewImport(
  rows: readonly (readonly string[])[],
  mapping: ImportMapping,
  parties: readonly ImportParty[],
  options: PreviewOptions = {},
): ImportPreview {
  const problems: string[] = [];
  if (mapping.start === undefined) problems.push("Kies welke kolom de datum bevat.");
  if (mapping.title === undefined) problems.push("Kies welke kolom de titel (wat er gebeurde) bevat.");
  if (mapping.party === undefined && !options.defaultPartyId) {
    problems.push("Kies welke kolom de organisatie bevat, of kies één partij voor alle rijen.");
  }

  const partyByName = new Map<string, string>();
  for (const p of parties) partyByName.set(normalizeName(p.name), p.id);
  const knownIds = new Set(parties.map((p) => p.id));
  const aliases = new Map(Object.entries(options.partyAliases ?? {}).map(([k, v]) => [normalizeName(k), v]));
  const toCreate = new Map(
    Object.entries(options.newParties ?? {}).map(([k, v]) => [normalizeName(k), { name: k.trim(), domain: v }]),
  );
  const firstRowNumber = options.firstRowNumber ?? 1;
  const defaultSourceType = options.defaultSourceType ?? "dossier";

  const result: ImportPreview = { problems, rows: [], drafts: [], unknownParties: [], errorCount: 0 };
  const unknownSeen = new Set<string>();

  rows.forEach((row, index) => {
    if (row.every((c) => c.trim() === "")) return;
    const rowNumber = firstRowNumber + index;
    const cell = (field: ImportField) => {
      const column = mapping[field];
      return column === undefined ? "" : unguardCell((row[column] ?? "").trim());
    };
    const errors: string[] = [];
    const warnings: string[] = [];
    const err = (m: string) => errors.push(rowMessage(rowNumber, m));
    const warn = (m: string) => warnings.push(rowMessage(rowNumber, m));

    // When
    const start = parseDutchDate(cell("start"), cell("time") || undefined, { label: "datum" });
    if (!start.ok) err(start.error);
    else if (start.note) warn(start.note);
    let end: string | undefined;
    if (cell("end")) {
      const parsed = parseDutchDate(cell("end"), cell("endTime") || undefined, { label: "einddatum" });
      if (!parsed.ok) err(parsed.error);
      else {
        end = parsed.value;
        if (parsed.note) warn(parsed.note);
        if (start.ok && !isEndNotBeforeStart(start.value, end)) {
          err(`einddatum '${cell("end")}' ligt vóór de datum '${cell("start")}'`);
        }
      }
    }

    // Which lane
    let party: PartyRef | undefined;
    const partyName = cell("party");
    if (!partyName) {
      if (options.defaultPartyId) party = { kind: "existing", id: options.defaultPartyId };
      else err("organisatie ontbreekt");
    } else {
      const key = normalizeName(partyName);
      const aliasId = aliases.get(key);
      const existingId = partyByName.get(key) ?? (aliasId && knownIds.has(aliasId) ? aliasId : undefined);
      const created = toCreate.get(key);
      if (existingId) party = { kind: "existing", id: existingId };
      else if (created) party = { kind: "new", name: created.name, domain: created.domain };
      else {
        err(`organisatie '${partyName}' is onbekend; kies een bestaande partij of laat hem aanmaken`);
        if (!unknownSeen.has(key)) {
          unknownSeen.add(key);
          result.unknownParties.push(partyName);
        }
      }
    }

    // What and who
    const title = cell("title");
    if (!title) err("titel ontbreekt");
    let actorFunction = cell("actorFunction");
    let actorInitials = cell("actorInitials");
    if (mapping.actorInitials === undefined && actorFunction) {
      ({ actorFunction, actorInitials } = splitActor(actorFunction));
    }
    if (actorInitials) {
      const initials = InitialsSchema.safeParse(actorInitials);
      if (!initials.success) err(`initialen '${actorInitials}': ${initials.error.issues[0].message}`);
    }

    let kind: EventKind = "overig";
    if (cell("kind")) {
      const k = lookupKind(cell("kind"));
      if (k) kind = k;
      else warn(`soort '${cell("kind")}' is onbekend; vastgelegd als 'Overig'`);
    }

    const sources: Source[] = [];
    const references = cell("source")
      .split(/\n+/)
      .map((s) => s.trim())
      .filter(Boolean);
    // One type for all sources, or (as the export writes them) one line per source.
    const typeLines = cell("sourceType").split(/\n+/).map((s) => s.trim()).filter(Boolean);
    const perLine = typeLines.length > 1 && typeLines.length === references.length;
    const typeOf = (text: string): SourceType => {
      const t = lookupSourceType(text);
      if (t) return t;
      warn(`soort bron '${text}' is onbekend; vastgelegd als '${SOURCE_TYPES.find((s) => s.key === defaultSourceType)?.label}'`);
      return defaultSourceType;
    };
    const sourceType = cell("sourceType") && !perLine ? typeOf(cell("sourceType")) : defaultSourceType;
    references.forEach((reference, i) => sources.push({ type: perLine ? typeOf(typeLines[i]!) : sourceType, reference }));

    const lifeDomains = [...new Set(splitList(cell("lifeDomains")).map((d) => lookupLifeDomain(d) ?? d))];

    const flags: Partial<EventFlags> = {};
    for (const f of splitList(cell("flags"))) {
      const key = lookupFlag(f);
      if (key) flags[key] = true;
      else warn(`markering '${f}' is onbekend en is overgeslagen`);
    }

    if (errors.length === 0 && start.ok && party) {
      const event: Omit<EventInput, "party"> = {
        title,
        start: start.value,
        approximate: start.approximate,
        ...(end ? { end } : {}),
        description: cell("description"),
        actorFunction,
        actorInitials,
        kind,
        sources,
        lifeDomains,
        flags,
        status: "concept",
      };
      for (const m of validateDraftEvent(event)) err(m);
      if (errors.length === 0) {
        const draft: EventDraft = { rowNumber, party, event };
        result.rows.push({ ok: true, rowNumber, draft, warnings });
        if (problems.length === 0) result.drafts.push(draft);
        return;
      }
    }
    result.rows.push({ ok: false, rowNumber, errors, warnings });
    result.errorCount++;
  });

  if (problems.length > 0) {
    // Without a complete mapping no row can be imported, whatever it looks like.
    result.drafts = [];
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Apply

export interface ImportResult {
  eventIds: string[];
  /** Names of parties created by this import → their new ids. */
  createdParties: Record<string, string>;
}

/**
 * Rows per transaction. Each transaction is one update on the wire: 3,000 rows in one came to
 * 2.35 MB, over the server's message limit (1 MiB), and were refused. 250 rows stay near 200 kB.
 */
export const IMPORT_CHUNK_ROWS = 250;

/** An import under way: `step()` writes the next chunk of rows in one transaction. */
export interface ImportRun {
  readonly result: ImportResult;
  readonly total: number;
  /** Rows written so far. */
  readonly written: number;
  /** Writes the next chunk; false when everything is written. */
  step(): boolean;
}

/**
 * Checks all drafts (a bad draft writes nothing), then returns a run that writes them, creating
 * the new parties they ask for, in transactions of `chunkRows` rows with `origin`. Callers that
 * want one undo step for the whole import let their undo manager merge these transactions.
 */
export function startImport(
  doc: Y.Doc,
  drafts: readonly EventDraft[],
  user: { id: string },
  origin?: unknown,
  options: { now?: Date; chunkRows?: number } = {},
): ImportRun {
  const maps = getTimelineMaps(doc);
  const errors: string[] = [];
  for (const d of drafts) {
    if (d.party.kind === "existing" && !maps.parties.has(d.party.id)) {
      errors.push(rowMessage(d.rowNumber, "de gekozen partij bestaat niet meer"));
    }
    if (d.party.kind === "new") {
      const party = validateWith(PartySchema, { name: d.party.name, domain: d.party.domain, order: 0 });
      if (!party.ok) for (const m of party.errors) errors.push(rowMessage(d.rowNumber, `nieuwe partij: ${m}`));
    }
    for (const m of validateDraftEvent(d.event)) errors.push(rowMessage(d.rowNumber, m));
  }
  if (errors.length > 0) {
    throw new UserError(`De import is niet uitgevoerd: ${errors.join("; ")}.`, "validation", { details: errors });
  }

  const chunkRows = Math.max(1, options.chunkRows ?? IMPORT_CHUNK_ROWS);
  const result: ImportResult = { eventIds: [], createdParties: {} };
  const start = (options.now ?? new Date()).getTime();
  let written = 0;
  const writeChunk = () => {
    // Looked up per chunk: a party of that name may already exist (made by a peer meanwhile): reuse it, do not duplicate.
    const existingByName = new Map<string, string>();
    for (const [id, item] of maps.parties.entries()) {
      const name = (yToPlain(item) as { name?: unknown } | undefined)?.name;
      if (typeof name === "string") existingByName.set(normalizeName(name), id);
    }
    const end = Math.min(drafts.length, written + chunkRows);
    for (let i = written; i < end; i++) {
      const d = drafts[i];
      let partyId: string;
      if (d.party.kind === "existing") {
        partyId = d.party.id;
      } else {
        const key = normalizeName(d.party.name);
        partyId =
          existingByName.get(key) ??
          createParty(doc, { name: d.party.name, domain: d.party.domain }, { origin });
        if (!existingByName.has(key)) result.createdParties[d.party.name] = partyId;
        existingByName.set(key, partyId);
      }
      // A millisecond apart, so rows with the same date keep their spreadsheet order
      // (compareEvents falls back to createdAt before the random id).
      const now = new Date(start + i);
      result.eventIds.push(createEvent(doc, { ...d.event, party: partyId }, { userId: user.id, origin, now }));
    }
    written = end;
  };
  return {
    result,
    total: drafts.length,
    get written() {
      return written;
    },
    step() {
      if (written >= drafts.length) return false;
      doc.transact(writeChunk, origin ?? null);
      return written < drafts.length;
    },
  };
}

/** Writes all drafts at once (in chunks, see startImport). */
export function applyImport(
  doc: Y.Doc,
  drafts: readonly EventDraft[],
  user: { id: string },
  origin?: unknown,
  options: { now?: Date; chunkRows?: number } = {},
): ImportResult {
  const run = startImport(doc, drafts, user, origin, options);
  while (run.step());
  return run.result;
}
