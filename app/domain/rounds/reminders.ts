// The round's term and its reminder as the Termijnen page and the round page say it (issue 15):
// when the reminder goes out, and whether it went.
import { formatDutchDate } from "../calendar-date.ts";
import type { CalendarDate } from "../calendar-date.ts";
import { reminderDate } from "./terms.ts";

export interface ReminderFacts {
  deadlineDate: CalendarDate;
  /** Closed by the job, or the deadline has passed. */
  ended: boolean;
  today: CalendarDate;
  /** Invitees without a signed reaction and with a working link (who would get a reminder). */
  waiting: number;
  /** Reminder notices for the current deadline date: created, and of those handed to the outbox. */
  queued: number;
  sent: number;
  /** When the last one was handed over. */
  lastSentOn: CalendarDate | null;
}

export interface ReminderView {
  date: CalendarDate;
  status: "planned" | "sent" | "pending" | "not_needed" | "none";
  text: string;
}

export function describeReminder(f: ReminderFacts): ReminderView {
  const date = reminderDate(f.deadlineDate);
  const on = formatDutchDate(date);
  if (f.sent > 0) {
    const pending = f.queued - f.sent;
    return {
      date,
      status: pending > 0 ? "pending" : "sent",
      text: `Herinnering verstuurd${f.lastSentOn ? ` op ${formatDutchDate(f.lastSentOn)}` : ""} aan ${f.sent === 1 ? "1 persoon" : `${f.sent} personen`}${pending > 0 ? `; ${pending} nog te versturen` : ""}.`,
    };
  }
  if (f.queued > 0) return { date, status: "pending", text: `Herinnering klaargezet voor ${f.queued === 1 ? "1 persoon" : `${f.queued} personen`}; wordt zo verstuurd.` };
  if (f.today < date && !f.ended) {
    return { date, status: "planned", text: `Herinnering gepland op ${on} (3 werkdagen voor de uiterste datum) aan wie dan nog niet heeft gereageerd; nog niet verstuurd.` };
  }
  if (f.waiting === 0) return { date, status: "not_needed", text: `Geen herinnering nodig: iedereen had gereageerd vóór ${on}.` };
  return { date, status: "none", text: `Geen herinnering verstuurd (gepland op ${on}).` };
}
