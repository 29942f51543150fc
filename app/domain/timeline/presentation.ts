// Presentation mode of the timeline for a reflection meeting (issue 12): one slide per period,
// lanes grouped by domain, the facts of that period with their markings; optionally only the
// function of professionals (no initials) for a directors' meeting. And the presenter's state on
// the presence channel, which followers' screens read (untrusted: checked with zod).
import { z } from "zod";
import { comparePartialDates, formatDutchPartialDate, formatDutchPartialDateRange } from "./partial-date.ts";
import { activeFlags, groupPartiesByDomain, type Timeline, type TimelineEvent } from "./schema.ts";
import { eventFlagLabel, type EventFlag } from "./vocabulary.ts";

export interface SlideFact {
  id: string;
  date: string;
  title: string;
  actor: string;
  flags: { key: EventFlag; label: string }[];
}

export interface Slide {
  /** The period's id, or OUTSIDE_PERIODS. */
  id: string;
  label: string;
  when: string;
  lanes: { id: string; name: string; domain: string; facts: SlideFact[] }[];
  count: number;
}

export const OUTSIDE_PERIODS = "buiten-perioden";

function inPeriod(e: TimelineEvent, p: { start: string; end: string }): boolean {
  return comparePartialDates(e.start, p.start) >= 0 && comparePartialDates(e.start, p.end) <= 0;
}

/**
 * One slide per period (chronological), each with every lane (by domain) and the facts that start
 * in it; facts outside every period on a last slide "Buiten de perioden" (only when there are any).
 * A fact in two overlapping periods shows on both. `pseudonymise`: the actor is the function only.
 */
export function presentationSlides(t: Timeline, options: { pseudonymise?: boolean } = {}): Slide[] {
  const lanes = groupPartiesByDomain(t.parties.flatMap((p) => (p.ok ? [{ id: p.id, value: p.value }] : []))).flatMap((g) =>
    g.parties.map((p) => ({ id: p.id, name: p.value.name, domain: g.domain })),
  );
  const events = t.events.flatMap((e) => (e.ok ? [{ id: e.id, value: e.value }] : []));
  const periods = t.periods.flatMap((p) => (p.ok ? [{ id: p.id, value: p.value }] : []));
  const fact = (e: { id: string; value: TimelineEvent }): SlideFact => ({
    id: e.id,
    date: formatDutchPartialDate(e.value.start, { approximate: e.value.approximate }),
    title: e.value.title,
    actor: options.pseudonymise ? e.value.actorFunction : [e.value.actorFunction, e.value.actorInitials].filter(Boolean).join(" "),
    flags: activeFlags(e.value.flags).map((key) => ({ key, label: eventFlagLabel(key) })),
  });
  const slide = (id: string, label: string, when: string, list: typeof events): Slide => ({
    id,
    label,
    when,
    lanes: lanes.map((l) => ({ ...l, facts: list.filter((e) => e.value.party === l.id).map(fact) })),
    count: list.length,
  });
  const slides = periods.map((p) =>
    slide(p.id, p.value.label, formatDutchPartialDateRange(p.value.start, p.value.end), events.filter((e) => inPeriod(e.value, p.value))),
  );
  const outside = events.filter((e) => !periods.some((p) => inPeriod(e.value, p.value)));
  if (outside.length > 0 || slides.length === 0) {
    slides.push(slide(OUTSIDE_PERIODS, periods.length ? "Buiten de perioden" : "Alle feiten", "", outside));
  }
  return slides;
}

/** The slide a key goes to: arrows and PageUp/PageDown step (a remote clicker sends these), Home/End jump. */
export function slideForKey(key: string, index: number, count: number): number | null {
  const last = Math.max(0, count - 1);
  switch (key) {
    case "ArrowRight":
    case "ArrowDown":
    case "PageDown":
      return Math.min(last, index + 1);
    case "ArrowLeft":
    case "ArrowUp":
    case "PageUp":
      return Math.max(0, index - 1);
    case "Home":
      return 0;
    case "End":
      return last;
    default:
      return null;
  }
}

/** What a presenter puts in their presence state: which slide, since when (ms). Small: ADR 0009 caps a state at 2 KiB. */
export const PresentingSchema = z.object({
  slide: z.string().min(1).max(100),
  since: z.number().finite(),
});
export type Presenting = z.output<typeof PresentingSchema>;

const PeerSchema = z.object({
  user: z.object({ id: z.string().min(1).max(100), name: z.string().min(1).max(120) }),
  presenting: PresentingSchema.nullish(),
});

/**
 * The presenter to follow among the presence states: the one who started presenting last
 * (another person, not this client). Invalid states are ignored.
 */
export function currentPresenter(
  states: Iterable<[number, unknown]>,
  selfClientId: number,
): { clientId: number; userId: string; name: string; slide: string } | null {
  let best: { clientId: number; userId: string; name: string; slide: string; since: number } | null = null;
  for (const [clientId, raw] of states) {
    if (clientId === selfClientId) continue;
    const parsed = PeerSchema.safeParse(raw);
    if (!parsed.success || !parsed.data.presenting) continue;
    const { user, presenting } = parsed.data;
    if (!best || presenting.since > best.since) best = { clientId, userId: user.id, name: user.name, slide: presenting.slide, since: presenting.since };
  }
  if (!best) return null;
  const { since: _since, ...rest } = best;
  void _since;
  return rest;
}
