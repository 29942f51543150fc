// Verbetermaatregelen (Bijlage 1 items 7b, 7c): SMART measures linked to root causes, with
// borging. Each measure is a Y.Map in the top-level `measures` map; its root-cause links are a
// Y.Array so two people linking at once both keep their link. Read-back is lenient: a bad field
// is reported and defaulted, a non-map entry is listed as invalid; nothing throws.
import * as Y from "yjs";
import { z } from "zod";
import {
  dutchDate,
  entryObject,
  isoDate,
  isoDateTime,
  measuresMap,
  newId,
  nowIso,
  readField,
  removeAll,
  stringArrayOf,
  transact,
  type EditContext,
  type FieldIssue,
  type InvalidEntry,
} from "./doc.ts";
import { readTree, rootCauses, type ResolvedTree } from "./tree.ts";
import { UserError } from "../errors.ts";

export const MEASURE_STATUSES = ["gepland", "in_uitvoering", "gerealiseerd", "geborgd"] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const MEASURE_STATUS_LABELS: Record<MeasureStatus, string> = {
  gepland: "Gepland",
  in_uitvoering: "In uitvoering",
  gerealiseerd: "Gerealiseerd",
  geborgd: "Geborgd",
};

export interface Measure {
  readonly id: string;
  /** What will be done. */
  readonly title: string;
  /** Node ids of the root causes this measure addresses. */
  readonly rootCauses: readonly string[];
  readonly ownerOrganisation: string;
  readonly ownerFunction: string;
  /** YYYY-MM-DD */
  readonly deadline: string | null;
  readonly measurableResult: string;
  readonly borgingHow: string;
  readonly borgingWho: string;
  /** YYYY-MM-DD */
  readonly borgingWhen: string | null;
  readonly status: MeasureStatus;
  readonly createdBy: string | null;
  readonly createdAt: string | null;
  readonly updatedBy: string | null;
  readonly updatedAt: string | null;
  readonly issues: readonly FieldIssue[];
}

// --- input validation (user edits): Dutch messages, thrown as UserError -------------------

const text = (max: number, what: string) =>
  z.string({ error: `${what} moet tekst zijn.` }).max(max, { error: `${what} is te lang (maximaal ${max} tekens).` });
// Forms send "" for an empty date field; that means "no date".
const date = (what: string) =>
  z.preprocess((v) => (v === "" ? null : v), z.iso.date({ error: `${what} moet een datum zijn (JJJJ-MM-DD).` }).nullable());

export const measureInputSchema = z
  .object({
    title: text(500, "De omschrijving van de maatregel"),
    rootCauses: z.array(z.string().min(1), { error: "Ongeldige koppeling met basisoorzaken." }).max(500),
    ownerOrganisation: text(200, "De organisatie"),
    ownerFunction: text(200, "De functie"),
    deadline: date("De deadline"),
    measurableResult: text(2000, "Het meetbare resultaat"),
    borgingHow: text(2000, "De borging (hoe)"),
    borgingWho: text(200, "De borging (wie)"),
    borgingWhen: date("De borgingsdatum"),
    status: z.enum(MEASURE_STATUSES, { error: "Onbekende status van de maatregel." }),
  })
  .partial()
  .strict();
/** Editable fields; dates as YYYY-MM-DD, "" or null for none. */
export interface MeasureInput {
  title?: string;
  rootCauses?: readonly string[];
  ownerOrganisation?: string;
  ownerFunction?: string;
  deadline?: string | null;
  measurableResult?: string;
  borgingHow?: string;
  borgingWho?: string;
  borgingWhen?: string | null;
  status?: MeasureStatus;
}

function parseInput(input: unknown): z.output<typeof measureInputSchema> {
  const r = measureInputSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const message = issue.code === "unrecognized_keys" ? "Onbekend veld in de maatregel." : issue.message;
  throw new UserError(message, "invalid_measure");
}

