// The report checklist as data (templates/checklists/*.json): Bijlage 1 first. A checklist decides
// the report's chapters, their order and numbering, where each item's content comes from, and so
// the completeness check. The IGJ's (Jeugdwet) and the one for both laws are the same items with
// the IGJ named as toezichthouder (the sources give the IGJ no list of its own; ADR 0023).
// Pure and browser-safe.
import { z } from "zod";
import bijlage1Igj from "../../../templates/checklists/bijlage1-igj.json";
import bijlage1Wmo from "../../../templates/checklists/bijlage1-wmo.json";
import bijlage1WmoIgj from "../../../templates/checklists/bijlage1-wmo-igj.json";

/** Structured data an item is filled from (besides, or instead of, its narrative section). */
export const DATA_SOURCES = [
  "client_identity",
  "incident_dates",
  "committee",
  "professionals",
  "interviews",
  "method",
  "timeline",
  "root_causes",
  "measures",
  "borging",
] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

export const APPENDIX_KINDS = ["reacties", "bronnen", "concordantie"] as const;
export type AppendixKind = (typeof APPENDIX_KINDS)[number];

const itemId = z.string().regex(/^[1-9][a-z]?$/, "Een onderdeel heet bijvoorbeeld 5a of 6.");
const text = z.string().trim().min(1).max(300);

const checklistItemSchema = z.object({
  id: itemId,
  group: z.number().int().min(1).max(20),
  heading: text,
  data: z.enum(DATA_SOURCES).optional(),
  /** Whether the item has a narrative section (`section:<id>` in the Y.Doc) written in the workspace. */
  narrative: z.boolean(),
  /** Restricted items (client identity) appear only in the version for the toezichthouder. */
  restricted: z.boolean().optional(),
  /** The item lists the files attached on the report page (4e: protocols and guidelines). */
  attachments: z.boolean().optional(),
  /** The item cites the reflection meetings recorded beside the timeline (4c: "op welke wijze"). */
  meetings: z.boolean().optional(),
  guidance: z.string().max(1000).optional(),
});

export const checklistSchema = z
  .object({
    version: z.literal(1),
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: text,
    source: z.string().max(500).optional(),
    default: z.boolean().optional(),
    /** Empty = applies to every investigation. */
    appliesTo: z.object({
      supervisors: z.array(z.string()).optional(),
      legalFrames: z.array(z.string()).optional(),
    }),
    groups: z.array(z.object({ number: z.number().int().min(1).max(20), heading: text })).min(1),
    items: z.array(checklistItemSchema).min(1),
    appendices: z.array(z.object({ id: z.enum(APPENDIX_KINDS), heading: text })),
  })
  .superRefine((c, ctx) => {
    const groups = new Set(c.groups.map((g) => g.number));
    const ids = new Set<string>();
    for (const item of c.items) {
      if (ids.has(item.id)) ctx.addIssue({ code: "custom", message: `Onderdeel ${item.id} staat er twee keer in.` });
      ids.add(item.id);
      if (!groups.has(item.group)) ctx.addIssue({ code: "custom", message: `Onderdeel ${item.id} hoort bij een hoofdstuk dat niet bestaat.` });
      if (!item.data && !item.narrative) ctx.addIssue({ code: "custom", message: `Onderdeel ${item.id} heeft geen inhoud: geen gegevens en geen tekst.` });
    }
  });

export type Checklist = z.output<typeof checklistSchema>;
export type ChecklistItem = Checklist["items"][number];

export function parseChecklist(raw: unknown): Checklist {
  return checklistSchema.parse(raw);
}

/** The default (Toezicht Wmo) first; then the specific ones, the one for both laws before the IGJ's. */
export const CHECKLISTS: readonly Checklist[] = [parseChecklist(bijlage1Wmo), parseChecklist(bijlage1WmoIgj), parseChecklist(bijlage1Igj)];
export const DEFAULT_CHECKLIST: Checklist = CHECKLISTS.find((c) => c.default) ?? CHECKLISTS[0];

/** The checklist for an investigation: the first whose appliesTo matches, else the default. */
export function checklistFor(
  investigation: { supervisor: string; legalFrame: string },
  checklists: readonly Checklist[] = CHECKLISTS,
): Checklist {
  const specific = checklists.find((c) => {
    const { supervisors, legalFrames } = c.appliesTo;
    if (!supervisors && !legalFrames) return false;
    return (!supervisors || supervisors.includes(investigation.supervisor)) && (!legalFrames || legalFrames.includes(investigation.legalFrame));
  });
  return specific ?? checklists.find((c) => c.default) ?? checklists[0];
}

export function groupHeading(checklist: Checklist, group: number): string {
  return checklist.groups.find((g) => g.number === group)?.heading ?? "";
}
