// Narrative sections: the TipTap fragments `section:<itemId>` in the Y.Doc, read as report blocks,
// and their status. Pure and browser-safe (the report page recomputes it live while people type).
import type * as Y from "yjs";
import { blocksOf, sectionFragmentName } from "../rounds/freeze.ts";
import type { FrozenBlock } from "../rounds/frozen.ts";
import type { ItemStatus, ReportBlock } from "./model.ts";

/**
 * Text the authors mark as unfinished. A section with any of these is "in concept", so a
 * placeholder never passes for a finished section: "PM", "TODO", "nog aanvullen", "[…]".
 */
const OPEN_MARKERS = /\bPM\b|\bTODO\b|nog aan(?:\s*te)?\s*vullen|\[\s*(?:\.\.\.|…)\s*\]/i;

export interface NarrativeState {
  status: ItemStatus;
  missing: string[];
}

/** Status of a narrative text: empty → leeg, with an open marker → in concept, otherwise gereed. */
export function narrativeStatus(text: string): NarrativeState {
  if (!text.trim()) return { status: "leeg", missing: ["De tekst is nog niet geschreven."] };
  if (OPEN_MARKERS.test(text)) return { status: "in_concept", missing: ["De tekst bevat nog een open punt (PM, TODO of 'nog aanvullen')."] };
  return { status: "gereed", missing: [] };
}

/** The text blocks of an item's section (`section:<itemId>`). */
export function sectionBlocks(doc: Y.Doc, itemId: string): FrozenBlock[] {
  return blocksOf(doc, sectionFragmentName(itemId));
}

export function blocksText(blocks: readonly FrozenBlock[]): string {
  return blocks.map((b) => b.text).join("\n");
}

/** TipTap blocks as report blocks: consecutive list items become one bulleted list. */
export function toReportBlocks(blocks: readonly FrozenBlock[]): ReportBlock[] {
  const out: ReportBlock[] = [];
  for (const b of blocks) {
    if (b.type === "listItem") {
      const last = out[out.length - 1];
      if (last?.type === "bullets") last.items.push(b.text);
      else out.push({ type: "bullets", items: [b.text] });
    } else if (b.type === "heading") {
      // Section headings are level 1–2 in the report; the authors' own headings sit below them.
      out.push({ type: "heading", text: b.text, level: Math.min(6, (b.level ?? 2) + 2) });
    } else if (b.type === "quote") {
      out.push({ type: "quote", text: b.text });
    } else {
      out.push({ type: "paragraph", text: b.text });
    }
  }
  return out;
}