function checkLinks(tree: ResolvedTree, ids: readonly string[]): void {
  for (const id of ids) {
    const n = tree.byId.get(id);
    if (!n || n.side !== "cause" || n.kind === "critical_moment" || n === tree.top) {
      throw new UserError("Een maatregel kan alleen aan een bestaande oorzaak worden gekoppeld.", "invalid_link");
    }
  }
}

function requireMeasure(doc: Y.Doc, id: string): Y.Map<unknown> {
  const m = measuresMap(doc).get(id);
  if (!(m instanceof Y.Map)) throw new UserError("Deze maatregel bestaat niet (meer).", "not_found");
  return m as Y.Map<unknown>;
}

function writeFields(m: Y.Map<unknown>, data: z.output<typeof measureInputSchema>): void {
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    if (key === "rootCauses") {
      const arr = stringArrayOf(m, "rootCauses");
      arr.delete(0, arr.length);
      arr.push([...new Set(value as string[])]);
    } else m.set(key, value);
  }
}

export function createMeasure(doc: Y.Doc, ctx: EditContext, input: MeasureInput = {}): string {
  const data = parseInput(input);
  if (data.rootCauses) checkLinks(readTree(doc), data.rootCauses);
  const id = newId(ctx);
  const at = nowIso(ctx);
  transact(doc, ctx, () => {
    const m = new Y.Map<unknown>();
    measuresMap(doc).set(id, m);
    m.set("title", "");
    m.set("rootCauses", new Y.Array<string>());
    m.set("ownerOrganisation", "");
    m.set("ownerFunction", "");
    m.set("deadline", null);
    m.set("measurableResult", "");
    m.set("borgingHow", "");
    m.set("borgingWho", "");
    m.set("borgingWhen", null);
    m.set("status", "gepland");
    writeFields(m, data);
    m.set("createdAt", at);
    m.set("createdBy", ctx.userId);
    m.set("updatedAt", at);
    m.set("updatedBy", ctx.userId);
  });
  return id;
}

/** Sets the given fields; `rootCauses`, when given, replaces the links (use link/unlink for one). */
export function updateMeasure(doc: Y.Doc, ctx: EditContext, id: string, patch: MeasureInput): void {
  requireMeasure(doc, id);
  const data = parseInput(patch);
  if (data.rootCauses) checkLinks(readTree(doc), data.rootCauses);
  const at = nowIso(ctx);
  transact(doc, ctx, () => {
    const m = requireMeasure(doc, id);
    writeFields(m, data);
    m.set("updatedAt", at);
    m.set("updatedBy", ctx.userId);
  });
}

export function linkRootCause(doc: Y.Doc, ctx: EditContext, measureId: string, nodeId: string): void {
  requireMeasure(doc, measureId);
  checkLinks(readTree(doc), [nodeId]);
  const at = nowIso(ctx);
  transact(doc, ctx, () => {
    const m = requireMeasure(doc, measureId);
    const arr = stringArrayOf(m, "rootCauses");
    if (!arr.toArray().includes(nodeId)) arr.push([nodeId]);
    m.set("updatedAt", at);
    m.set("updatedBy", ctx.userId);
  });
}

export function unlinkRootCause(doc: Y.Doc, ctx: EditContext, measureId: string, nodeId: string): void {
  requireMeasure(doc, measureId);
  const at = nowIso(ctx);
  transact(doc, ctx, () => {
    const m = requireMeasure(doc, measureId);
    removeAll(stringArrayOf(m, "rootCauses"), nodeId);
    m.set("updatedAt", at);
    m.set("updatedBy", ctx.userId);
  });
}

export function deleteMeasure(doc: Y.Doc, ctx: EditContext, id: string): void {
  if (!measuresMap(doc).has(id)) throw new UserError("Deze maatregel bestaat niet (meer).", "not_found");
  transact(doc, ctx, () => measuresMap(doc).delete(id));
}

// --- read-back --------------------------------------------------------------------------------

