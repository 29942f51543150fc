import { formatDutchPartialDateRange } from "~/domain/timeline/partial-date.ts";
import type { TimelineEvent } from "~/domain/timeline/schema.ts";
import { userMessage } from "~/domain/errors.ts";

/** "ca. maart 2014", "12 maart 2014, 10:30 – 14 maart 2014". */
export function eventWhen(e: Pick<TimelineEvent, "start" | "end" | "approximate">): string {
  return formatDutchPartialDateRange(e.start, e.end, { approximate: e.approximate });
}

/** "Wijkcoach (J.B.)", "Wijkcoach", "(J.B.)" or "". */
export function eventActor(e: Pick<TimelineEvent, "actorFunction" | "actorInitials">): string {
  const initials = e.actorInitials ? `(${e.actorInitials})` : "";
  return [e.actorFunction, initials].filter(Boolean).join(" ");
}

// Colours for presence dots: all at least 4.5:1 against white, distinct for the common kinds of
// colour blindness when paired with the name that is always shown beside them.
const PALETTE = ["#0b5cad", "#a4262c", "#1e6b3a", "#6b3fa0", "#8a4b00", "#00707a", "#b3006b", "#3b4a5a"];

/** A stable colour per user. */
export function userColor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

/** Lower case without accents, for search. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** A short Dutch sentence for an unknown error: never a stack trace. */
export function errorMessage(err: unknown, fallback = "Er ging iets mis; de wijziging is niet opgeslagen."): string {
  return userMessage(err, fallback);
}

/** What a save says while the page has no connection: the change is in the local copy (IndexedDB). */
export const SAVED_LOCALLY = "Op dit apparaat bewaard — wordt verstuurd zodra er weer verbinding is.";
