// Builds the report model (model.ts) from the investigation's Y.Doc and its relational data.
// Pure: same input, same model. Yjs content is untrusted: invalid entries are counted as missing,
// never thrown. The checklist decides chapters, order and numbering.
import type * as Y from "yjs";
import { KINDS, LEGAL_FRAMES, REPORTING_CRITERIA } from "../investigation-fields.ts";
import type { Checklist, ChecklistItem } from "./checklist.ts";
import type { ReportInput, ReportReaction } from "./input.ts";
import { functionAndInitials } from "../privacy/initials.ts";
import { ITEM_STATUS_LABELS, type ItemStatus, type ReportAppendix, type ReportAudience, type ReportBlock, type ReportItemContent, type ReportModel } from "./model.ts";
import { blocksText, narrativeStatus, sectionBlocks, toReportBlocks } from "./narrative.ts";
import { meetingCitation, readMeetings } from "../meetings/notes.ts";
import { caseSupervisors } from "./supervisor.ts";
import { citedSources, dutchDay, readDocFacts, structuredPart, type DocFacts } from "./structured.ts";

const label = <T extends Record<string, string>>(labels: T, key: string) => labels[key as keyof T] ?? key;

export function buildReport(doc: Y.Doc, input: ReportInput, checklist: Checklist): ReportModel {
  const facts = readDocFacts(doc);
  const items = new Map(checklist.items.map((item) => [item.id, buildItem(item, doc, input, facts)]));
  const chapters = [...checklist.groups]
    .sort((a, b) => a.number - b.number)
    .map((g) => ({
      number: g.number,
      heading: g.heading,
      items: checklist.items.filter((i) => i.group === g.number).map((i) => items.get(i.id)!),
    }));
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const appendices: ReportAppendix[] = checklist.appendices.map((a, index) => ({
    id: a.id,
    label: `Bijlage ${letters[index] ?? index + 1}`,
    heading: a.heading,
    blocks: appendixBlocks(a.id, input, facts, chapters.flatMap((c) => c.items)),
  }));
  return {
    format: 1,
    checklistId: checklist.id,
    checklistName: checklist.name,
    audience: input.audience,
    investigationId: input.investigation.id,
    titlePage: titlePage(input),
    chapters,
    appendices,
  };
}

/** One item: its structured part (if any) and its narrative section (if any), and the combined status. */
function buildItem(item: ChecklistItem, doc: Y.Doc, input: ReportInput, facts: DocFacts): ReportItemContent {
  const restrictedOut = item.restricted && input.audience !== "toezichthouder";
  const structured = item.data ? structuredPart(item.data, input, facts) : null;
  // Restricted content never comes from the shared document (it must not be there), so only the note.
  const narrativeBlocks = item.narrative && !restrictedOut ? sectionBlocks(doc, item.id) : [];
  const narrative = item.narrative ? narrativeStatus(blocksText(narrativeBlocks)) : null;

  let status: ItemStatus;
  let missing: string[];
  if (structured && narrative) {
    // The structured data carries the item; its text is a welcome addition, except the conclusions
    // (7a), which the report cannot do without. An open marker in the text is never "gereed".
    const textRequired = item.data === "root_causes";
    status = structured.status;
    missing = [...structured.missing];
    if (narrative.status === "in_concept" || (textRequired && narrative.status === "leeg")) {
      if (status === "gereed") status = "in_concept";
      missing.push(textRequired && narrative.status === "leeg" ? "De conclusies zijn nog niet geschreven." : narrative.missing[0]);
    }
    if (status === "leeg" && narrative.status !== "leeg") status = "in_concept";
  } else if (structured) {
    ({ status, missing } = structured);
  } else {
    ({ status, missing } = narrative!);
  }

  const blocks: ReportBlock[] = [...toReportBlocks(narrativeBlocks), ...(structured?.blocks ?? []), ...(item.attachments ? attachmentBlocks(input) : []), ...(item.meetings ? meetingBlocks(doc) : [])];
  if (blocks.length === 0) blocks.push({ type: "note", text: "Nog niet ingevuld." });
  return { id: item.id, heading: item.heading, status, missing, blocks };
}

/** 4c: the reflection meetings recorded in the workspace (issue 12), one sentence each. */
function meetingBlocks(doc: Y.Doc): ReportBlock[] {
  const meetings = readMeetings(doc);
  if (!meetings.length) return [];
  return [{ type: "bullets", items: meetings.map((m) => meetingCitation(m.value)) }];
}

/** 4e: the protocols sent along as attachments, by name and date added. */
function attachmentBlocks(input: ReportInput): ReportBlock[] {
  const files = input.attachments ?? [];
  if (!files.length) return [];
  return [
    {
      type: "table",
      caption: "Meegestuurde protocollen en richtlijnen",
      columns: [
        { label: "Bestand", weight: 6 },
        { label: "Toegevoegd op", weight: 2 },
      ],
      rows: files.map((f) => [f.filename, dutchDay(f.uploadedOn)]),
    },
  ];
}

