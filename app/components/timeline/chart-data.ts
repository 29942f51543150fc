// From the validated document model (readTimeline) to TimelineChart's props. Invalid entries are
// left out of the chart (the table shows them as invalid); so are events whose lane is invalid.
import type { Timeline } from "../../domain/timeline/schema.ts";
import type { ChartEvent, ChartParty, ChartPeriod } from "./chart-mapping.ts";

export interface ChartData {
  parties: ChartParty[];
  periods: ChartPeriod[];
  events: ChartEvent[];
}

export function timelineToChartData(timeline: Timeline): ChartData {
  const parties: ChartParty[] = [];
  for (const p of timeline.parties) if (p.ok) parties.push({ id: p.id, name: p.value.name, domain: p.value.domain });
  const partyIds = new Set(parties.map((p) => p.id));
  const periods: ChartPeriod[] = [];
  for (const p of timeline.periods) {
    if (p.ok) periods.push({ id: p.id, label: p.value.label, start: p.value.start, end: p.value.end });
  }
  const events: ChartEvent[] = [];
  for (const e of timeline.events) {
    if (!e.ok || !partyIds.has(e.value.party)) continue;
    const v = e.value;
    events.push({
      id: e.id,
      title: v.title,
      party: v.party,
      start: v.start,
      ...(v.end !== undefined ? { end: v.end } : {}),
      approximate: v.approximate,
      kind: v.kind,
      flags: { ...v.flags },
      status: v.status,
    });
  }
  return { parties, periods, events };
}
