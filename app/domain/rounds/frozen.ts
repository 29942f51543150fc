// The frozen version of a document in a comment round: what reactants see, stored in PostgreSQL.
// Pure and browser-safe (no Yjs here; freezing from the Y.Doc is in freeze.ts).
import { z } from "zod";
import type { ReportBlock, ReportModel } from "../report/model.ts";

/** One text block. `id` is stable: the Yjs item id of the element it came from. */
export interface FrozenBlock {
  id: string;
  type: "paragraph" | "heading" | "listItem" | "quote" | "code";
  level?: number;
  text: string;
}

/** A timeline event shown in the draft report (item 5a); `id` is the event's uuid. */
export interface FrozenEvent {
  id: string;
  date: string;
  title: string;
  party: string;
  actor: string;
  description: string;
}

export interface FrozenSection {
  /** Bijlage 1 item id ("5a") or "verslag" for an interview report. */
  id: string;
  /** Number shown before the heading, e.g. "5a". Empty for an interview report. */
  number: string;
  heading: string;
  /** Heading of the Bijlage 1 group the item belongs to ("Beschrijving van de feiten"). */
  group?: string;
  blocks: FrozenBlock[];
  events?: FrozenEvent[];
  /** A fixed remark instead of content, e.g. why the client's details are left out. */
  note?: string;
  /** The structured part of the item as the report shows it (tables, figures, facts): from the report model. */
  content?: ReportBlock[];
}

export interface FrozenDocument {
  format: 1;
  kind: "interview" | "draft_report";
  title: string;
  /** Plain facts shown above the text (e.g. who was interviewed, when, by whom). */
  facts: { label: string; value: string }[];
  sections: FrozenSection[];
  /** Draft report: the report model (ketenpartners' version) it was frozen from, so the .docx is the same render. */
  report?: ReportModel;
}

const blockSchema = z.object({
  id: z.string().min(1).max(100),
  type: z.enum(["paragraph", "heading", "listItem", "quote", "code"]),
  level: z.number().int().min(1).max(6).optional(),
  text: z.string().max(200_000),
});
const eventSchema = z.object({
  id: z.string().min(1).max(100),
  date: z.string().max(200),
  title: z.string().max(500),
  party: z.string().max(200),
  actor: z.string().max(200),
  description: z.string().max(60_000),
});
// Report blocks come from the report builder (our own code), so the check is on the kind only.
const reportBlockSchema = z.custom<ReportBlock>(
  (v) => typeof v === "object" && v !== null && ["paragraph", "heading", "bullets", "quote", "facts", "table", "figure", "note"].includes((v as { type?: unknown }).type as string),
);
export const frozenDocumentSchema = z.object({
  format: z.literal(1),
  kind: z.enum(["interview", "draft_report"]),
  title: z.string().max(500),
  facts: z.array(z.object({ label: z.string().max(100), value: z.string().max(1000) })).max(50),
  sections: z
    .array(
      z.object({
        id: z.string().min(1).max(40),
        number: z.string().max(10),
        heading: z.string().max(500),
        group: z.string().max(500).optional(),
        blocks: z.array(blockSchema).max(20_000),
        events: z.array(eventSchema).max(20_000).optional(),
        note: z.string().max(1000).optional(),
        content: z.array(reportBlockSchema).max(5_000).optional(),
      }),
    )
    .max(200),
  // Our own model, written by the server at freeze time; checked for shape only at the top.
  report: z.custom<ReportModel>((v) => typeof v === "object" && v !== null && (v as { format?: unknown }).format === 1).optional(),
}) satisfies z.ZodType<FrozenDocument>;

/** Reads a stored frozen document (jsonb) back; a malformed one is a server error, never shown half. */
export function parseFrozen(value: unknown): FrozenDocument {
  return frozenDocumentSchema.parse(value);
}

/**
 * JSON with object keys sorted at every level and no whitespace: one spelling per value, so a hash
 * of it identifies the content. Arrays keep their order; undefined members are left out.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError("canonicalJson: non-finite number");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

// --- Pointers ---------------------------------------------------------------------------------

export type PointerKind = "general" | "section" | "paragraph" | "event";
export type Pointer = { kind: "general" } | { kind: "section" | "paragraph" | "event"; id: string };

export function formatPointer(p: Pointer): string {
  return p.kind === "general" ? "general" : `${p.kind}:${p.id}`;
}

export function parsePointer(s: string): Pointer | null {
  if (s === "general") return { kind: "general" };
  const m = /^(section|paragraph|event):([A-Za-z0-9._-]{1,100})$/.exec(s);
  return m ? { kind: m[1] as "section" | "paragraph" | "event", id: m[2] } : null;
}

export interface PointerOption {
  value: string;
  label: string;
  /** Section id this option belongs to (for grouping); "" for the general option. */
  section: string;
}

function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function sectionTitle(s: FrozenSection): string {
  return s.number ? `${s.number} ${s.heading}` : s.heading;
}

/** Everything a reaction can point at in this version, in document order, with a readable label. */
export function pointerOptions(doc: FrozenDocument): PointerOption[] {
  const out: PointerOption[] = [{ value: "general", label: "Algemeen (het hele document)", section: "" }];
  for (const s of doc.sections) {
    const title = sectionTitle(s);
    if (doc.kind === "draft_report") out.push({ value: `section:${s.id}`, label: `Onderdeel ${title}`, section: s.id });
    let n = 0;
    for (const b of s.blocks) {
      n++;
      const where = doc.kind === "draft_report" ? `${s.number || title}, alinea ${n}` : `Alinea ${n}`;
      out.push({ value: `paragraph:${b.id}`, label: `${where}: "${excerpt(b.text)}"`, section: s.id });
    }
    for (const e of s.events ?? []) {
      out.push({ value: `event:${e.id}`, label: `Gebeurtenis ${e.date}: ${excerpt(e.title)}`, section: s.id });
    }
  }
  return out;
}

/** The label of a pointer in this version, or null when the version has no such thing. */
export function pointerLabel(doc: FrozenDocument, pointer: string): string | null {
  return pointerOptions(doc).find((o) => o.value === pointer)?.label ?? null;
}

/** Short form of a version hash for display ("a1b2c3d4"). */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}
