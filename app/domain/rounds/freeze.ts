// Freezing: from the live Y.Doc to a FrozenDocument (plain data, stored in PostgreSQL). Pure: takes a
// Y.Doc, returns data. Yjs content is untrusted: anything unexpected becomes plain text or is skipped.
import * as Y from "yjs";
import { formatDutchPartialDate } from "../timeline/partial-date.ts";
import { readTimeline } from "../timeline/schema.ts";
import type { ReportModel } from "../report/model.ts";
import { toReportBlocks } from "../report/narrative.ts";
import type { FrozenBlock, FrozenDocument, FrozenEvent, FrozenSection } from "./frozen.ts";
import { REPORT_GROUPS, REPORT_ITEMS, RESTRICTED_ITEMS } from "./report-items.ts";

/** Y.Doc names (design.md "Who owns which data"). */
export const interviewFragmentName = (interviewId: string) => `interview:${interviewId}`;
export const sectionFragmentName = (itemId: string) => `section:${itemId}`;

const TEXTBLOCKS: Record<string, FrozenBlock["type"]> = { paragraph: "paragraph", heading: "heading", codeBlock: "code" };
const MAX_BLOCKS = 20_000;
const MAX_TEXT = 200_000;

/** The Yjs item id of a type: stable for the lifetime of that element, the same in every copy. */
function stableId(type: Y.AbstractType<unknown>): string | null {
  const item = type._item;
  return item ? `b${item.id.client}-${item.id.clock}` : null;
}

function inlineText(el: Y.XmlElement | Y.XmlFragment): string {
  let out = "";
  for (const child of el.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert?: unknown }[]) if (typeof op.insert === "string") out += op.insert;
    } else if (child instanceof Y.XmlElement) {
      out += child.nodeName === "hardBreak" ? "\n" : inlineText(child);
    }
    if (out.length > MAX_TEXT) return out.slice(0, MAX_TEXT);
  }
  return out;
}

/**
 * The text blocks of a TipTap fragment in document order: paragraphs, headings and code blocks,
 * wherever they are nested (list items, quotes); empty blocks are left out.
 */
export function fragmentBlocks(fragment: Y.XmlFragment): FrozenBlock[] {
  const out: FrozenBlock[] = [];
  const walk = (parent: Y.XmlFragment | Y.XmlElement, context: "listItem" | "quote" | null) => {
    for (const child of parent.toArray()) {
      if (out.length >= MAX_BLOCKS) return;
      if (child instanceof Y.XmlText) {
        // Loose text directly in a fragment (not TipTap's shape): keep it as a paragraph.
        let text = "";
        for (const op of child.toDelta() as { insert?: unknown }[]) if (typeof op.insert === "string") text += op.insert;
        const id = stableId(child as unknown as Y.AbstractType<unknown>);
        if (text.trim() && id) out.push({ id, type: "paragraph", text: text.trim().slice(0, MAX_TEXT) });
        continue;
      }
      if (!(child instanceof Y.XmlElement)) continue;
      const name = child.nodeName;
      const type = TEXTBLOCKS[name];
      if (type) {
        const text = inlineText(child).trim();
        const id = stableId(child as unknown as Y.AbstractType<unknown>);
        if (!text || !id) continue;
        const block: FrozenBlock = { id, type: type === "paragraph" && context ? context : type, text };
        if (type === "heading") {
          const level = Number(child.getAttribute("level"));
          block.level = Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2;
        }
        out.push(block);
      } else if (name === "listItem" || name === "taskItem") {
        walk(child, "listItem");
      } else if (name === "blockquote") {
        walk(child, "quote");
      } else {
        walk(child, context); // lists and unknown wrappers: their text blocks still count
      }
    }
  };
  walk(fragment, null);
  return out;
}

/** The blocks of a named fragment; a name taken by another type (a bug elsewhere) reads as empty. */
export function blocksOf(doc: Y.Doc, name: string): FrozenBlock[] {
  const existing = doc.share.get(name);
  if (existing && !(existing instanceof Y.XmlFragment) && existing.constructor !== Y.AbstractType) return [];
  try {
    return fragmentBlocks(doc.getXmlFragment(name));
  } catch {
    return [];
  }
}

export interface InterviewFacts {
  personFunction: string;
  initials: string;
  organisation: string;
  relation: string;
  heldOn: string; // already formatted
  interviewers: string;
}

