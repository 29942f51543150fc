// What each role lands on in an investigation (issue 11): a ketenpartner sees their own lane and
// "add your organisation's facts"; the procesbegeleider a list of what is still open (terms,
// reactions without a disposition, checklist items, requests of the toezichthouder). Pure.
import type { DeadlineStatus } from "./deadline-plan.ts";

export interface OpenTask {
  key: string;
  text: string;
  /** Path inside the investigation, e.g. "termijnen". */
  path: string;
  urgent: boolean;
}

export interface TaskInput {
  deadlines: readonly { key: string; label: string; status: DeadlineStatus; dueText: string }[];
  rounds: readonly { id: string; title: string; openDispositions: number }[];
  checklist: { total: number; ready: number } | null;
  openRequests: number;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** The procesbegeleider's open tasks, most urgent first. */
export function procesbegeleiderTasks(input: TaskInput): OpenTask[] {
  const tasks: OpenTask[] = [];
  for (const d of input.deadlines) {
    if (d.status === "overdue") tasks.push({ key: `termijn:${d.key}`, text: `Termijn ‘${d.label}’ is verstreken (${d.dueText}).`, path: "termijnen", urgent: true });
  }
  if (input.openRequests > 0) {
    tasks.push({
      key: "verzoeken",
      text: `${plural(input.openRequests, "verzoek", "verzoeken")} van de toezichthouder ${input.openRequests === 1 ? "staat" : "staan"} nog open.`,
      path: "rapport/versies",
      urgent: true,
    });
  }
  for (const d of input.deadlines) {
    if (d.status === "due_soon") tasks.push({ key: `termijn:${d.key}`, text: `Termijn ‘${d.label}’ loopt binnenkort af (${d.dueText}).`, path: "termijnen", urgent: false });
  }
  for (const r of input.rounds) {
    if (r.openDispositions > 0) {
      tasks.push({
        key: `ronde:${r.id}`,
        text: `Ronde ‘${r.title}’: ${plural(r.openDispositions, "reactie", "reacties")} nog niet afgehandeld.`,
        path: `rondes/${r.id}`,
        urgent: false,
      });
    }
  }
  if (input.checklist && input.checklist.ready < input.checklist.total) {
    const left = input.checklist.total - input.checklist.ready;
    tasks.push({
      key: "checklist",
      text: `Rapport: ${plural(left, "onderdeel", "onderdelen")} van de checklist (Bijlage 1) nog niet gereed (${input.checklist.ready} van ${input.checklist.total} gereed).`,
      path: "rapport",
      urgent: false,
    });
  }
  return tasks;
}

export interface OwnLane {
  name: string;
  facts: number;
}

/** The ketenpartner's start: "Voeg de feiten van uw organisatie toe" with their lane(s). */
export function ketenpartnerStart(organisationName: string | null, lanes: readonly OwnLane[]): { heading: string; text: string } {
  const heading = "Voeg de feiten van uw organisatie toe";
  const org = organisationName ? ` (${organisationName})` : "";
  if (lanes.length === 0) {
    return {
      heading,
      text: `Uw organisatie${org} heeft nog geen eigen baan op de tijdlijn. De procesbegeleider maakt die aan; daarna voegt u hier de feiten van uw organisatie toe.`,
    };
  }
  const names = lanes.map((l) => `‘${l.name}’ (${plural(l.facts, "feit", "feiten")})`).join(" en ");
  return {
    heading,
    text: `Op de gezamenlijke tijdlijn staat uw organisatie${org} in de baan ${names}. Zet daar wat uw organisatie deed en wanneer, met de bron erbij. De feiten van de andere organisaties kunt u lezen en van opmerkingen voorzien.`,
  };
}
