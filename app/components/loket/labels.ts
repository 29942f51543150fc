import { CATEGORY_LABELS, CHANNELS, CRITERION_LABELS, DECISIONS, IMPACTS, LOKET_FRAMES, LOKET_SUPERVISORS, STATUSES, SUPERVISOR_DECISIONS, URGENCIES } from "~/domain/loket/fields.ts";

const l = (o: Record<string, string>) => (k: string | null | undefined) => (k ? (o[k] ?? k) : "—");
export const labelOf = {
  channel: l(CHANNELS),
  frame: l(LOKET_FRAMES),
  category: l(CATEGORY_LABELS),
  criterion: l(CRITERION_LABELS),
  status: l(STATUSES),
  decision: l(DECISIONS),
  urgency: l(URGENCIES),
  supervisor: l(LOKET_SUPERVISORS),
  supervisorDecision: l(SUPERVISOR_DECISIONS),
  impacts: (xs: string[]) => (xs.length ? xs.map((x) => (IMPACTS as Record<string, string>)[x] ?? x).join(", ") : "geen"),
};
