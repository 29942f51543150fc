// Reading the timeline back out of the investigation's Y.Doc. Yjs content is untrusted (any
// client, an old version, a bug may have written it), so every entry passes a zod schema and an
// invalid entry is reported with Dutch errors instead of throwing (design.md "Who owns which data").
import * as Y from "yjs";
import { z } from "zod";
import { comparePartialDates, isEndNotBeforeStart, isValidPartialDate } from "./partial-date.ts";
import {
  EVENT_FLAGS,
  EVENT_KIND_KEYS,
  EVENT_STATUS_KEYS,
  SOURCE_TYPE_KEYS,
  STANDARD_PARTY_DOMAINS,
  eventFlagLabel,
  partyDomainRank,
} from "./vocabulary.ts";

/** Names of the top-level Y.Maps this module owns (others add analysis, measures, sections). */
export const TIMELINE_MAP_NAMES = ["parties", "periods", "events"] as const;
export type TimelineMapName = (typeof TIMELINE_MAP_NAMES)[number];

export function getTimelineMaps(doc: Y.Doc): Record<TimelineMapName, Y.Map<unknown>> {
  return {
    parties: doc.getMap<unknown>("parties"),
    periods: doc.getMap<unknown>("periods"),
    events: doc.getMap<unknown>("events"),
  };
}

// ---------------------------------------------------------------------------------------------
// Field-level schemas

export const INITIALS_MAX_LENGTH = 8;

const partialDate = (label: string) =>
  z.string().refine(isValidPartialDate, {
    error: (iss) =>
      `${label} '${String(iss.input)}' is geen geldige datum; verwacht bijvoorbeeld 2014, 2014-03, 2014-03-12 of 2014-03-12T10:30.`,
  });

