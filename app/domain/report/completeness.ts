// Completeness of a report: per item its status and what is missing, and the summary the report
// page shows ("12 van 28 onderdelen gereed"). Derived from the model; pure.
import type { ItemStatus, ReportModel } from "./model.ts";

export interface ItemCompleteness {
  id: string;
  heading: string;
  chapter: number;
  status: ItemStatus;
  missing: string[];
}

export interface Completeness {
  total: number;
  counts: Record<ItemStatus, number>;
  /** Every item gereed. */
  complete: boolean;
  items: ItemCompleteness[];
}

export function reportCompleteness(model: ReportModel): Completeness {
  const items = model.chapters.flatMap((c) => c.items.map((i) => ({ id: i.id, heading: i.heading, chapter: c.number, status: i.status, missing: i.missing })));
  const counts: Record<ItemStatus, number> = { leeg: 0, in_concept: 0, gereed: 0 };
  for (const i of items) counts[i.status]++;
  return { total: items.length, counts, complete: counts.gereed === items.length, items };
}
