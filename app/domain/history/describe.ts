// A history row in Dutch words: what happened to which entity ("Feit ‘Huisbezoek’ gewijzigd:
// titel ‘A’ → ‘B’", "Feit ‘X’ betwist, reden: …", "Opmerking bij feit ‘X’ afgehandeld",
// "Import: 12 feiten toegevoegd"). Pure; the details come from changes.ts.
import { formatDutchPartialDate } from "../timeline/partial-date.ts";
import { eventFlagLabel, eventKindLabel, eventStatusLabel } from "../timeline/vocabulary.ts";
import type { ChangeDetail, FieldChange } from "./changes.ts";

export const quote = (s: string) => `‘${s.length > 80 ? `${s.slice(0, 79)}…` : s}’`;

export const NODE_KINDS: Record<string, string> = {
  top: "Topgebeurtenis",
  cause: "Oorzaak",
  recovery: "Herstelfactor",
  critical_moment: "Kritiek moment",
};

export const NOUNS: Record<string, string> = {
  events: "Feit",
  parties: "Partij",
  periods: "Periode",
  measures: "Maatregel",
  nodes: "Onderdeel van de analyse",
};

const FIELD_LABELS: Record<string, Record<string, string>> = {
  events: {
    title: "titel",
    party: "partij",
    start: "datum",
    end: "einddatum",
    approximate: "ca.",
    description: "beschrijving",
    actorFunction: "functie",
    actorInitials: "initialen",
    kind: "soort",
    sources: "bronnen",
    lifeDomains: "leefgebieden",
    flags: "kenmerken",
    status: "status",
    statusReason: "reden",
  },
  parties: { name: "naam", domain: "domein", order: "volgorde", organisationId: "organisatie" },
  periods: { label: "naam", start: "begin", end: "einde" },
  nodes: {
    label: "tekst",
    kind: "soort",
    parent: "plaats in de boom",
    order: "volgorde",
    recoveryType: "soort herstel",
    ecm: "ECM-code",
    themes: "thema’s",
    evidence: "onderbouwing",
    whyNote: "toelichting",
    noMeasureReason: "reden zonder maatregel",
    eventId: "feit",
    expected: "verwachting",
    actual: "wat er gebeurde",
  },
  measures: { title: "titel", rootCauses: "basisoorzaken", status: "status", owner: "eigenaar", deadline: "datum" },
  comments: { text: "tekst" },
};

/** Fields whose values are ids or noise: named, never shown as values. */
const NO_VALUES = new Set(["party", "parent", "order", "organisationId", "eventId", "rootCauses"]);
const DATE_FIELDS = new Set(["start", "end", "deadline"]);

export function fieldLabel(mapName: string, key: string): string {
  if (mapName === "events" && key.startsWith("flags.")) return eventFlagLabel(key.slice(6)).toLowerCase();
  return FIELD_LABELS[mapName]?.[key] ?? "overige gegevens";
}

function valueText(mapName: string, key: string, v: string | number | boolean | null): string {
  if (v === null || v === "") return "leeg";
  if (typeof v === "boolean") return v ? "aan" : "uit";
  if (typeof v === "number") return String(v);
  if (mapName === "events" && key === "status") return eventStatusLabel(v).toLowerCase();
  if (mapName === "events" && key === "kind") return eventKindLabel(v).toLowerCase();
  if (DATE_FIELDS.has(key)) return formatDutchPartialDate(v);
  return quote(v);
}

/** "titel ‘A’ → ‘B’", "einddatum verwijderd", "beschrijving". */
export function describeField(mapName: string, f: FieldChange): string {
  const label = fieldLabel(mapName, f.key);
  if (NO_VALUES.has(f.key)) return label;
  if (has(f, "from") && has(f, "to")) return `${label} ${valueText(mapName, f.key, f.from!)} → ${valueText(mapName, f.key, f.to!)}`;
  if (has(f, "to")) return `${label} ${valueText(mapName, f.key, f.to!)}`;
  if (has(f, "from")) return `${label} verwijderd (was ${valueText(mapName, f.key, f.from!)})`;
  return label;
}

function mapOf(entity: string): string {
  const i = entity.indexOf(":");
  return i < 0 ? entity : entity.slice(0, i);
}

/** "Feit ‘Huisbezoek’", "Oorzaak ‘…’", "Opmerking bij feit ‘…’". */
export function entityName(d: ChangeDetail): string {
  const map = mapOf(d.entity);
  if (map === "comments") return d.fact?.title ? `Opmerking bij feit ${quote(d.fact.title)}` : "Opmerking bij een feit";
  if (map === "analysis") return "Instellingen van de analyse";
  if (map === "restores") return d.title ? `Versie ${quote(d.title)}` : "Een versie";
  const noun = map === "nodes" ? (NODE_KINDS[d.kind ?? ""] ?? NOUNS.nodes) : (NOUNS[map] ?? "Onderdeel");
  return d.title ? `${noun} ${quote(d.title)}` : `${noun} (zonder titel)`;
}

const VERBS = { added: "toegevoegd", readded: "teruggezet", deleted: "verwijderd" } as const;

