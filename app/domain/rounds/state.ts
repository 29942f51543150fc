// The round state machine and the time rules around it. Pure and browser-safe: no holiday tables
// here (werkdag arithmetic is in terms.ts, server side).
import { daysBetween, formatDutchDate, todayInAmsterdam, toUtcMs, type CalendarDate } from "../calendar-date.ts";
import { LINK_GRACE_DAYS, type DispositionKind, type RoundState } from "./kinds.ts";

const ZONE = "Europe/Amsterdam";
const DAY_MS = 86_400_000;

let partsFormat: Intl.DateTimeFormat | undefined;
/** Wall-clock time in Amsterdam of an instant, as UTC milliseconds of that wall-clock time. */
function amsterdamWallMs(ms: number): number {
  partsFormat ??= new Intl.DateTimeFormat("en-US", {
    timeZone: ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const parts = partsFormat.formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const d = new Date(0);
  d.setUTCFullYear(get("year"), get("month") - 1, get("day"));
  d.setUTCHours(get("hour"), get("minute"), get("second"), 0);
  return d.getTime();
}

/**
 * The instant at which it is `hh:mm:ss` on `date` in Europe/Amsterdam. A wall time that does not
 * exist (the hour skipped in March) moves forward by that hour; 23:59:59 is never affected.
 */
export function amsterdamInstant(date: CalendarDate, h: number, m: number, s: number): Date {
  const wall = toUtcMs(date) + ((h * 60 + m) * 60 + s) * 1000;
  const whole = Math.floor(wall / 1000) * 1000;
  let guess = whole - (amsterdamWallMs(whole) - whole);
  const offset2 = amsterdamWallMs(guess) - guess;
  guess = whole - offset2;
  return new Date(guess);
}

/** The deadline instant of a deadline date: 23:59:59 in Amsterdam. */
export function deadlineInstant(date: CalendarDate): Date {
  return amsterdamInstant(date, 23, 59, 59);
}

/** e.g. "maandag 16 maart 2026 om 23.59 uur" */
export function formatInstant(at: Date): string {
  const wall = new Date(amsterdamWallMs(at.getTime()));
  const hh = String(wall.getUTCHours()).padStart(2, "0");
  const mm = String(wall.getUTCMinutes()).padStart(2, "0");
  return `${formatDutchDate(todayInAmsterdam(at))} om ${hh}.${mm} uur`;
}

/** "nog 13 dagen", "laatste dag", "verstreken": the time left until a deadline, in Dutch. */
export function describeTimeLeft(deadlineAt: Date, now: Date): string {
  if (now.getTime() >= deadlineAt.getTime()) return "termijn verstreken";
  const days = daysBetween(todayInAmsterdam(now), todayInAmsterdam(deadlineAt));
  if (days <= 0) {
    const hours = Math.floor((deadlineAt.getTime() - now.getTime()) / 3_600_000);
    return hours >= 1 ? `laatste dag (nog ${hours} uur)` : "laatste dag (nog minder dan een uur)";
  }
  if (days === 1) return "nog 1 dag (morgen is de laatste dag)";
  return `nog ${days} dagen`;
}

// --- The state machine ------------------------------------------------------------------------

export interface RoundFacts {
  deadlineAt: Date;
  closedAt: Date | null;
}
export interface ReactionFacts {
  status: "draft" | "submitted";
  disposition: DispositionKind | null;
}
export interface InviteeFacts {
  /** Personal-link invitees only; members have no link. */
  linkRevokedAt?: Date | null;
  lateAllowedUntil: Date | null;
}

/**
 * open → closed → complete.
 * - open: before the deadline and not closed by the job;
 * - closed: the deadline has passed (or the job closed it) and a signed reaction still waits for
 *   its disposition, or the closing notice has not gone out yet, or a late reaction is still allowed;
 * - complete: closed by the job, every signed reaction has a disposition, and no late allowance runs.
 * An accepted late reaction moves a complete round back to closed until it has its disposition.
 */
export function roundState(round: RoundFacts, reactions: readonly ReactionFacts[], invitees: readonly InviteeFacts[], now: Date): RoundState {
  const closed = round.closedAt !== null || now.getTime() >= round.deadlineAt.getTime();
  if (!closed) return "open";
  if (round.closedAt === null) return "closed";
  if (reactions.some((r) => r.status === "submitted" && r.disposition === null)) return "closed";
  if (invitees.some((i) => i.lateAllowedUntil !== null && now.getTime() <= i.lateAllowedUntil.getTime() && !i.linkRevokedAt)) return "closed";
  return "complete";
}

export type ReactWindow = { ok: true; late: boolean } | { ok: false; reason: "closed" | "revoked" };

/** Whether this invitee may submit now, and whether it counts as "na de termijn". */
export function reactWindow(round: RoundFacts, invitee: InviteeFacts, now: Date): ReactWindow {
  if (invitee.linkRevokedAt) return { ok: false, reason: "revoked" };
  if (round.closedAt === null && now.getTime() < round.deadlineAt.getTime()) return { ok: true, late: false };
  if (invitee.lateAllowedUntil && now.getTime() <= invitee.lateAllowedUntil.getTime()) return { ok: true, late: true };
  return { ok: false, reason: "closed" };
}

/** A personal link opens the round until the deadline (or the person's late allowance) plus a grace to read it. */
export function linkValidUntil(round: RoundFacts, invitee: InviteeFacts): Date {
  const base = Math.max(round.deadlineAt.getTime(), invitee.lateAllowedUntil?.getTime() ?? 0);
  return new Date(base + LINK_GRACE_DAYS * DAY_MS);
}

export type LinkState = "active" | "revoked" | "expired";
export function linkState(round: RoundFacts, invitee: InviteeFacts, now: Date): LinkState {
  if (invitee.linkRevokedAt) return "revoked";
  return now.getTime() > linkValidUntil(round, invitee).getTime() ? "expired" : "active";
}

/** The round may be extended only while it is open, to a later date. */
export function extensionProblem(round: RoundFacts & { deadlineDate: CalendarDate }, newDate: CalendarDate, now: Date): string | null {
  if (round.closedAt !== null || now.getTime() >= round.deadlineAt.getTime())
    return "Deze ronde is al gesloten en kan niet meer verlengd worden. Sta zo nodig per persoon een reactie na de termijn toe.";
  if (newDate <= round.deadlineDate) return "Kies een nieuwe uiterste datum ná de huidige.";
  if (newDate < todayInAmsterdam(now)) return "De nieuwe uiterste datum ligt in het verleden.";
  return null;
}

/** Counts for the register. */
export function dispositionCounts(reactions: readonly ReactionFacts[]) {
  const submitted = reactions.filter((r) => r.status === "submitted");
  return {
    submitted: submitted.length,
    verwerkt: submitted.filter((r) => r.disposition === "verwerkt").length,
    terzijde: submitted.filter((r) => r.disposition === "terzijde").length,
    open: submitted.filter((r) => r.disposition === null).length,
  };
}
