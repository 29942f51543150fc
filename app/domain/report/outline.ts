// The report page's outline as plain data: the checklist's chapters and items with their status,
// what is missing and where each is filled in. The server computes it from the report model
// (buildReport); the browser replaces the status of pure narrative items live from the Y.Doc
// while people type. Pure and browser-safe.
import type { Checklist, ChecklistItem } from "~/domain/report/checklist.ts";
import type { ItemStatus, ReportModel } from "~/domain/report/model.ts";
import { narrativeStatus } from "~/domain/report/narrative.ts";
import { fillInLinks, type FillInContext, type FillInLink } from "~/domain/report/where.ts";
import type { FrozenBlock } from "~/domain/rounds/frozen.ts";

export interface OutlineItem {
  id: string;
  heading: string;
  guidance: string;
  /** Has a narrative section (`section:<id>`) that is written on this page. */
  writtenHere: boolean;
  /** Has a narrative section, written elsewhere (7a: on the analysis page). */
  writtenElsewhere: boolean;
  /** Filled (also) from structured data: the server's status stays the source. */
  structured: boolean;
  restricted: boolean;
  /** null: not known (not in this version of the report, or the computation failed). */
  status: ItemStatus | null;
  missing: string[];
  /** Where it is filled in, other than this page's own editor. */
  links: FillInLink[];
}

export interface OutlineChapter {
  number: number;
  heading: string;
  items: OutlineItem[];
}

/** Which fill-in pages a viewer may open (the others are left out rather than leading to a 403). */
export interface LinkPermissions {
  client: boolean;
  editInvestigation: boolean;
}

/** Paths below /onderzoeken/<id> that need a right beyond reading the workspace. */
function linkAllowed(link: FillInLink, may: LinkPermissions): boolean {
  if (link.path.startsWith("rapport#")) return false; // that is this page: the item's own editor
  const page = link.path.split(/[?#]/)[0];
  if (page === "client") return may.client;
  if (page === "gegevens") return may.editInvestigation;
  return true;
}

/** Items whose status the browser recomputes from the section text alone. */
export function isLiveNarrative(item: Pick<OutlineItem, "writtenHere" | "structured">): boolean {
  return item.writtenHere && !item.structured;
}

/**
 * The outline from the checklist and the report model. Items the model leaves out (the client's
 * identity in a version without it) get no status. With no model at all (the computation failed)
 * the narrative items still get theirs from the section texts.
 */
export function buildOutline(
  checklist: Checklist,
  model: ReportModel | null,
  may: LinkPermissions,
  sectionText: (itemId: string) => string,
  context: FillInContext = {},
): OutlineChapter[] {
  const byId = new Map<string, { status: ItemStatus; missing: string[] }>();
  for (const ch of model?.chapters ?? []) for (const it of ch.items) byId.set(it.id, { status: it.status, missing: it.missing });
  return checklist.groups.map((g) => ({
    number: g.number,
    heading: g.heading,
    items: checklist.items
      .filter((i) => i.group === g.number)
      .map((i) => {
        const base = outlineItem(i, may, context);
        const computed = byId.get(i.id);
        if (computed) return { ...base, status: computed.status, missing: computed.missing };
        if (!model && isLiveNarrative(base)) return { ...base, ...narrativeStatus(sectionText(i.id)) };
        return base;
      }),
  }));
}

function outlineItem(i: ChecklistItem, may: LinkPermissions, context: FillInContext): OutlineItem {
  return {
    id: i.id,
    heading: i.heading,
    guidance: i.guidance ?? "",
    writtenHere: i.narrative && i.id !== "7a",
    writtenElsewhere: i.narrative && i.id === "7a",
    structured: !!i.data,
    restricted: !!i.restricted,
    status: null,
    missing: [],
    links: fillInLinks(i, context).filter((l) => linkAllowed(l, may)),
  };
}

/** The outline with the live status of the narrative items, from the section texts in the Y.Doc. */
export function withLiveStatus(chapters: readonly OutlineChapter[], blocksById: ReadonlyMap<string, readonly FrozenBlock[]>): OutlineChapter[] {
  return chapters.map((ch) => ({
    ...ch,
    items: ch.items.map((it) => {
      if (!isLiveNarrative(it)) return it;
      const blocks = blocksById.get(it.id);
      if (!blocks) return it;
      return { ...it, ...narrativeStatus(blocks.map((b) => b.text).join("\n")) };
    }),
  }));
}

export interface OutlineSummary {
  total: number;
  gereed: number;
  inConcept: number;
  leeg: number;
  unknown: number;
  /** Items that are not gereed, in checklist order, with what they still need. */
  open: { id: string; heading: string; status: ItemStatus | null; missing: string[] }[];
}

export function summarise(chapters: readonly OutlineChapter[]): OutlineSummary {
  const s: OutlineSummary = { total: 0, gereed: 0, inConcept: 0, leeg: 0, unknown: 0, open: [] };
  for (const ch of chapters) {
    for (const it of ch.items) {
      s.total++;
      if (it.status === "gereed") s.gereed++;
      else if (it.status === "in_concept") s.inConcept++;
      else if (it.status === "leeg") s.leeg++;
      else s.unknown++;
      if (it.status !== "gereed" && it.status !== null) s.open.push({ id: it.id, heading: it.heading, status: it.status, missing: it.missing });
    }
  }
  return s;
}

/** "12 van 28 onderdelen gereed". */
export function summaryLine(s: OutlineSummary): string {
  return `${s.gereed} van ${s.total} ${s.total === 1 ? "onderdeel" : "onderdelen"} gereed`;
}