function titlePage(input: ReportInput): ReportModel["titlePage"] {
  const inv = input.investigation;
  const supervisors = caseSupervisors(inv);
  const facts = [
    { label: "Soort", value: label(KINDS, inv.kind) },
    { label: "Wettelijk kader", value: label(LEGAL_FRAMES, inv.legalFrame) },
    { label: "Meldingscriterium", value: label(REPORTING_CRITERIA, inv.reportingCriterion) },
    { label: supervisors.length > 1 ? "Toezichthouders" : "Toezichthouder", value: supervisors.join(" en ") },
    { label: "Datum calamiteit", value: dutchDay(inv.calamityDate) },
    { label: "Gemeld op", value: dutchDay(inv.reportedDate) },
  ];
  return {
    title: inv.title,
    subtitle: `Zelfonderzoek ${label(KINDS, inv.kind).toLowerCase()}`,
    providers: inv.providers,
    facts,
    date: dutchDay(input.today),
    version: input.versionLabel,
    status: input.status,
    authors: input.authors ?? [],
    contact: input.contact ?? null,
  };
}

function appendixBlocks(id: ReportAppendix["id"], input: ReportInput, facts: DocFacts, items: ReportItemContent[]): ReportBlock[] {
  switch (id) {
    case "reacties":
      if (input.reactionsWithheld)
        return [{ type: "note", text: "De ondertekende reacties staan niet in deze versie voor de ketenpartners. Wie voor een ronde is uitgenodigd, leest de reacties daarvan bij die ronde; de versie voor de toezichthouder bevat ze alle." }];
      return reactionBlocks(input.reactions, input.audience);
    case "bronnen": {
      const rows = citedSources(facts);
      const blocks: ReportBlock[] = [
        { type: "paragraph", text: "De richtlijnen en protocollen die bij het onderzoek zijn betrokken staan onder 4e; de geraadpleegde informatiebronnen onder 4d. Hieronder de bronnen die bij de feiten op de tijdlijn zijn vermeld." },
      ];
      if (rows.length === 0) blocks.push({ type: "note", text: "Bij de feiten zijn nog geen bronnen vermeld." });
      else blocks.push({ type: "table", caption: "Bronnen bij de feiten", columns: [{ label: "Soort", weight: 2 }, { label: "Verwijzing", weight: 6 }, { label: "Feiten", weight: 1 }], rows });
      return blocks;
    }
    case "concordantie":
      return [
        {
          type: "table",
          caption: "Bijlage 1-onderdeel, paragraaf in dit rapport en status",
          columns: [
            { label: "Onderdeel", weight: 2 },
            { label: "Omschrijving", weight: 9 },
            { label: "Paragraaf", weight: 2 },
            { label: "Status", weight: 2 },
          ],
          rows: items.map((i) => [i.id, i.heading, i.id, ITEM_STATUS_LABELS[i.status]]),
        },
      ];
  }
}

/** How a signer proved to be the person invited (ADR 0021), as Bijlage A and the printable view say it. */
export const SIGNED_WITH = {
  code: "eenmalige code, gemaild naar het adres van de uitnodiging",
  session: "eigen Ketenlijn-account (ingelogd)",
} as const;

/** Full names only for the toezichthouder; the ketenpartners read function and initials. */
function signer(r: ReportReaction, audience: ReportAudience): string {
  if (audience !== "toezichthouder") return functionAndInitials(r.signerRole, r.signerName);
  return r.signerRole ? `${r.signerName} (${r.signerRole})` : r.signerName;
}

function reactionBlocks(reactions: readonly ReportReaction[], audience: ReportAudience): ReportBlock[] {
  if (reactions.length === 0) return [{ type: "note", text: "Er zijn (nog) geen ondertekende reacties." }];
  const rows = reactions.map((r) => ({ r, by: signer(r, audience) }));
  const sorted = rows.sort((a, b) => a.r.signedOn.localeCompare(b.r.signedOn) || a.by.localeCompare(b.by, "nl"));
  const blocks: ReportBlock[] = [];
  sorted.forEach(({ r, by }, i) => {
    blocks.push({ type: "heading", text: `Reactie ${i + 1}: ${r.roundTitle}`, level: 3 });
    blocks.push({
      type: "facts",
      rows: [
        // Full names of invitees only for the toezichthouder.
        ...(audience === "toezichthouder" && r.inviteeName ? [{ label: "Uitgenodigd", value: r.inviteeName }] : []),
        { label: "Ondertekend door", value: by },
        { label: "Datum", value: dutchDay(r.signedOn) + (r.late ? " (na de termijn)" : "") },
        { label: "Betreft", value: r.pointerLabel || "Algemeen" },
        ...(r.signedWith ? [{ label: "Bevestigd met", value: SIGNED_WITH[r.signedWith] }] : []),
        ...(r.signatureHash ? [{ label: "Controlehash", value: r.signatureHash }] : []),
      ],
    });
    blocks.push({ type: "quote", text: r.text });
    const d = r.disposition;
    blocks.push(
      d
        ? { type: "paragraph", text: d.kind === "verwerkt" ? `Afhandeling: verwerkt (${dutchDay(d.decidedOn)}). ${d.note}` : `Afhandeling: gemotiveerd terzijde gelegd (${dutchDay(d.decidedOn)}). ${d.note}` }
        : { type: "note", text: "Nog niet afgehandeld." },
    );
  });
  return blocks;
}