/** One entity's change in a sentence. */
export function describeDetail(d: ChangeDetail): string {
  const map = mapOf(d.entity);
  const name = entityName(d);
  if (map === "restores" && d.action === "added") return `${name} teruggezet`;
  if (d.action !== "changed") return `${name} ${VERBS[d.action]}`;
  if (map === "analysis") return `${name} gewijzigd`;
  const fields = d.fields ?? [];
  if (map === "restores") {
    const undone = fields.find((f) => f.key === "undoneAt");
    return undone && undone.to ? `Terugzetten van ${name.charAt(0).toLowerCase()}${name.slice(1)} ongedaan gemaakt` : `${name} teruggezet: bijgewerkt`;
  }
  if (map === "comments") {
    const resolved = fields.find((f) => f.key === "resolved");
    if (resolved) return `${name} ${resolved.to === true ? "afgehandeld" : "heropend"}`;
    return fields.some((f) => f.key === "text") ? `${name} gewijzigd` : `${name} bijgewerkt`;
  }
  if (map === "events") {
    const status = fields.find((f) => f.key === "status");
    const rest = fields.filter((f) => f.key !== "status" && f.key !== "statusReason");
    const tail = rest.length > 0 ? `; ook gewijzigd: ${rest.map((f) => describeField(map, f)).join(", ")}` : "";
    if (status && status.to === "betwist") {
      const reason = fields.find((f) => f.key === "statusReason");
      const why = typeof reason?.to === "string" && reason.to ? `, reden: ${quote(reason.to)}` : "";
      return `${name} betwist${why}${tail}`;
    }
    if (status && status.to === "bevestigd") return `${name} bevestigd${tail}`;
    if (status && status.to === "concept") return `${name} weer op concept gezet${tail}`;
  }
  if (fields.length === 0) return `${name} gewijzigd`;
  return `${name} gewijzigd: ${fields.map((f) => describeField(map, f)).join(", ")}`;
}

const GROUP_LINES: Record<NonNullable<ChangeDetail["group"]>, (n: number) => string> = {
  import: (n) => `Import: ${n} feiten toegevoegd`,
  import_undone: (n) => `Import ongedaan gemaakt: ${n} feiten verwijderd`,
  import_redone: (n) => `Import opnieuw uitgevoerd: ${n} feiten teruggezet`,
};

/**
 * The lines of one history row: a headline per group (an import, its undo or redo), then every
 * entity's sentence, facts first. Repeats of one entity within a row are merged by the caller's
 * data (changes.ts gives one detail per entity per transaction; a row may hold several).
 */
export function describeDetails(details: readonly ChangeDetail[]): string[] {
  const merged = mergeDetails(details);
  const lines: string[] = [];
  for (const group of ["import", "import_undone", "import_redone"] as const) {
    const n = merged.filter((d) => d.group === group).length;
    if (n > 0) lines.push(GROUP_LINES[group](n));
  }
  const order = (d: ChangeDetail) => ["restores", "events", "comments", "parties", "periods", "nodes", "measures", "analysis"].indexOf(mapOf(d.entity));
  const sorted = [...merged].sort((a, b) => order(a) - order(b));
  for (const d of sorted) lines.push(describeDetail(d));
  return lines;
}

/**
 * One detail per entity: several transactions of one person in one row (typing a title letter by
 * letter) become one change with the first old and the last new value; added then changed stays
 * added; added then deleted disappears.
 */
export function mergeDetails(details: readonly ChangeDetail[]): ChangeDetail[] {
  const byEntity = new Map<string, ChangeDetail>();
  for (const d of details) {
    const prev = byEntity.get(d.entity);
    if (!prev) {
      byEntity.set(d.entity, { ...d, fields: d.fields ? d.fields.map((f) => ({ ...f })) : undefined });
      continue;
    }
    const next: ChangeDetail = { ...prev, title: d.title ?? prev.title, fact: d.fact ?? prev.fact, kind: d.kind ?? prev.kind };
    if (d.action === "deleted") {
      if (prev.action === "added") {
        byEntity.delete(d.entity);
        continue;
      }
      next.action = "deleted";
      next.title = prev.title ?? d.title;
      next.fields = undefined;
      next.group = d.group;
    } else if (d.action === "changed") {
      if (prev.action === "changed") {
        const fields = new Map((prev.fields ?? []).map((f) => [f.key, f]));
        for (const f of d.fields ?? []) {
          const old = fields.get(f.key);
          fields.set(f.key, old ? combineField(old, f) : { ...f });
        }
        next.fields = [...fields.values()];
      }
    } else {
      next.action = d.action;
      next.group = d.group;
      next.fields = undefined;
    }
    byEntity.set(d.entity, next);
  }
  return [...byEntity.values()];
}

const has = (f: FieldChange, k: "from" | "to") => Object.prototype.hasOwnProperty.call(f, k);

/** The first old value and the last new one; no values when either change had none (a long text). */
function combineField(first: FieldChange, last: FieldChange): FieldChange {
  const valueless = (f: FieldChange) => !has(f, "from") && !has(f, "to");
  if (valueless(first) || valueless(last)) return { key: first.key };
  const out: FieldChange = { key: first.key };
  if (has(first, "from")) out.from = first.from;
  if (has(last, "to")) out.to = last.to;
  return out;
}
