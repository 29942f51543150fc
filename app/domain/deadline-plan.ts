/**
 * The default deadline plan of an investigation (domain.md §3) and the pure
 * status logic shown on the dashboard. Per investigation the plan can be
 * changed; these are only the starting values.
 */
import { addWeeks, addWerkdagen, daysBetween, endOfTerm, formatDutchDate, type CalendarDate } from "./workdays.server.ts";

export type DeadlineKey =
  | "melding"
  | "ontvangstbevestiging"
  | "feitenrelaas"
  | "eigen_onderzoek"
  | "rapport_toezichthouder";

export interface PlanInput {
  calamityDate: CalendarDate | null;
  /** The day the calamity was reported to the toezichthouder. */
  reportedDate: CalendarDate | null;
  supervisor: "toezicht_wmo" | "igj";
}

export interface PlannedDeadline {
  key: DeadlineKey;
  /** Dutch, shown to users. */
  label: string;
  /** Dutch, e.g. "3 werkdagen na de calamiteit". */
  rule: string;
  /** Where the term comes from, e.g. "Protocol Westerkwartier, stap 1". */
  source: string;
  /** null when the date it is counted from is not known yet. */
  dueDate: CalendarDate | null;
  /** Dutch, set when the term moved off a weekend or feestdag (Algemene termijnenwet art. 1). */
  note?: string;
}

const after = (base: CalendarDate | null, f: (d: CalendarDate) => CalendarDate) => (base ? f(base) : null);

/** "Valt op 1e Kerstdag (vrijdag 25 december 2026); verschoven naar de eerstvolgende werkdag (Algemene termijnenwet, art. 1)." */
export function movedTermNote(movedFrom: CalendarDate, because: string): string {
  return `Valt op ${because === "zaterdag" || because === "zondag" ? "een " : ""}${because} (${formatDutchDate(movedFrom)}); verschoven naar de eerstvolgende werkdag (Algemene termijnenwet, art. 1).`;
}

/** Every term ends on a werkdag: moved off a Saturday, Sunday or feestdag, with a note saying so. */
function onWerkdag(d: PlannedDeadline): PlannedDeadline {
  if (!d.dueDate) return d;
  const end = endOfTerm(d.dueDate);
  if (!end.movedFrom) return d;
  return { ...d, dueDate: end.date, note: movedTermNote(end.movedFrom, end.movedBecause!) };
}

export function defaultDeadlinePlan(input: PlanInput): PlannedDeadline[] {
  const { calamityDate, reportedDate } = input;
  const plan: PlannedDeadline[] = [
    {
      key: "melding",
      label: "Melding van de calamiteit aan de toezichthouder",
      rule: "3 werkdagen na de calamiteit",
      source: "Protocol Westerkwartier, stap 1",
      dueDate: after(calamityDate, (d) => addWerkdagen(d, 3)),
    },
    {
      key: "ontvangstbevestiging",
      label: "Ontvangstbevestiging van de melding door de toezichthouder",
      rule: "3 werkdagen na de melding",
      source: "Protocol Westerkwartier, stap 2",
      dueDate: after(reportedDate, (d) => addWerkdagen(d, 3)),
    },
    {
      key: "feitenrelaas",
      label: "Feitenrelaas (compleet overzicht) van de aanbieder",
      rule: "2 weken na de melding",
      source: "Protocol Enschede, fase 3.1",
      dueDate: after(reportedDate, (d) => addWeeks(d, 2)),
    },
    {
      key: "eigen_onderzoek",
      label: "Onderzoeksrapport van het eigen onderzoek van de aanbieder",
      rule: "6 weken na de melding",
      source: "Protocol Westerkwartier, stap 5",
      dueDate: after(reportedDate, (d) => addWeeks(d, 6)),
    },
  ];
  // Toezicht Wmo judges the provider's 6-week report itself; the IGJ sets its own
  // date for the report in its ontvangstbevestiging, usually 8 weeks.
  if (input.supervisor === "igj") {
    plan.push({
      key: "rapport_toezichthouder",
      label: "Rapport aan de IGJ",
      rule: "8 weken na de melding, tenzij de IGJ in de ontvangstbevestiging een andere datum noemt",
      source: "IGJ, ontvangstbevestiging",
      dueDate: after(reportedDate, (d) => addWeeks(d, 8)),
    });
  }
  return plan.map(onWerkdag);
}

// --- Status ----------------------------------------------------------------

export interface DeadlineState {
  key: string;
  label: string;
  dueDate: CalendarDate | null;
  doneAt: CalendarDate | null;
}

export type DeadlineStatus = "done" | "overdue" | "due_soon" /* within 3 werkdagen */ | "open" | "unknown";

/** How many werkdagen ahead a deadline counts as "due_soon". */
const DUE_SOON_WERKDAGEN = 3;

export function deadlineStatus(d: DeadlineState, today: CalendarDate): DeadlineStatus {
  if (d.doneAt) return "done";
  if (!d.dueDate) return "unknown";
  // YYYY-MM-DD strings compare chronologically as text.
  if (d.dueDate < today) return "overdue"; // due today is still on time
  if (d.dueDate <= addWerkdagen(today, DUE_SOON_WERKDAGEN)) return "due_soon";
  return "open";
}

/**
 * The most urgent deadline: the not-done one with the earliest due date. That is
 * automatically the most overdue one when any are overdue. Ties keep input order.
 */
export function nextDue(ds: DeadlineState[], today: CalendarDate): DeadlineState | null {
  let best: DeadlineState | null = null;
  for (const d of ds) {
    const status = deadlineStatus(d, today);
    if (status === "done" || status === "unknown") continue;
    if (!best || d.dueDate! < best.dueDate!) best = d;
  }
  return best;
}

/** Dutch, in calendar days: "vandaag", "morgen", "over 5 dagen", "1 dag te laat", "2 dagen te laat". */
export function describeRelative(due: CalendarDate, today: CalendarDate): string {
  const n = daysBetween(today, due);
  if (n === 0) return "vandaag";
  if (n === 1) return "morgen";
  if (n > 1) return `over ${n} dagen`;
  return n === -1 ? "1 dag te laat" : `${-n} dagen te laat`;
}
