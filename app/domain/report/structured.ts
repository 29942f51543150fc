// The structured part of each checklist item: blocks drawn from the document and the relational
// data, and what is still missing. One function per data source (checklist.ts DATA_SOURCES).
// Pure; Yjs content is read through the models' own validating readers.
import { initialsOf } from "../privacy/initials.ts";
import type * as Y from "yjs";
import {
  analysisProfile,
  ecmCatalog,
  flaggedNodes,
  GROUP_COLORS,
  measureWarnings,
  methodCatalog,
  noMeasureReasonsOf,
  rootCausesWithoutMeasure,
  readAnalysisSettings,
  readMeasures,
  readTree,
  rootCauses,
  themeCatalog,
  walk,
  type Measure,
  type ResolvedTree,
} from "../analysis/index.ts";
import { ANALYSIS_METHODS } from "../investigation-fields.ts";
import { formatDutchPartialDate } from "../timeline/partial-date.ts";
import { groupPartiesByDomain, readTimeline, type Timeline } from "../timeline/schema.ts";
import { sourceTypeLabel } from "../timeline/vocabulary.ts";
import type { DataSource } from "./checklist.ts";
import { INDEPENDENCE_LABELS, type ReportInput } from "./input.ts";
import type { ItemStatus, ReportBlock } from "./model.ts";
import { caseSupervisors } from "./supervisor.ts";

export interface StructuredPart {
  status: ItemStatus;
  missing: string[];
  blocks: ReportBlock[];
}

/** Everything read from the Y.Doc once per report. */
export interface DocFacts {
  timeline: Timeline;
  tree: ResolvedTree;
  measures: Measure[];
  invalidMeasures: number;
  method: string | null;
  methodNote: string;
}

export function readDocFacts(doc: Y.Doc): DocFacts {
  const { measures, invalid } = readMeasures(doc);
  const settings = readAnalysisSettings(doc);
  return {
    timeline: readTimeline(doc),
    tree: readTree(doc),
    measures,
    invalidMeasures: invalid.length,
    method: settings.method,
    methodNote: settings.methodNote,
  };
}

export const dutchDay = (isoDate: string | null): string => (isoDate ? formatDutchPartialDate(isoDate) : "—");
const dash = (s: string | null | undefined) => (s && s.trim() ? s.trim() : "—");
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A few titles by name, the rest counted: `‘A’, ‘B’ en ‘C’` or `‘A’, ‘B’, ‘C’ en 4 meer`. */
export function namedFew(titles: readonly string[], shown = 3): string {
  const names = titles.map((t) => `‘${t.trim() || "zonder titel"}’`);
  if (names.length <= shown) return names.length > 1 ? `${names.slice(0, -1).join(", ")} en ${names[names.length - 1]}` : (names[0] ?? "");
  return `${names.slice(0, shown).join(", ")} en ${names.length - shown} meer`;
}

/** Facts not yet confirmed or disputed: what the 5a link to the timeline filters on. */
export function openFactCount(t: Timeline): number {
  return t.events.filter((e) => e.ok && e.value.status !== "bevestigd").length;
}

function part(blocks: ReportBlock[], missing: string[], empty: boolean): StructuredPart {
  return { status: empty ? "leeg" : missing.length ? "in_concept" : "gereed", missing, blocks };
}

export function structuredPart(source: DataSource, input: ReportInput, facts: DocFacts): StructuredPart {
  switch (source) {
    case "client_identity":
      return clientIdentity(input);
    case "incident_dates":
      return incidentDates(input);
    case "committee":
      return committee(input);
    case "professionals":
      return professionals(facts);
    case "interviews":
      return interviews(input);
    case "method":
      return method(input, facts);
    case "timeline":
      return timeline(facts);
    case "root_causes":
      return rootCausePart(facts);
    case "measures":
      return measuresPart(facts, input.today);
    case "borging":
      return borging(facts);
  }
}

function clientIdentity(input: ReportInput): StructuredPart {
  if (input.audience !== "toezichthouder") {
    const note: ReportBlock = { type: "note", text: "De gegevens van de cliënt staan alleen in de versie voor de toezichthouder." };
    const status = input.clientStatus ?? "leeg";
    return { status, missing: status === "gereed" ? [] : ["De cliëntgegevens zijn nog niet (volledig) ingevuld."], blocks: [note] };
  }
  const c = input.client;
  const fields: [string, string | null][] = [
    ["Naam", c?.name ?? null],
    ["Geboortedatum", c?.dateOfBirth ? dutchDay(c.dateOfBirth) : null],
    ["Geslacht", c?.sex ?? null],
    ["Indicatie of besluit", c?.indication ?? null],
  ];
  const filled = fields.filter(([, v]) => v && v.trim());
  const missing = fields.filter(([, v]) => !v || !v.trim()).map(([label]) => `${label} van de cliënt ontbreekt.`);
  return part([{ type: "facts", rows: fields.map(([label, v]) => ({ label, value: dash(v) })) }], missing, filled.length === 0);
}

