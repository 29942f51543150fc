// Fixed vocabularies of the timeline, kept as data (key + Dutch label) so the UI, the import and
// the export share one list and new values are a one-line change.

export interface Term<K extends string = string> {
  readonly key: K;
  readonly label: string;
}

export const EVENT_KINDS = [
  { key: "contact", label: "Contact" },
  { key: "huisbezoek", label: "Huisbezoek" },
  { key: "overleg", label: "Overleg" },
  { key: "melding_signaal", label: "Melding / signaal" },
  { key: "besluit", label: "Besluit" },
  { key: "aanmelding", label: "Aanmelding" },
  { key: "overdracht", label: "Overdracht" },
  { key: "afwijzing", label: "Afwijzing" },
  { key: "incident", label: "Incident" },
  { key: "overig", label: "Overig" },
] as const satisfies readonly Term[];
export type EventKind = (typeof EVENT_KINDS)[number]["key"];
export const EVENT_KIND_KEYS = EVENT_KINDS.map((k) => k.key) as [EventKind, ...EventKind[]];

export const SOURCE_TYPES = [
  { key: "dossier", label: "Dossier" },
  { key: "interview", label: "Interview" },
  { key: "feitenrelaas", label: "Feitenrelaas" },
  { key: "overig", label: "Overig" },
] as const satisfies readonly Term[];
export type SourceType = (typeof SOURCE_TYPES)[number]["key"];
export const SOURCE_TYPE_KEYS = SOURCE_TYPES.map((k) => k.key) as [SourceType, ...SourceType[]];

/**
 * Leefgebieden an event can touch. The first six mirror the organisation domains of the
 * inspectorates' reconstruction (domain.md §7); the rest are life domains that care workers name
 * often. Free text is allowed too (an investigation may need its own), shown as written.
 */
export const LIFE_DOMAINS = [
  { key: "gezondheid", label: "Gezondheid" },
  { key: "onderwijs", label: "Onderwijs" },
  { key: "gezin", label: "Gezin" },
  { key: "veiligheid", label: "Veiligheid" },
  { key: "wonen", label: "Wonen" },
  { key: "werk_en_inkomen", label: "Werk en inkomen" },
  { key: "financien", label: "Financiën en schulden" },
  { key: "opvoeding", label: "Opvoeding en ontwikkeling" },
  { key: "psychisch_welbevinden", label: "Psychisch welbevinden" },
  { key: "sociaal_netwerk", label: "Sociaal netwerk" },
  { key: "justitie", label: "Justitie" },
] as const satisfies readonly Term[];
export type KnownLifeDomain = (typeof LIFE_DOMAINS)[number]["key"];

/** Standard lane groups of the integrated timeline (domain.md §7); a party may use its own. */
export const STANDARD_PARTY_DOMAINS = [
  "Gezondheid",
  "Onderwijs",
  "Gezin",
  "Veiligheid",
  "Wonen",
  "Werk en Inkomen",
] as const;
export type StandardPartyDomain = (typeof STANDARD_PARTY_DOMAINS)[number];

export const EVENT_FLAGS = [
  { key: "signaal", label: "Signaal" },
  { key: "kritiekMoment", label: "Kritiek moment" },
  { key: "overdracht", label: "Overdracht" },
  { key: "opschaling", label: "Opschaling" },
] as const satisfies readonly Term[];
export type EventFlag = (typeof EVENT_FLAGS)[number]["key"];
export const EVENT_FLAG_KEYS = EVENT_FLAGS.map((f) => f.key) as EventFlag[];

export const EVENT_STATUSES = [
  { key: "concept", label: "Concept" },
  { key: "bevestigd", label: "Bevestigd" },
  { key: "betwist", label: "Betwist" },
] as const satisfies readonly Term[];
export type EventStatus = (typeof EVENT_STATUSES)[number]["key"];
export const EVENT_STATUS_KEYS = EVENT_STATUSES.map((s) => s.key) as [EventStatus, ...EventStatus[]];

function labelFrom(list: readonly Term[], key: string): string {
  return list.find((t) => t.key === key)?.label ?? key;
}

export const eventKindLabel = (key: string): string => labelFrom(EVENT_KINDS, key);
export const sourceTypeLabel = (key: string): string => labelFrom(SOURCE_TYPES, key);
/** Known keys get their label; free-text domains are shown as written. */
export const lifeDomainLabel = (key: string): string => labelFrom(LIFE_DOMAINS, key);
export const eventFlagLabel = (key: string): string => labelFrom(EVENT_FLAGS, key);
export const eventStatusLabel = (key: string): string => labelFrom(EVENT_STATUSES, key);

/**
 * Sort rank of a party domain: the six standard domains in their fixed order, then custom
 * domains (rank 6; callers break ties alphabetically).
 */
export function partyDomainRank(domain: string): number {
  const i = (STANDARD_PARTY_DOMAINS as readonly string[]).findIndex(
    (d) => d.toLowerCase() === domain.trim().toLowerCase(),
  );
  return i === -1 ? STANDARD_PARTY_DOMAINS.length : i;
}