const FIELD_LABELS: Record<string, string> = {
  title: "de omschrijving",
  rootCauses: "de gekoppelde basisoorzaken",
  ownerOrganisation: "de organisatie",
  ownerFunction: "de functie",
  deadline: "de deadline",
  measurableResult: "het meetbare resultaat",
  borgingHow: "de borging (hoe)",
  borgingWho: "de borging (wie)",
  borgingWhen: "de borgingsdatum",
  status: "de status",
  createdBy: "aangemaakt door",
  createdAt: "aangemaakt op",
  updatedBy: "gewijzigd door",
  updatedAt: "gewijzigd op",
};

export function parseMeasure(id: string, entry: unknown): { measure: Measure } | { invalid: InvalidEntry } {
  const obj = entryObject(entry);
  if (!obj) return { invalid: { id, reason: "Deze maatregel is onleesbaar opgeslagen en wordt niet getoond." } };
  const issues: FieldIssue[] = [];
  const f = <T>(key: string, schema: z.ZodType<T>, fallback: T): T =>
    readField(obj, key, schema, fallback, issues, FIELD_LABELS[key] ?? key);
  const str = z.string();
  const rawLinks = obj.rootCauses;
  let links: string[] = [];
  if (Array.isArray(rawLinks)) {
    links = rawLinks.filter((x): x is string => typeof x === "string" && x.length > 0);
    if (links.length !== rawLinks.length) issues.push({ field: "rootCauses", message: "Ongeldige koppelingen zijn genegeerd." });
  } else if (rawLinks !== undefined && rawLinks !== null) {
    issues.push({ field: "rootCauses", message: "Ongeldige waarde voor de gekoppelde basisoorzaken is genegeerd." });
  }
  return {
    measure: {
      id,
      title: f("title", str, ""),
      rootCauses: [...new Set(links)],
      ownerOrganisation: f("ownerOrganisation", str, ""),
      ownerFunction: f("ownerFunction", str, ""),
      deadline: f("deadline", isoDate.nullable(), null),
      measurableResult: f("measurableResult", str, ""),
      borgingHow: f("borgingHow", str, ""),
      borgingWho: f("borgingWho", str, ""),
      borgingWhen: f("borgingWhen", isoDate.nullable(), null),
      status: f("status", z.enum(MEASURE_STATUSES), "gepland"),
      createdBy: f("createdBy", str.nullable(), null),
      createdAt: f("createdAt", isoDateTime.nullable(), null),
      updatedBy: f("updatedBy", str.nullable(), null),
      updatedAt: f("updatedAt", isoDateTime.nullable(), null),
      issues,
    },
  };
}

/** All measures, oldest first (stable order for lists and the report). */
export function readMeasures(doc: Y.Doc): { measures: Measure[]; invalid: InvalidEntry[] } {
  const measures: Measure[] = [];
  const invalid: InvalidEntry[] = [];
  for (const [id, entry] of measuresMap(doc).entries()) {
    const r = parseMeasure(id, entry);
    if ("measure" in r) measures.push(r.measure);
    else invalid.push(r.invalid);
  }
  const key = (m: Measure) => m.createdAt ?? "\uffff";
  measures.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1));
  invalid.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { measures, invalid };
}

// --- warnings -----------------------------------------------------------------------------------

export type MeasureWarningCode =
  | "basisoorzaak_zonder_maatregel"
  | "maatregel_zonder_oorzaak"
  | "maatregel_verwijderde_oorzaak"
  | "maatregel_zonder_eigenaar"
  | "maatregel_zonder_deadline"
  | "maatregel_zonder_meetbaar_resultaat"
  | "maatregel_zonder_borging"
  | "deadline_verstreken"
  | "maatregel_ongeldig";

export interface MeasureWarning {
  readonly code: MeasureWarningCode;
  readonly message: string;
  readonly nodeId?: string;
  readonly measureId?: string;
}

/** Root cause id → stated reason for having no measure, taken from the nodes' noMeasureReason. */
export function noMeasureReasonsOf(tree: ResolvedTree): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of rootCauses(tree)) if (n.noMeasureReason?.trim()) out.set(n.id, n.noMeasureReason);
  return out;
}

