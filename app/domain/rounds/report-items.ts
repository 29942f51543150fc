// The items of the report checklist (Bijlage 1, domain.md §4) with their stable ids, as the comment
// rounds use them; the draft report's sections are the Y.XmlFragments `section:<id>` in the
// investigation's Y.Doc. The list itself is data: templates/checklists/ (app/domain/report/checklist.ts).
import { DEFAULT_CHECKLIST } from "../report/checklist.ts";

export interface ReportItem {
  id: string;
  group: number;
  heading: string;
}

export const REPORT_GROUPS: Record<number, string> = Object.fromEntries(DEFAULT_CHECKLIST.groups.map((g) => [g.number, g.heading]));

export const REPORT_ITEMS: readonly ReportItem[] = DEFAULT_CHECKLIST.items.map(({ id, group, heading }) => ({ id, group, heading }));

/** Item 1a (client identity) never enters the shared workspace nor a reactant's copy (domain.md §4). */
export const RESTRICTED_ITEMS = new Set(DEFAULT_CHECKLIST.items.filter((i) => i.restricted).map((i) => i.id));