function incidentDates(input: ReportInput): StructuredPart {
  const inv = input.investigation;
  const supervisors = caseSupervisors(inv);
  const missing: string[] = [];
  if (!inv.calamityDate) missing.push("De datum van de calamiteit ontbreekt.");
  if (!inv.reportedDate) missing.push("De datum van melden bij de toezichthouder ontbreekt.");
  const rows = [
    { label: "Datum calamiteit", value: dutchDay(inv.calamityDate) },
    { label: "Datum gemeld bij de toezichthouder", value: dutchDay(inv.reportedDate) },
    { label: supervisors.length > 1 ? "Toezichthouders" : "Toezichthouder", value: supervisors.join(" en ") },
  ];
  return part([{ type: "facts", rows }], missing, !inv.calamityDate && !inv.reportedDate);
}

function committee(input: ReportInput): StructuredPart {
  const members = [...input.committee].sort((a, b) => a.position - b.position);
  if (members.length === 0) return part([{ type: "note", text: "Nog geen leden van de commissie vastgelegd." }], ["De samenstelling van de commissie ontbreekt."], true);
  const missing: string[] = [];
  members.forEach((m, i) => {
    const who = m.function.trim() || `Lid ${i + 1}`;
    if (!m.background.trim()) missing.push(`Bij ${who} ontbreekt de achtergrond.`);
    if (!m.involvement.trim()) missing.push(`Bij ${who} ontbreekt de mate van betrokkenheid.`);
  });
  if (members.every((m) => m.independence === "intern_betrokken")) {
    missing.push("Geen lid van de commissie staat los van de zorg; stel haar zo onafhankelijk mogelijk samen.");
  }
  const withNames = members.some((m) => m.name.trim());
  // Members are professionals: by function and initials in the ketenpartners' version (issue 16).
  const fullNames = input.audience === "toezichthouder";
  const columns = [
    ...(withNames ? [{ label: fullNames ? "Naam" : "Initialen", weight: 2 }] : []),
    { label: "Functie", weight: 2 },
    { label: "Organisatie", weight: 2 },
    { label: "Achtergrond", weight: 3 },
    { label: "Betrokkenheid bij de calamiteit", weight: 3 },
    { label: "Onafhankelijkheid", weight: 2 },
  ];
  const rows = members.map((m) => [
    ...(withNames ? [dash(fullNames ? m.name : initialsOf(m.name))] : []),
    dash(m.function),
    dash(m.organisation),
    dash(m.background),
    dash(m.involvement),
    INDEPENDENCE_LABELS[m.independence] ?? m.independence,
  ]);
  return part([{ type: "table", caption: "Samenstelling van de calamiteitencommissie", columns, rows }], missing, false);
}

/** Professionals by function and initials (item 2), from the facts on the timeline. */
function professionals(facts: DocFacts): StructuredPart {
  const partyName = partyNames(facts.timeline);
  const seen = new Map<string, { fn: string; initials: string; party: string; n: number }>();
  for (const e of facts.timeline.events) {
    if (!e.ok || (!e.value.actorFunction && !e.value.actorInitials)) continue;
    const party = partyName.get(e.value.party) ?? "";
    const key = `${e.value.actorFunction.toLowerCase()}|${e.value.actorInitials.toUpperCase()}|${party}`;
    const entry = seen.get(key) ?? { fn: e.value.actorFunction, initials: e.value.actorInitials, party, n: 0 };
    entry.n++;
    seen.set(key, entry);
  }
  const list = [...seen.values()].sort((a, b) => a.party.localeCompare(b.party, "nl") || a.fn.localeCompare(b.fn, "nl"));
  if (list.length === 0) return part([], ["Op de tijdlijn staat bij geen enkel feit een functie of initialen."], true);
  const missing = list.filter((p) => !p.fn.trim()).map((p) => `Bij ${p.initials} (${p.party || "onbekende organisatie"}) ontbreekt de functie.`);
  return part(
    [
      {
        type: "table",
        caption: "Betrokken beroepskrachten (functie en initialen, uit de tijdlijn)",
        columns: [
          { label: "Functie", weight: 3 },
          { label: "Initialen", weight: 1 },
          { label: "Organisatie", weight: 3 },
          { label: "Feiten", weight: 1 },
        ],
        rows: list.map((p) => [dash(p.fn), dash(p.initials), dash(p.party), String(p.n)]),
      },
    ],
    missing,
    false,
  );
}

