// Which steps of the chosen method are done, derived from the document where the model can tell
// (tree built, root causes classified, measures linked, conclusions written) and from manual
// check marks where it cannot (e.g. "afronden"). A manual mark also overrides an open automatic
// check, e.g. DAM "herstelfactoren" when there were none.
import type * as Y from "yjs";
import { defaultCatalogs, type Catalogs, type Method } from "./catalog.ts";
import { PERIODS_MAP, EVENTS_MAP, conclusionsFragment, fragmentPlainText, plural } from "./doc.ts";
import { noMeasureReasonsOf, readMeasures, rootCausesWithoutMeasure, type Measure } from "./measures.ts";
import { readAnalysisSettings, type StepMark } from "./settings.ts";
import { causes, readTree, rootCauses, walk, type ResolvedTree } from "./tree.ts";

export interface ProgressFacts {
  readonly tree: ResolvedTree;
  readonly measures: readonly Measure[];
  readonly eventCount: number;
  readonly periodCount: number;
  /** Plain text of the 7a conclusions. */
  readonly conclusionsText: string;
  readonly methodNote: string;
  /** Manual marks keyed `${method}:${step}`. */
  readonly marks: ReadonlyMap<string, StepMark>;
}

export interface StepProgress {
  readonly id: string;
  readonly title: string;
  readonly guidance: string;
  readonly done: boolean;
  /** Whether the model checks this step itself (false: manual check mark only). */
  readonly automatic: boolean;
  readonly markedDone: boolean;
  /** Dutch, e.g. "3 van 5 basisoorzaken geclassificeerd." */
  readonly detail: string;
}

export interface MethodProgress {
  readonly method: Method | null;
  readonly steps: readonly StepProgress[];
  readonly done: number;
  readonly total: number;
}

interface Check {
  done: boolean;
  detail: string;
}
type Evaluator = (f: ProgressFacts, c: Catalogs) => Check;

const treeBuilt: Evaluator = ({ tree }) => {
  const n = causes(tree).length;
  if (!tree.top) return { done: false, detail: "Nog geen topgebeurtenis." };
  if (n === 0) return { done: false, detail: "De topgebeurtenis staat er; nog geen oorzaken." };
  return { done: true, detail: `Topgebeurtenis en ${plural(n, "oorzaak", "oorzaken")}.` };
};

const classifiedCount = (f: ProgressFacts, c: Catalogs) =>
  rootCauses(f.tree).filter((n) => n.ecm !== null && c.ecm.byCode.has(n.ecm)).length;

const classified: Evaluator = (f, c) => {
  const total = rootCauses(f.tree).length;
  if (total === 0) return { done: false, detail: "Nog geen basisoorzaken." };
  const known = classifiedCount(f, c);
  return { done: known === total, detail: `${known} van ${total} basisoorzaken geclassificeerd.` };
};

const profile: Evaluator = (f, c) => {
  const known = classifiedCount(f, c);
  if (known === 0) return { done: false, detail: "Beschikbaar zodra er een basisoorzaak is geclassificeerd." };
  return { done: true, detail: `Profiel op basis van ${plural(known, "geclassificeerde basisoorzaak", "geclassificeerde basisoorzaken")}.` };
};

const measuresCovered: Evaluator = ({ tree, measures }) => {
  const total = rootCauses(tree).length;
  if (total === 0) return { done: false, detail: "Nog geen basisoorzaken om maatregelen aan te koppelen." };
  const reasons = noMeasureReasonsOf(tree);
  const open = rootCausesWithoutMeasure(tree, measures).filter((id) => !reasons.has(id)).length;
  return {
    done: open === 0,
    detail: `${total - open} van ${total} basisoorzaken hebben een maatregel of een reden waarom niet.`,
  };
};

const measuresPresent: Evaluator = ({ measures }) =>
  measures.length === 0
    ? { done: false, detail: "Nog geen verbetermaatregelen." }
    : { done: true, detail: `${plural(measures.length, "verbetermaatregel", "verbetermaatregelen")}.` };

const eventsPresent: Evaluator = ({ eventCount }) =>
  eventCount === 0
    ? { done: false, detail: "Nog geen feiten op de tijdlijn." }
    : { done: true, detail: `${plural(eventCount, "feit", "feiten")} op de tijdlijn.` };

const timelineOrdered: Evaluator = ({ eventCount, periodCount }) => ({
  done: eventCount > 0 && periodCount > 0,
  detail:
    eventCount === 0
      ? "Nog geen feiten op de tijdlijn."
      : `${plural(eventCount, "feit", "feiten")}, ${plural(periodCount, "periode", "perioden")}.`,
});

const momentsMarked: Evaluator = ({ tree }) => {
  const n = tree.criticalMoments.length;
  return n === 0
    ? { done: false, detail: "Nog geen kritieke momenten gemarkeerd." }
    : { done: true, detail: `${plural(n, "kritiek moment", "kritieke momenten")} gemarkeerd.` };
};

