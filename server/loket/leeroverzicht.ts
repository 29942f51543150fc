import { and, asc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import { ecmCatalog, themeCatalog } from "../../app/domain/analysis/catalog.ts";
import { can, LEEROVERZICHT_ROLES, type LoketActor, type Membership } from "../../app/domain/policy.ts";
import type { Role } from "../../app/domain/roles.ts";
import type { AppContext } from "../context.ts";

// Learning across investigations (issue 10): the PRISMA-profiel, themes and measures over many
// investigations, from the analysis projections in PostgreSQL (never the Y.Docs). Aggregated; an
// investigation is named and linked only for a user who is a member who may see it.

export interface LeerFilter {
  year: number | null;
  legalFrame: string | null;
}

const DONE = ["gerealiseerd", "geborgd"];

/** Which investigations the overview covers: all for the loket, else those the user leads. */
async function scope(ctx: AppContext, actor: LoketActor): Promise<"all" | string[]> {
  if (actor.isLoket) return "all";
  const rows = await ctx.db
    .select({ id: schema.memberships.investigationId })
    .from(schema.memberships)
    .where(and(eq(schema.memberships.userId, actor.userId), inArray(schema.memberships.role, [...LEEROVERZICHT_ROLES])));
  return rows.map((r) => r.id);
}

export async function mayUseLeeroverzicht(ctx: AppContext, actor: LoketActor): Promise<boolean> {
  const s = await scope(ctx, actor);
  return s === "all" || s.length > 0;
}

/** The investigations this user may open (member with investigation.view), with their titles. */
async function visibleInvestigations(ctx: AppContext, userId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await ctx.db
    .select({ id: schema.investigations.id, title: schema.investigations.title, role: schema.memberships.role, workspaceAccess: schema.memberships.workspaceAccess })
    .from(schema.memberships)
    .innerJoin(schema.investigations, eq(schema.investigations.id, schema.memberships.investigationId))
    .where(and(eq(schema.memberships.userId, userId), inArray(schema.memberships.investigationId, ids)));
  const out = new Map<string, string>();
  for (const r of rows) {
    const m: Membership = { role: r.role as Role, organisationId: null, workspaceAccess: r.workspaceAccess };
    if (can(m, "investigation.view")) out.set(r.id, r.title);
  }
  return out;
}

export async function leeroverzicht(ctx: AppContext, actor: LoketActor, f: LeerFilter, today: string) {
  const s = await scope(ctx, actor);
  const inv = schema.investigations;
  const where: (SQL | undefined)[] = [];
  if (s !== "all") where.push(s.length ? inArray(inv.id, s) : sql`false`);
  if (f.year) where.push(gte(inv.createdAt, new Date(`${f.year}-01-01T00:00:00+01:00`)), lt(inv.createdAt, new Date(`${f.year + 1}-01-01T00:00:00+01:00`)));
  if (f.legalFrame) where.push(eq(inv.legalFrame, f.legalFrame));
  const cond = and(...where);
  const rc = schema.analysisRootCauses;
  const [investigationCount, causes, measures] = await Promise.all([
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(inv).where(cond),
    ctx.db
      .select({ ecm: rc.ecm, group: rc.ecmGroup, themes: rc.themes, investigationId: rc.investigationId, n: sql<number>`count(*)::int` })
      .from(rc)
      .innerJoin(inv, eq(inv.id, rc.investigationId))
      .where(cond)
      .groupBy(rc.ecm, rc.ecmGroup, rc.themes, rc.investigationId),
    ctx.db
      .select({
        investigationId: schema.analysisMeasures.investigationId,
        measureId: schema.analysisMeasures.measureId,
        title: schema.analysisMeasures.title,
        status: schema.analysisMeasures.status,
        deadline: schema.analysisMeasures.deadline,
        ownerOrganisation: schema.analysisMeasures.ownerOrganisation,
        borgingHow: schema.analysisMeasures.borgingHow,
        borgingWhen: schema.analysisMeasures.borgingWhen,
        overdue: sql<boolean>`(${schema.analysisMeasures.deadline} < ${today} and ${schema.analysisMeasures.status} not in ('gerealiseerd', 'geborgd'))`,
      })
      .from(schema.analysisMeasures)
      .innerJoin(inv, eq(inv.id, schema.analysisMeasures.investigationId))
      .where(cond)
      .orderBy(
        sql`(${schema.analysisMeasures.deadline} < ${today} and ${schema.analysisMeasures.status} not in ('gerealiseerd', 'geborgd')) desc`,
        sql`${schema.analysisMeasures.deadline} asc nulls last`,
        asc(schema.analysisMeasures.title),
      )
      .limit(200),
  ]);
  const groups = new Map<string, number>();
  const codes = new Map<string, number>();
  const themes = new Map<string, { n: number; investigations: Set<string> }>();
  let unclassified = 0;
  let total = 0;
  for (const c of causes) {
    const n = Number(c.n);
    total += n;
    if (c.group) groups.set(c.group, (groups.get(c.group) ?? 0) + n);
    else unclassified += n;
    if (c.ecm) codes.set(c.ecm, (codes.get(c.ecm) ?? 0) + n);
    for (const t of c.themes ?? []) {
      const e = themes.get(t) ?? { n: 0, investigations: new Set<string>() };
      e.n += n;
      e.investigations.add(c.investigationId);
      themes.set(t, e);
    }
  }
  const allIds = [...new Set([...causes.map((c) => c.investigationId), ...measures.map((m) => m.investigationId)])];
  const visible = await visibleInvestigations(ctx, actor.userId, allIds);
  const share = (n: number) => (total ? Math.round((1000 * n) / total) / 10 : 0);
  return {
    investigations: Number(investigationCount[0]?.n ?? 0),
    rootCauses: total,
    unclassified,
    groups: ecmCatalog.groups.map((g) => ({ id: g.id, label: g.label, n: groups.get(g.id) ?? 0, share: share(groups.get(g.id) ?? 0) })),
    codes: ecmCatalog.codes
      .filter((c) => codes.has(c.code))
      .map((c) => ({ code: c.code, label: c.label, group: ecmCatalog.groupById.get(c.group)?.label ?? c.group, n: codes.get(c.code)!, share: share(codes.get(c.code)!) }))
      .sort((a, b) => b.n - a.n || a.code.localeCompare(b.code)),
    themes: [...themes.entries()]
      .map(([id, e]) => ({
        id,
        label: themeCatalog.byId.get(id)?.label ?? id,
        n: e.n,
        investigationCount: e.investigations.size,
        links: [...e.investigations].filter((i) => visible.has(i)).map((i) => ({ id: i, title: visible.get(i)! })),
      }))
      .sort((a, b) => b.n - a.n || a.label.localeCompare(b.label, "nl")),
    measures: measures.map((m) => ({
      key: `${m.investigationId}:${m.measureId}`,
      title: m.title || "(zonder titel)",
      status: m.status,
      deadline: m.deadline,
      overdue: !!m.overdue && !DONE.includes(m.status),
      owner: m.ownerOrganisation,
      borging: [m.borgingHow, m.borgingWhen].filter(Boolean).join(", "),
      investigation: visible.has(m.investigationId) ? { id: m.investigationId, title: visible.get(m.investigationId)! } : null,
    })),
  };
}