export function interviewTitle(i: Pick<InterviewFacts, "personFunction" | "initials" | "organisation">): string {
  const who = [i.personFunction, i.initials].filter(Boolean).join(" ");
  return `Verslag van het gesprek met ${who}${i.organisation ? `, ${i.organisation}` : ""}`;
}

/** The interview report as reactants see it: the facts of the interview and the verslag. */
export function freezeInterview(doc: Y.Doc, interviewId: string, facts: InterviewFacts): FrozenDocument {
  const blocks = blocksOf(doc, interviewFragmentName(interviewId));
  return {
    format: 1,
    kind: "interview",
    title: interviewTitle(facts),
    facts: [
      { label: "Gesproken met", value: [facts.personFunction, facts.initials].filter(Boolean).join(" ") },
      { label: "Organisatie", value: facts.organisation || "—" },
      { label: "Relatie tot de casus", value: facts.relation || "—" },
      { label: "Datum gesprek", value: facts.heldOn },
      { label: "Gesprek gevoerd door", value: facts.interviewers || "—" },
    ],
    sections: [{ id: "verslag", number: "", heading: "Verslag", blocks }],
  };
}

function frozenEvents(doc: Y.Doc): FrozenEvent[] {
  const timeline = readTimeline(doc);
  const parties = new Map<string, string>();
  for (const p of timeline.parties) if (p.ok) parties.set(p.id, p.value.name);
  const out: FrozenEvent[] = [];
  for (const e of timeline.events) {
    if (!e.ok) continue; // an invalid entry is not part of the facts shown for reaction
    const v = e.value;
    let date: string;
    try {
      date = formatDutchPartialDate(v.start);
    } catch {
      date = v.start;
    }
    out.push({
      id: e.id,
      date: v.approximate ? `ca. ${date}` : date,
      title: v.title,
      party: parties.get(v.party) ?? "",
      actor: [v.actorFunction, v.actorInitials].filter(Boolean).join(" "),
      description: v.description,
    });
  }
  return out;
}

/**
 * The draft report: every checklist item with its heading, the text its section fragment holds now
 * (with stable block ids, for pointers) and the structured part exactly as the report model
 * (app/domain/report/build.ts, the export's builder) has it: measures, root causes and the tree,
 * committee, professionals. The timeline's facts under 5a. Item 1a is never included: pass the
 * ketenpartners' model. Without a model (old callers, tests of the text part) only the texts.
 */
export function freezeDraftReport(doc: Y.Doc, meta: { title: string; report?: ReportModel }): FrozenDocument {
  const events = frozenEvents(doc);
  const model = meta.report;
  const groupOf = new Map<string, string>();
  const modelItems = new Map<string, ReportModel["chapters"][number]["items"][number]>();
  if (model) {
    for (const c of model.chapters) for (const item of c.items) {
      groupOf.set(item.id, c.heading);
      modelItems.set(item.id, item);
    }
  }
  const items = model ? [...modelItems.values()].map((i) => ({ id: i.id, heading: i.heading })) : REPORT_ITEMS;
  const sections: FrozenSection[] = items.map((item) => {
    const heading = item.heading;
    const group = groupOf.get(item.id) ?? REPORT_GROUPS[(item as { group?: number }).group ?? -1] ?? "";
    if (RESTRICTED_ITEMS.has(item.id)) {
      return {
        id: item.id,
        number: item.id,
        heading,
        group,
        blocks: [],
        note: "De gegevens van de cliënt staan alleen in het rapport aan de toezichthouder.",
      };
    }
    const blocks = blocksOf(doc, sectionFragmentName(item.id));
    const section: FrozenSection = { id: item.id, number: item.id, heading, group, blocks };
    if (item.id === "5a") section.events = events;
    const fromModel = modelItems.get(item.id);
    if (fromModel) {
      // The model's blocks are the text (the same blocks, converted) followed by the structured part.
      // Under 5a the events list (pointable) already shows the timeline's facts, so its table is left out.
      const content = fromModel.blocks
        .slice(toReportBlocks(blocks).length)
        .filter((b) => !(b.type === "note" && b.text === "Nog niet ingevuld.") && !(item.id === "5a" && b.type === "table"));
      if (content.length) section.content = content;
    }
    return section;
  });
  return { format: 1, kind: "draft_report", title: meta.title, facts: [], sections, ...(model ? { report: model } : {}) };
}