const momentsAnalysed: Evaluator = ({ tree }) => {
  const total = tree.criticalMoments.length;
  if (total === 0) return { done: false, detail: "Nog geen kritieke momenten gemarkeerd." };
  const done = tree.criticalMoments.filter((m) => m.children.length > 0).length;
  return { done: done === total, detail: `${done} van ${total} kritieke momenten uitgevraagd tot basisoorzaken.` };
};

const conclusionsWritten: Evaluator = ({ conclusionsText }) =>
  conclusionsText.trim()
    ? { done: true, detail: "De conclusies (7a) zijn geschreven." }
    : { done: false, detail: "Nog geen conclusies (7a) geschreven." };

const recoveryListed: Evaluator = ({ tree }) => {
  const n = [...walk(tree)].filter((r) => r.side === "recovery").length;
  return n === 0
    ? { done: false, detail: "Nog geen herstelfactoren; vink af als die er niet waren." }
    : { done: true, detail: `${plural(n, "herstelfactor", "herstelfactoren")} benoemd.` };
};

const topDescribed: Evaluator = ({ tree }) =>
  tree.top?.label.trim()
    ? { done: true, detail: "De gebeurtenis is beschreven." }
    : { done: false, detail: "Nog geen gebeurtenis beschreven." };

const methodDescribed: Evaluator = ({ methodNote }) =>
  methodNote.trim()
    ? { done: true, detail: "De methode is beschreven." }
    : { done: false, detail: "Nog geen beschrijving van de methode." };

const analysisDone: Evaluator = ({ tree }) => {
  const n = rootCauses(tree).length;
  return n === 0
    ? { done: false, detail: "Nog geen (basis)oorzaken vastgelegd." }
    : { done: true, detail: `${plural(n, "basisoorzaak", "basisoorzaken")} vastgelegd.` };
};

/** Keyed `${method}:${step}`; a step without an entry is checked manually. */
const EVALUATORS: Record<string, Evaluator> = {
  "sire:informatie_verzamelen": eventsPresent,
  "sire:informatie_ordenen": timelineOrdered,
  "sire:onderzoeksgebied_afbakenen": momentsMarked,
  "sire:oorzaken_identificeren": momentsAnalysed,
  "sire:verbeteringen_bedenken": measuresCovered,
  "sire:rapporteren": conclusionsWritten,
  "prisma:oorzakenboom": treeBuilt,
  "prisma:classificeren": classified,
  "prisma:profiel": profile,
  "prisma:verbetermaatregelen": measuresCovered,
  "tripod_beta:gebeurtenis_beschrijven": topDescribed,
  "tripod_beta:verbetermaatregelen": measuresPresent,
  "dam:tijdlijn_opstellen": eventsPresent,
  "dam:oorzakenboom": treeBuilt,
  "dam:herstelfactoren": recoveryListed,
  "dam:classificeren": classified,
  "dam:verbetermaatregelen": measuresCovered,
  "other:methode_beschrijven": methodDescribed,
  "other:analyse_uitvoeren": analysisDone,
  "other:conclusies": conclusionsWritten,
  "other:verbetermaatregelen": measuresPresent,
};

export function methodProgress(
  methodId: string | null,
  facts: ProgressFacts,
  catalogs: Catalogs = defaultCatalogs,
): MethodProgress {
  const method = methodId ? (catalogs.methods.byId.get(methodId) ?? null) : null;
  if (!method) return { method: null, steps: [], done: 0, total: 0 };
  const steps = method.steps.map((s): StepProgress => {
    const key = `${method.id}:${s.id}`;
    const markedDone = facts.marks.get(key)?.done === true;
    const evaluate = EVALUATORS[key];
    if (!evaluate) {
      return {
        id: s.id,
        title: s.title,
        guidance: s.guidance,
        done: markedDone,
        automatic: false,
        markedDone,
        detail: markedDone ? "Afgevinkt." : "Vink deze stap af wanneer hij klaar is.",
      };
    }
    const check = evaluate(facts, catalogs);
    return {
      id: s.id,
      title: s.title,
      guidance: s.guidance,
      done: check.done || markedDone,
      automatic: true,
      markedDone,
      detail: markedDone && !check.done ? `${check.detail} Handmatig afgevinkt.` : check.detail,
    };
  });
  return { method, steps, done: steps.filter((s) => s.done).length, total: steps.length };
}

export function progressFacts(doc: Y.Doc): ProgressFacts {
  const settings = readAnalysisSettings(doc);
  return {
    tree: readTree(doc),
    measures: readMeasures(doc).measures,
    eventCount: doc.getMap(EVENTS_MAP).size,
    periodCount: doc.getMap(PERIODS_MAP).size,
    conclusionsText: fragmentPlainText(conclusionsFragment(doc)),
    methodNote: settings.methodNote,
    marks: settings.marks,
  };
}

/** Progress of the method chosen in the document (empty when none is chosen). */
export function progressFromDoc(doc: Y.Doc, catalogs: Catalogs = defaultCatalogs): MethodProgress {
  return methodProgress(readAnalysisSettings(doc, catalogs.methods).method, progressFacts(doc), catalogs);
}
