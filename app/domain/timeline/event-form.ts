// The event editor's form as pure code: validating the form values (errors in Dutch, keyed by
// field) and building what createEvent / updateEvent receive. Only the fields the user changed go
// into an update patch, so a colleague's concurrent change to another field of the fact is kept.
import { parseDutchDate } from "./dutch-dates.ts";
import type { EventInput, EventPatch } from "./mutations.ts";
import { isEndNotBeforeStart } from "./partial-date.ts";
import { InitialsSchema, type EventFlags, type Source } from "./schema.ts";
import type { EventKind, EventStatus } from "./vocabulary.ts";

export interface EventFormValues {
  title: string;
  party: string;
  start: string;
  end: string;
  approximate: boolean;
  description: string;
  actorFunction: string;
  actorInitials: string;
  kind: EventKind;
  sources: Source[];
  lifeDomains: string[];
  flags: EventFlags;
  status: EventStatus;
  statusReason: string;
}
export type EventFormField = keyof EventFormValues;

/** The order in which the first invalid field gets focus. */
export const EVENT_FORM_FIELD_ORDER: string[] = ["title", "party", "start", "end", "actorInitials", "statusReason"];

export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? "" : "."}`;

export interface EventFormContext {
  /** Whether the party exists in the document. */
  partyExists: (id: string) => boolean;
  /** Whether the user may put facts on this party's lane. */
  partyEditable: (id: string) => boolean;
  /** True when the user typed in the start field (an approximate date then sets "ongeveer"). */
  startEdited: boolean;
}

export type EventFormResult = { ok: true; input: EventInput } | { ok: false; errors: Record<string, string> };

/** Checks the form; returns the event as createEvent takes it, or the Dutch message per field. */
export function validateEventForm(values: EventFormValues, ctx: EventFormContext): EventFormResult {
  const errs: Record<string, string> = {};
  if (!values.title.trim()) errs.title = "Vul een titel in: wat gebeurde er?";
  if (!values.party || !ctx.partyExists(values.party)) errs.party = "Kies de organisatie (partij) van dit feit.";
  else if (!ctx.partyEditable(values.party)) errs.party = "Op de tijdlijn van deze partij kunt u geen feiten zetten.";
  const start = parseDutchDate(values.start, undefined, { label: "datum" });
  if (!start.ok)
    errs.start = values.start.trim() ? sentence(start.error) : "Vul de datum in, bijvoorbeeld 12-03-2014, maart 2014 of 2014.";
  const end = values.end.trim() ? parseDutchDate(values.end, undefined, { label: "einddatum" }) : null;
  if (end && !end.ok) errs.end = sentence(end.error);
  if (start.ok && end?.ok && !isEndNotBeforeStart(start.value, end.value)) errs.end = "De einddatum ligt vóór de begindatum.";
  const initials = InitialsSchema.safeParse(values.actorInitials);
  if (!initials.success) errs.actorInitials = initials.error.issues[0].message;
  values.sources.forEach((s, i) => {
    if (!s.reference.trim()) errs[`source-${i}`] = "Vul de vindplaats in (bijvoorbeeld 'dossier wijkteam, 12-03-2014') of verwijder deze bron.";
  });
  if (values.status === "betwist" && !values.statusReason.trim()) errs.statusReason = "Geef een reden waarom dit feit betwist wordt.";
  if (Object.values(errs).some(Boolean) || !start.ok) return { ok: false, errors: errs };
  const approximate = values.approximate || (start.approximate && ctx.startEdited);
  return {
    ok: true,
    input: {
      title: values.title.trim(),
      party: values.party,
      start: start.value,
      approximate,
      ...(end?.ok ? { end: end.value } : {}),
      description: values.description,
      actorFunction: values.actorFunction.trim(),
      actorInitials: values.actorInitials.trim(),
      kind: values.kind,
      sources: values.sources.map((s) => ({ type: s.type, reference: s.reference.trim() })),
      lifeDomains: values.lifeDomains,
      flags: values.flags,
      status: values.status,
      ...(values.statusReason.trim() ? { statusReason: values.statusReason.trim() } : {}),
    },
  };
}

/** Every field, for repairing an invalid entry. */
export function fullEventPatch(full: EventInput): EventPatch {
  return { ...full, end: full.end ?? null, statusReason: full.statusReason ?? null };
}

/**
 * The update patch: only the fields in the draft whose value differs from the live fact.
 * An empty object means nothing changed.
 */
export function buildEventPatch(draft: Partial<EventFormValues>, live: EventFormValues, full: EventInput): EventPatch {
  const p: Record<string, unknown> = {};
  for (const key of Object.keys(draft) as EventFormField[]) {
    if (sameValue(draft[key], live[key])) continue;
    switch (key) {
      case "start":
        p.start = full.start;
        p.approximate = full.approximate;
        break;
      case "end":
        p.end = full.end ?? null;
        break;
      case "statusReason":
        p.statusReason = full.statusReason ?? null;
        break;
      default:
        p[key] = full[key as keyof EventInput];
    }
  }
  if (p.status !== undefined && p.status !== "betwist" && !("statusReason" in p) && !full.statusReason) p.statusReason = null;
  return p as EventPatch;
}
