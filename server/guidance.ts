// Data for the Overzicht's guidance (app/domain/guidance.ts): the ketenpartner's own lanes in the
// live document, and the procesbegeleider's open tasks. Callers check permissions first.
import { eq } from "drizzle-orm";
import { schema } from "../db/client.ts";
import type { AppContext } from "./context.ts";
import type { Membership } from "../app/domain/policy.ts";
import { formatDutchDateShort } from "../app/domain/calendar-date.ts";
import type { DeadlineStatus } from "../app/domain/deadline-plan.ts";
import { ketenpartnerStart, procesbegeleiderTasks, type OpenTask } from "../app/domain/guidance.ts";
import { readTimeline } from "../app/domain/timeline/schema.ts";
import { loadDoc } from "./collab/persistence.ts";
import { listRounds } from "./rounds/rounds.ts";
import { currentCompleteness } from "./report/generate.server.ts";
import { reportStatusFor } from "./report/versions.server.ts";

export type Guidance =
  | { kind: "ketenpartner"; heading: string; text: string }
  | { kind: "procesbegeleider"; tasks: OpenTask[] }
  | { kind: "none" };

export async function overviewGuidance(
  ctx: AppContext,
  investigationId: string,
  membership: Membership,
  deadlines: readonly { key: string; label: string; status: DeadlineStatus; dueDate: string | null; doneAt: Date | string | null }[],
): Promise<Guidance> {
  if (membership.role === "ketenpartner") {
    const [org] = membership.organisationId
      ? await ctx.db.select({ name: schema.organisations.name }).from(schema.organisations).where(eq(schema.organisations.id, membership.organisationId))
      : [];
    const doc = await loadDoc(ctx.db, investigationId);
    try {
      const timeline = readTimeline(doc);
      const lanes = timeline.parties
        .flatMap((p) => (p.ok && membership.organisationId && p.value.organisationId === membership.organisationId ? [{ id: p.id, name: p.value.name }] : []))
        .map((l) => ({ name: l.name, facts: timeline.events.filter((e) => e.ok && e.value.party === l.id).length }));
      return { kind: "ketenpartner", ...ketenpartnerStart(org?.name ?? null, lanes) };
    } finally {
      doc.destroy();
    }
  }
  if (membership.role === "procesbegeleider") {
    const [rounds, completeness, status] = await Promise.all([
      listRounds(ctx, investigationId),
      currentCompleteness(ctx, investigationId).catch(() => null),
      reportStatusFor(ctx, [investigationId]),
    ]);
    const tasks = procesbegeleiderTasks({
      deadlines: deadlines
        .filter((d) => !d.doneAt)
        .map((d) => ({ key: d.key, label: d.label, status: d.status, dueText: d.dueDate ? formatDutchDateShort(d.dueDate) : "datum nog niet bekend" })),
      rounds: rounds.map((r) => ({ id: r.id, title: r.title, openDispositions: r.counts.open })),
      checklist: completeness ? { total: completeness.total, ready: completeness.counts.gereed } : null,
      openRequests: status.get(investigationId)?.openRequests ?? 0,
    });
    return { kind: "procesbegeleider", tasks };
  }
  return { kind: "none" };
}