function interviews(input: ReportInput): StructuredPart {
  const list = [...input.interviews].sort((a, b) => a.heldOn.localeCompare(b.heldOn));
  if (list.length === 0) return part([], ["Er zijn nog geen gesprekken vastgelegd."], true);
  return part(
    [
      {
        type: "table",
        caption: "Gevoerde gesprekken",
        columns: [
          { label: "Gesproken met", weight: 3 },
          { label: "Organisatie", weight: 3 },
          { label: "Relatie tot de casus", weight: 3 },
          { label: "Datum", weight: 2 },
          { label: "Gevoerd door", weight: 2 },
        ],
        rows: list.map((i) => [
          dash([i.personFunction, i.initials].filter(Boolean).join(" ")),
          dash(i.organisation),
          dash(i.relation),
          dutchDay(i.heldOn),
          dash(i.interviewers),
        ]),
      },
    ],
    [],
    false,
  );
}

function method(input: ReportInput, facts: DocFacts): StructuredPart {
  const chosen = facts.method ? methodCatalog.byId.get(facts.method) : undefined;
  const fallback = ANALYSIS_METHODS[input.investigation.analysisMethod as keyof typeof ANALYSIS_METHODS];
  const name = chosen ? `${chosen.name}${chosen.fullName ? ` (${chosen.fullName})` : ""}` : fallback;
  const rows = [{ label: "Analysemethode", value: dash(name) }];
  if (facts.methodNote.trim()) rows.push({ label: "Toelichting", value: facts.methodNote.trim() });
  const blocks: ReportBlock[] = [{ type: "facts", rows }];
  if (chosen?.description) blocks.push({ type: "paragraph", text: chosen.description });
  return part(blocks, name ? [] : ["Er is nog geen analysemethode gekozen."], !name);
}

function partyNames(timeline: Timeline): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of timeline.parties) if (p.ok) out.set(p.id, p.value.name);
  return out;
}

function timeline(facts: DocFacts): StructuredPart {
  const { timeline: t } = facts;
  const valid = t.events.flatMap((e) => (e.ok ? [{ id: e.id, ...e.value }] : []));
  const invalid = t.events.length - valid.length;
  if (t.events.length === 0) return part([], ["Er staan nog geen feiten op de tijdlijn."], true);
  const partyName = partyNames(t);
  const missing: string[] = [];
  const concept = valid.filter((e) => e.status === "concept");
  const disputed = valid.filter((e) => e.status === "betwist");
  if (concept.length) missing.push(`${count(concept.length, "feit is", "feiten zijn")} nog niet bevestigd door de organisatie: ${namedFew(concept.map((e) => e.title))}.`);
  if (disputed.length) missing.push(`${count(disputed.length, "feit is", "feiten zijn")} betwist: ${namedFew(disputed.map((e) => e.title))}.`);
  if (invalid) missing.push(`${count(invalid, "feit is", "feiten zijn")} ongeldig en ontbreken in het rapport.`);

  const rows = valid.map((e) => {
    const date = formatDutchPartialDate(e.start, { approximate: e.approximate });
    const actor = [e.actorFunction, e.actorInitials].filter(Boolean).join(" ");
    const what = [e.title, e.description.trim(), actor ? `(${actor})` : ""].filter(Boolean).join(" — ");
    const status = e.status === "betwist" ? ` [betwist: ${e.statusReason ?? ""}]` : "";
    const sources = e.sources.map((s) => `${sourceTypeLabel(s.type)}: ${s.reference}`).join("; ");
    return [date, partyName.get(e.party) ?? "—", what + status, sources || "—"];
  });
  const lanes = groupPartiesByDomain(t.parties.flatMap((p) => (p.ok ? [{ id: p.id, value: p.value }] : []))).flatMap((g) =>
    g.parties.map((p) => ({ id: p.id, name: p.value.name, domain: g.domain })),
  );
  const blocks: ReportBlock[] = [
    {
      type: "figure",
      figure: {
        kind: "swimlane",
        lanes,
        periods: t.periods.flatMap((p) => (p.ok ? [{ label: p.value.label, start: p.value.start, end: p.value.end }] : [])),
        events: valid.map((e) => ({ lane: e.party, start: e.start, end: e.end ?? null, critical: e.flags.kritiekMoment, label: e.title })),
      },
      caption: "Integrale tijdlijn per organisatie en periode",
      alt: `Tijdlijn met ${count(valid.length, "feit", "feiten")} van ${count(lanes.length, "organisatie", "organisaties")}; kritieke momenten gemarkeerd. De tabel hieronder bevat dezelfde feiten.`,
    },
    {
      type: "table",
      caption: "Chronologisch feitenrelaas",
      columns: [
        { label: "Datum", weight: 2 },
        { label: "Organisatie", weight: 2 },
        { label: "Wat gebeurde er", weight: 6 },
        { label: "Bron", weight: 2 },
      ],
      rows,
    },
  ];
  return part(blocks, missing, false);
}

