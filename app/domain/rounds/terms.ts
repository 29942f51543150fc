// Reaction terms of a round (domain.md §3): interview report 2 weeks, draft report 4 weeks.
// Imports the holiday tables (workdays.server.ts): server and tests only, never a component.
import { addDays, addWeeks, isWerkdag, nextWerkdagOnOrAfter, type CalendarDate } from "../workdays.server.ts";
import { REMINDER_WERKDAGEN, ROUND_KINDS, type RoundKind } from "./kinds.ts";
import { deadlineInstant } from "./state.ts";

/**
 * The last day to react: start + the term in weeks. A term that would end on a Saturday, Sunday or
 * public holiday runs on to the next werkdag (as the Algemene termijnenwet does for legal terms;
 * the holiday list is the project's, ADR 0002). The deadline instant is 23:59:59 Amsterdam time.
 */
export function roundDeadline(kind: RoundKind, startDate: CalendarDate): { termWeeks: number; deadlineDate: CalendarDate; deadlineAt: Date } {
  const termWeeks = ROUND_KINDS[kind].termWeeks;
  const deadlineDate = nextWerkdagOnOrAfter(addWeeks(startDate, termWeeks));
  return { termWeeks, deadlineDate, deadlineAt: deadlineInstant(deadlineDate) };
}

/**
 * The day the reminder goes out: REMINDER_WERKDAGEN werkdagen before the deadline date, so that
 * on that morning exactly that many werkdagen remain after it (the deadline day included).
 * Example: deadline Friday → reminder Tuesday (Wednesday, Thursday, Friday remain).
 */
export function reminderDate(deadlineDate: CalendarDate, werkdagen = REMINDER_WERKDAGEN): CalendarDate {
  let d = deadlineDate;
  for (let counted = 0; counted < werkdagen; ) {
    d = addDays(d, -1);
    if (isWerkdag(d)) counted++;
  }
  return d;
}