const isoInstant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label} is geen geldig tijdstip.` });

/**
 * Initials of a professional (domain.md §4 item 2): short, and never a name. A capital followed
 * by two or more lower-case letters ("Jan", "Bakker") reads as a name and is refused, which still
 * allows "J.B.", "JBK", "Th.v.d.B.".
 */
export const InitialsSchema = z
  .string()
  .trim()
  .max(INITIALS_MAX_LENGTH, {
    error: `Initialen zijn te lang (maximaal ${INITIALS_MAX_LENGTH} tekens, bijvoorbeeld 'J.B.').`,
  })
  .refine((s) => /^[\p{L}.\- ]*$/u.test(s) && !/\p{L}\p{Ll}{2,}/u.test(s), {
    error: "Gebruik bij initialen alleen initialen (bijvoorbeeld 'J.B.'), geen naam.",
  });

export const SourceSchema = z.object({
  type: z.enum(SOURCE_TYPE_KEYS),
  reference: z.string().trim().min(1).max(300),
});
export type Source = z.output<typeof SourceSchema>;

const FlagsSchema = z
  .object({
    signaal: z.boolean().default(false),
    kritiekMoment: z.boolean().default(false),
    overdracht: z.boolean().default(false),
    opschaling: z.boolean().default(false),
  })
  .default({ signaal: false, kritiekMoment: false, overdracht: false, opschaling: false });
export type EventFlags = z.output<typeof FlagsSchema>;

// ---------------------------------------------------------------------------------------------
// Entity schemas: the shape of one entry as read back (nested Yjs types already converted to
// plain values by `yToPlain`).

export const PartySchema = z.object({
  name: z.string().trim().min(1).max(120),
  /** One of STANDARD_PARTY_DOMAINS, or a custom domain. */
  domain: z.string().trim().min(1).max(60),
  /** Member organisation (PostgreSQL) this lane belongs to; decides who may edit its events. */
  organisationId: z.string().trim().min(1).max(100).optional(),
  order: z.number(),
});
export type Party = z.output<typeof PartySchema>;

export const PeriodSchema = z
  .object({
    label: z.string().trim().min(1).max(120),
    start: partialDate("Begindatum"),
    end: partialDate("Einddatum"),
  })
  .superRefine((p, ctx) => {
    if (!isEndNotBeforeStart(p.start, p.end)) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "De einddatum ligt vóór de begindatum." });
    }
  });
export type Period = z.output<typeof PeriodSchema>;

export const EventSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    /** Party (lane) id. */
    party: z.string().min(1),
    start: partialDate("Begindatum"),
    approximate: z.boolean().default(false),
    end: partialDate("Einddatum").optional(),
    description: z.string().max(50_000).default(""),
    actorFunction: z.string().trim().max(80).default(""),
    actorInitials: InitialsSchema.default(""),
    kind: z.enum(EVENT_KIND_KEYS),
    // Two peers replacing the list at once leave both lists behind; drop exact duplicates.
    sources: z
      .array(SourceSchema)
      .max(50)
      .default([])
      .transform((list) => list.filter((s, i) => list.findIndex((o) => o.type === s.type && o.reference === s.reference) === i)),
    // Concurrent additions of the same domain can leave duplicates in the Y.Array; drop them here.
    lifeDomains: z
      .array(z.string().trim().min(1).max(60))
      .max(30)
      .default([])
      .transform((list) => [...new Set(list)]),
    flags: FlagsSchema,
    status: z.enum(EVENT_STATUS_KEYS),
    statusReason: z.string().trim().max(1000).optional(),
    createdBy: z.string().min(1),
    createdAt: isoInstant("Aangemaakt op"),
    updatedBy: z.string().min(1),
    updatedAt: isoInstant("Gewijzigd op"),
  })
  .superRefine((e, ctx) => {
    if (e.end !== undefined && !isEndNotBeforeStart(e.start, e.end)) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "De einddatum ligt vóór de begindatum." });
    }
    if (e.status === "betwist" && !e.statusReason) {
      ctx.addIssue({
        code: "custom",
        path: ["statusReason"],
        message: "Bij de status 'betwist' hoort een reden.",
      });
    }
  });
export type TimelineEvent = z.output<typeof EventSchema>;

// ---------------------------------------------------------------------------------------------
// Dutch error messages

const FIELD_LABELS: Record<string, string> = {
  // party
  name: "Naam",
  domain: "Domein",
  organisationId: "Organisatie",
  order: "Volgorde",
  // period
  label: "Naam van de periode",
  // event
  title: "Titel",
  party: "Partij",
  start: "Begindatum",
  end: "Einddatum",
  approximate: "Bij benadering",
  description: "Omschrijving",
  actorFunction: "Functie",
  actorInitials: "Initialen",
  kind: "Soort",
  sources: "Bronnen",
  lifeDomains: "Leefgebieden",
  flags: "Markeringen",
  status: "Status",
  statusReason: "Reden",
  createdBy: "Aangemaakt door",
  createdAt: "Aangemaakt op",
  updatedBy: "Gewijzigd door",
  updatedAt: "Gewijzigd op",
};

const EXPECTED_NL: Record<string, string> = {
  string: "tekst",
  number: "een getal",
  boolean: "ja of nee",
  array: "een lijst",
  object: "een object",
};

function fieldLabel(path: readonly PropertyKey[]): string {
  const [head, index, sub] = path;
  if (head === "sources" && typeof index === "number") {
    const subLabel = sub === "type" ? "soort" : sub === "reference" ? "vindplaats" : undefined;
    return `Bron ${index + 1}${subLabel ? ` (${subLabel})` : ""}`;
  }
  if (head === "lifeDomains" && typeof index === "number") return `Leefgebied ${index + 1}`;
  if (head === "flags" && typeof index === "string") return `Markering '${eventFlagLabel(index)}'`;
  if (head === undefined) return "Item";
  return FIELD_LABELS[String(head)] ?? path.map(String).join(".");
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function showValue(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Turns zod issues into Dutch sentences. Custom issues already carry a Dutch message. */
export function issuesToDutch(issues: readonly z.core.$ZodIssue[], raw: unknown): string[] {
  const out: string[] = [];
  for (const issue of issues) {
    const label = fieldLabel(issue.path);
    const value = valueAt(raw, issue.path);
    switch (issue.code) {
      case "invalid_type":
        out.push(
          value === undefined || value === null
            ? `${label} ontbreekt.`
            : `${label} heeft een ongeldige waarde (${showValue(value)}); verwacht ${EXPECTED_NL[issue.expected] ?? issue.expected}.`,
        );
        break;
      case "too_small":
        if (issue.origin === "string") {
          out.push(Number(issue.minimum) <= 1 ? `${label} is leeg.` : `${label} is te kort.`);
        } else if (issue.origin === "array") {
          out.push(`${label} bevat te weinig items.`);
        } else {
          out.push(`${label} is te klein.`);
        }
        break;
      case "too_big":
        if (issue.origin === "string") {
          out.push(`${label} is te lang (maximaal ${issue.maximum} tekens).`);
        } else if (issue.origin === "array") {
          out.push(`${label} bevat te veel items (maximaal ${issue.maximum}).`);
        } else {
          out.push(`${label} is te groot.`);
        }
        break;
      case "invalid_value":
        out.push(`${label}: '${showValue(value)}' is geen toegestane waarde.`);
        break;
      case "custom":
      case "invalid_format":
        out.push(issue.message);
        break;
      default:
        out.push(`${label} is ongeldig.`);
    }
  }
  return [...new Set(out)];
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export function validateWith<S extends z.ZodType>(schema: S, raw: unknown): ValidationResult<z.output<S>> {
  const result = schema.safeParse(raw);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, errors: issuesToDutch(result.error.issues, raw) };
}

// ---------------------------------------------------------------------------------------------
// Reading

export type Entry<T> =
  | { ok: true; id: string; value: T }
  | { ok: false; id: string; errors: string[]; raw: unknown };

export interface Timeline {
  /** By `order`, then name. */
  parties: Entry<Party>[];
  /** Chronological. */
  periods: Entry<Period>[];
  /** Chronological (see compareEvents); invalid entries last. */
  events: Entry<TimelineEvent>[];
}

/** Converts Yjs values to plain JSON-like values (Y.Text becomes its string). */
export function yToPlain(value: unknown): unknown {
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.Array) return value.toArray().map(yToPlain);
  if (value instanceof Y.Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value.entries()) out[k] = yToPlain(v);
    return out;
  }
  if (value instanceof Y.AbstractType) return value.toJSON();
  return value;
}

function readEntry<T>(map: Y.Map<unknown>, id: string, schema: z.ZodType<T>): Entry<T> {
  const item = map.get(id);
  const raw = yToPlain(item);
  if (!(item instanceof Y.Map)) {
    return { ok: false, id, errors: ["Dit item heeft een ongeldige vorm (geen Y.Map)."], raw };
  }
  const result = validateWith(schema, raw);
  return result.ok ? { ok: true, id, value: result.value } : { ok: false, id, errors: result.errors, raw };
}

export function readParty(doc: Y.Doc, id: string): Entry<Party> | undefined {
  const map = getTimelineMaps(doc).parties;
  return map.has(id) ? readEntry(map, id, PartySchema) : undefined;
}

export function readPeriod(doc: Y.Doc, id: string): Entry<Period> | undefined {
  const map = getTimelineMaps(doc).periods;
  return map.has(id) ? readEntry(map, id, PeriodSchema) : undefined;
}

/** Reads one event, including the check that its party exists. */
export function readEvent(doc: Y.Doc, id: string): Entry<TimelineEvent> | undefined {
  const maps = getTimelineMaps(doc);
  if (!maps.events.has(id)) return undefined;
  return checkPartyExists(readEntry(maps.events, id, EventSchema), maps);
}

// A dangling party reference is only visible across maps, so it is checked after the schema.
function checkPartyExists(
  entry: Entry<TimelineEvent>,
  maps: Record<TimelineMapName, Y.Map<unknown>>,
): Entry<TimelineEvent> {
  if (!entry.ok || maps.parties.has(entry.value.party)) return entry;
  return {
    ok: false,
    id: entry.id,
    errors: ["De partij van dit feit bestaat niet (meer)."],
    raw: yToPlain(maps.events.get(entry.id)),
  };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Valid entries first (ordered by `compare`), invalid ones after, by id, so the order is stable. */
function sortEntries<T>(entries: Entry<T>[], compare: (a: T, b: T) => number): Entry<T>[] {
  const valid = entries.filter((e): e is Extract<Entry<T>, { ok: true }> => e.ok);
  const invalid = entries.filter((e) => !e.ok);
  valid.sort((a, b) => compare(a.value, b.value) || byId(a, b));
  invalid.sort(byId);
  return [...valid, ...invalid];
}

export function compareParties(a: Party, b: Party): number {
  return a.order - b.order || a.name.localeCompare(b.name, "nl");
}

export function comparePeriods(a: Period, b: Period): number {
  return comparePartialDates(a.start, b.start) || comparePartialDates(a.end, b.end);
}

/** Chronological: start, then open-ended before bounded, then end, then creation time. */
export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  const byStart = comparePartialDates(a.start, b.start);
  if (byStart !== 0) return byStart;
  if (a.end !== b.end) {
    if (a.end === undefined) return -1;
    if (b.end === undefined) return 1;
    const byEnd = comparePartialDates(a.end, b.end);
    if (byEnd !== 0) return byEnd;
  }
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

/** Reads parties, periods and events. Never throws on bad content; see Entry. */
export function readTimeline(doc: Y.Doc): Timeline {
  const maps = getTimelineMaps(doc);
  const parties = [...maps.parties.keys()].map((id) => readEntry(maps.parties, id, PartySchema));
  const periods = [...maps.periods.keys()].map((id) => readEntry(maps.periods, id, PeriodSchema));
  const events = [...maps.events.keys()].map((id) =>
    checkPartyExists(readEntry(maps.events, id, EventSchema), maps),
  );
  return {
    parties: sortEntries(parties, compareParties),
    periods: sortEntries(periods, comparePeriods),
    events: sortEntries(events, compareEvents),
  };
}

/**
 * Groups valid parties into lanes by domain: the six standard domains in their fixed order, then
 * custom domains alphabetically; within a domain by `order`.
 */
export function groupPartiesByDomain(
  parties: readonly { id: string; value: Party }[],
): { domain: string; parties: { id: string; value: Party }[] }[] {
  const groups = new Map<string, { domain: string; parties: { id: string; value: Party }[] }>();
  for (const p of parties) {
    const rank = partyDomainRank(p.value.domain);
    // Standard domains merge regardless of letter case; custom ones keep their own spelling.
    const domain = rank < STANDARD_PARTY_DOMAINS.length ? STANDARD_PARTY_DOMAINS[rank] : p.value.domain.trim();
    const key = domain.toLowerCase();
    if (!groups.has(key)) groups.set(key, { domain, parties: [] });
    groups.get(key)!.parties.push(p);
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        partyDomainRank(a.domain) - partyDomainRank(b.domain) || a.domain.localeCompare(b.domain, "nl"),
    )
    .map((g) => ({ ...g, parties: g.parties.sort((a, b) => compareParties(a.value, b.value)) }));
}

/** Keys of EVENT_FLAGS that are set on an event, in vocabulary order. */
export function activeFlags(flags: EventFlags): (keyof EventFlags)[] {
  return EVENT_FLAGS.map((f) => f.key).filter((k) => flags[k]);
}