function rootCausePart(facts: DocFacts): StructuredPart {
  const { tree } = facts;
  const causes = rootCauses(tree);
  if (!tree.top && causes.length === 0) return part([], ["Er is nog geen oorzakenanalyse (oorzakenboom of kritieke momenten)."], true);
  const missing: string[] = [];
  const unclassified = causes.filter((n) => !n.ecm || !ecmCatalog.byCode.has(n.ecm));
  if (causes.length === 0) missing.push("De analyse heeft nog geen basisoorzaken.");
  if (unclassified.length) missing.push(`${count(unclassified.length, "basisoorzaak heeft", "basisoorzaken hebben")} nog geen ECM-code.`);
  const flagged = flaggedNodes(tree).length;
  if (flagged) missing.push(`${count(flagged, "onderdeel", "onderdelen")} van de boom ${flagged === 1 ? "moet" : "moeten"} nog worden nagekeken (conflict na gelijktijdig bewerken).`);

  const nodes = [...walk(tree)].map((n) => ({
    id: n.id,
    parentId: n.viewParent,
    kind: n.kind,
    label: n.label,
    ecmCode: n.ecm,
    rootCause: causes.some((c) => c.id === n.id),
    recoveryType: n.recoveryType,
  }));
  const blocks: ReportBlock[] = [];
  if (nodes.length) {
    blocks.push({
      type: "figure",
      figure: { kind: "causal_tree", nodes },
      caption: "Oorzakenboom",
      alt: `Oorzakenboom met ${count(nodes.length, "onderdeel", "onderdelen")}, waarvan ${count(causes.length, "basisoorzaak", "basisoorzaken")}. De tabel hieronder noemt de basisoorzaken met hun code.`,
    });
  }
  if (causes.length) {
    blocks.push({
      type: "table",
      caption: "Basisoorzaken met ECM-code",
      columns: [
        { label: "Basisoorzaak", weight: 6 },
        { label: "ECM-code", weight: 3 },
        { label: "Thema's", weight: 3 },
      ],
      rows: causes.map((n) => {
        const code = n.ecm ? ecmCatalog.byCode.get(n.ecm) : undefined;
        return [
          dash(n.label),
          code ? `${code.code} ${code.label}` : n.ecm ? `${n.ecm} (onbekende code)` : "Nog niet geclassificeerd",
          n.themes.map((t) => themeCatalog.byId.get(t)?.label ?? t).join(", ") || "—",
        ];
      }),
    });
    const profile = analysisProfile(tree);
    if (profile.classified > 0) {
      blocks.push({
        type: "figure",
        figure: {
          kind: "profile",
          groups: profile.groups.map((g) => ({ id: g.group, label: g.label, count: g.count, share: g.share, color: GROUP_COLORS[g.group] })),
        },
        caption: "PRISMA-profiel: basisoorzaken per hoofdgroep",
        alt: `PRISMA-profiel: ${profile.groups.map((g) => `${g.label} ${g.count}`).join(", ")}.`,
      });
      blocks.push({
        type: "table",
        caption: "PRISMA-profiel per code",
        columns: [
          { label: "Code", weight: 1 },
          { label: "Omschrijving", weight: 5 },
          { label: "Aantal", weight: 1 },
          { label: "Aandeel", weight: 1 },
        ],
        rows: profile.codes.filter((c) => c.count > 0).map((c) => [c.code, c.label, String(c.count), `${Math.round(c.share * 100)}%`]),
      });
    }
  }
  return part(blocks, missing, false);
}

function causeLabels(facts: DocFacts, ids: readonly string[]): string {
  return ids.map((id) => facts.tree.byId.get(id)?.label || "(verwijderde oorzaak)").join("; ") || "—";
}