const quoted = (s: string, fallback: string): string => (s.trim() ? `"${s.trim()}"` : fallback);

function listNl(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} en ${items[items.length - 1]}`;
}

/** Root causes that no measure addresses (regardless of stated reasons). */
export function rootCausesWithoutMeasure(tree: ResolvedTree, measures: readonly Measure[]): string[] {
  const covered = new Set(measures.flatMap((m) => m.rootCauses));
  return rootCauses(tree)
    .filter((n) => !covered.has(n.id))
    .map((n) => n.id);
}

/**
 * What the toezichthouder will ask about (domain.md §5): every root cause addressed or explained,
 * measures SMART (owner, deadline, measurable) and borged, no dangling links, no overdue work.
 * `noMeasureReasons` null → taken from the tree. `today` is YYYY-MM-DD (Europe/Amsterdam, from the caller).
 */
export function measureWarnings(
  tree: ResolvedTree,
  measures: readonly Measure[],
  noMeasureReasons: ReadonlyMap<string, string> | null,
  today: string,
): MeasureWarning[] {
  const reasons = noMeasureReasons ?? noMeasureReasonsOf(tree);
  const warnings: MeasureWarning[] = [];
  const uncovered = new Set(rootCausesWithoutMeasure(tree, measures));
  for (const n of rootCauses(tree)) {
    if (uncovered.has(n.id) && !reasons.get(n.id)?.trim()) {
      warnings.push({
        code: "basisoorzaak_zonder_maatregel",
        nodeId: n.id,
        message: `Basisoorzaak ${quoted(n.label, "zonder omschrijving")} heeft geen verbetermaatregel en er staat niet bij waarom niet.`,
      });
    }
  }
  for (const m of measures) {
    const name = `Maatregel ${quoted(m.title, "zonder omschrijving")}`;
    const w = (code: MeasureWarningCode, message: string) => warnings.push({ code, measureId: m.id, message });
    if (m.issues.length) w("maatregel_ongeldig", `${name} bevat ongeldige gegevens: ${m.issues.map((i) => i.message).join(" ")}`);
    if (m.rootCauses.length === 0) w("maatregel_zonder_oorzaak", `${name} is niet gekoppeld aan een basisoorzaak.`);
    const gone = m.rootCauses.filter((id) => !tree.byId.has(id));
    if (gone.length) {
      w(
        "maatregel_verwijderde_oorzaak",
        gone.length === 1
          ? `${name} is gekoppeld aan een oorzaak die is verwijderd.`
          : `${name} is gekoppeld aan ${gone.length} oorzaken die zijn verwijderd.`,
      );
    }
    const owner = [!m.ownerOrganisation.trim() && "organisatie", !m.ownerFunction.trim() && "functie"].filter(
      (x): x is string => !!x,
    );
    if (owner.length) w("maatregel_zonder_eigenaar", `${name} heeft geen eigenaar: ${listNl(owner)} ${owner.length > 1 ? "ontbreken" : "ontbreekt"}.`);
    if (!m.deadline) w("maatregel_zonder_deadline", `${name} heeft geen deadline.`);
    if (!m.measurableResult.trim()) w("maatregel_zonder_meetbaar_resultaat", `${name} heeft geen meetbaar resultaat.`);
    const borging = [!m.borgingHow.trim() && "hoe", !m.borgingWho.trim() && "wie", !m.borgingWhen && "wanneer"].filter(
      (x): x is string => !!x,
    );
    if (borging.length) w("maatregel_zonder_borging", `${name} mist de borging: ${listNl(borging)}.`);
    if (m.deadline && m.deadline < today && m.status !== "gerealiseerd" && m.status !== "geborgd") {
      w(
        "deadline_verstreken",
        `De deadline van ${name.charAt(0).toLowerCase()}${name.slice(1)} (${dutchDate(m.deadline)}) is verstreken, maar de status is "${MEASURE_STATUS_LABELS[m.status].toLowerCase()}".`,
      );
    }
  }
  return warnings;
}