function owner(m: Measure): string {
  return [m.ownerFunction, m.ownerOrganisation].filter((s) => s.trim()).join(", ");
}

function measuresPart(facts: DocFacts, today: string): StructuredPart {
  const { measures, tree } = facts;
  const causes = rootCauses(tree);
  if (measures.length === 0 && causes.length === 0) return part([], ["Er zijn nog geen verbetermaatregelen."], true);
  // Borging has its own item (7c); overdue work is not a gap in the report.
  const missing = measureWarnings(tree, measures, null, today)
    .filter((w) => w.code !== "maatregel_zonder_borging" && w.code !== "deadline_verstreken")
    .map((w) => w.message);
  if (facts.invalidMeasures) missing.push(`${count(facts.invalidMeasures, "maatregel is", "maatregelen zijn")} ongeldig en ontbreken in het rapport.`);
  // A root cause the team chose not to address: the toezichthouder reads why (domain.md §5).
  const reasons = noMeasureReasonsOf(tree);
  const explained = rootCausesWithoutMeasure(tree, measures).filter((id) => reasons.has(id));
  const reasonBlocks: ReportBlock[] = explained.length
    ? [
        {
          type: "table",
          caption: "Basisoorzaken zonder maatregel, met de reden",
          columns: [
            { label: "Basisoorzaak", weight: 4 },
            { label: "Reden zonder maatregel", weight: 6 },
          ],
          rows: explained.map((id) => [dash(tree.byId.get(id)?.label), dash(reasons.get(id))]),
        },
      ]
    : [];
  if (measures.length === 0) return part(reasonBlocks, missing.length ? missing : ["Er zijn nog geen verbetermaatregelen."], reasonBlocks.length === 0);
  return part(
    [
      {
        type: "table",
        caption: "Verbetermaatregelen (SMART)",
        columns: [
          { label: "Maatregel", weight: 4 },
          { label: "Basisoorzaak", weight: 3 },
          { label: "Eigenaar", weight: 2 },
          { label: "Deadline", weight: 2 },
          { label: "Meetbaar resultaat", weight: 3 },
          { label: "Status", weight: 2 },
        ],
        rows: measures.map((m) => [dash(m.title), causeLabels(facts, m.rootCauses), dash(owner(m)), dutchDay(m.deadline), dash(m.measurableResult), statusLabel(m)]),
      },
      ...reasonBlocks,
    ],
    missing,
    false,
  );
}

function statusLabel(m: Measure): string {
  return { gepland: "Gepland", in_uitvoering: "In uitvoering", gerealiseerd: "Gerealiseerd", geborgd: "Geborgd" }[m.status] ?? m.status;
}

function borging(facts: DocFacts): StructuredPart {
  const { measures } = facts;
  if (measures.length === 0) return part([], ["Er zijn nog geen maatregelen om te borgen."], true);
  const missing = measures
    .filter((m) => !m.borgingHow.trim() || !m.borgingWho.trim() || !m.borgingWhen)
    .map((m) => `Bij maatregel "${m.title.trim() || "zonder omschrijving"}" is de borging niet volledig (hoe, wie controleert, wanneer).`);
  return part(
    [
      {
        type: "table",
        caption: "Borging van de maatregelen",
        columns: [
          { label: "Maatregel", weight: 4 },
          { label: "Hoe geborgd", weight: 4 },
          { label: "Wie controleert", weight: 2 },
          { label: "Evaluatie", weight: 2 },
        ],
        rows: measures.map((m) => [dash(m.title), dash(m.borgingHow), dash(m.borgingWho), dutchDay(m.borgingWhen)]),
      },
    ],
    missing,
    false,
  );
}

/** The sources cited on the timeline's facts, for the appendix: kind, reference, how many facts. */
export function citedSources(facts: DocFacts): string[][] {
  const seen = new Map<string, { type: string; reference: string; n: number }>();
  for (const e of facts.timeline.events) {
    if (!e.ok) continue;
    for (const s of e.value.sources) {
      const key = `${s.type}|${s.reference}`;
      const entry = seen.get(key) ?? { type: s.type, reference: s.reference, n: 0 };
      entry.n++;
      seen.set(key, entry);
    }
  }
  return [...seen.values()]
    .sort((a, b) => sourceTypeLabel(a.type).localeCompare(sourceTypeLabel(b.type), "nl") || a.reference.localeCompare(b.reference, "nl"))
    .map((s) => [sourceTypeLabel(s.type), s.reference, String(s.n)]);
}
