import { and, eq, gte, isNotNull, lt, or, sql } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import { ecmCatalog, themeCatalog } from "../../app/domain/analysis/catalog.ts";
import { buildJaaroverzicht, emptyYear, type Jaaroverzicht, type YearCounts } from "../../app/domain/loket/figures.ts";
import type { AppContext } from "../context.ts";

// Aggregates for the incidentenloket, counted in PostgreSQL (GROUP BY) from the meldingen and the
// analysis projections (analysis_root_causes, analysis_measures): never from the Y.Docs.

const yearOf = (col: unknown) => sql<number>`extract(year from ${col})::int`;
const amsterdamYear = (col: unknown) => sql<number>`extract(year from (${col} at time zone 'Europe/Amsterdam'))::int`;

async function countsFor(ctx: AppContext, years: number[]): Promise<Map<number, YearCounts>> {
  const out = new Map(years.map((y) => [y, emptyYear()]));
  const from = `${Math.min(...years)}-01-01`;
  const to = `${Math.max(...years) + 1}-01-01`;
  const m = schema.meldingen;
  const inRange = and(gte(m.receivedOn, from), lt(m.receivedOn, to));
  const grouped = async (col: typeof m.criterion | typeof m.category | typeof m.legalFrame) =>
    ctx.db
      .select({ year: yearOf(m.receivedOn), key: col, n: sql<number>`count(*)::int` })
      .from(m)
      .where(inRange)
      .groupBy(yearOf(m.receivedOn), col);
  const [byCriterion, byCategory, byFrame, byReporter, totals] = await Promise.all([
    grouped(m.criterion),
    grouped(m.category),
    grouped(m.legalFrame),
    ctx.db
      .select({ year: yearOf(m.receivedOn), key: schema.organisations.name, n: sql<number>`count(*)::int` })
      .from(m)
      .innerJoin(schema.organisations, eq(schema.organisations.id, m.reportingOrganisationId))
      .where(inRange)
      .groupBy(yearOf(m.receivedOn), schema.organisations.name),
    ctx.db
      .select({
        year: yearOf(m.receivedOn),
        total: sql<number>`count(*)::int`,
        advice: sql<number>`(count(*) filter (where ${m.criterion} = '8'))::int`,
        calamities: sql<number>`(count(*) filter (where ${m.meldplicht}))::int`,
      })
      .from(m)
      .where(inRange)
      .groupBy(yearOf(m.receivedOn)),
  ]);
  const put = (rows: { year: number; key: string; n: number }[], pick: (y: YearCounts) => Record<string, number>) => {
    for (const r of rows) {
      const y = out.get(Number(r.year));
      if (y) pick(y)[r.key] = Number(r.n);
    }
  };
  put(byCriterion, (y) => y.byCriterion);
  put(byCategory, (y) => y.byCategory);
  put(byFrame, (y) => y.byFrame);
  put(byReporter, (y) => y.byReporter);
  for (const t of totals) {
    const y = out.get(Number(t.year));
    if (y) Object.assign(y, { total: Number(t.total), advice: Number(t.advice), calamities: Number(t.calamities) });
  }

  // Investigations: started = created in the year; finished = closed, or a definitive report version submitted, in the year.
  const inv = schema.investigations;
  const started = await ctx.db
    .select({ year: amsterdamYear(inv.createdAt), n: sql<number>`count(*)::int` })
    .from(inv)
    .where(and(gte(inv.createdAt, new Date(`${from}T00:00:00+01:00`)), lt(inv.createdAt, new Date(`${to}T00:00:00+01:00`))))
    .groupBy(amsterdamYear(inv.createdAt));
  for (const s of started) {
    const y = out.get(Number(s.year));
    if (y) y.started = Number(s.n);
  }
  const rv = schema.reportVersions;
  const finishedRows = await ctx.db
    .select({
      id: inv.id,
      closed: inv.closedAt,
      final: sql<Date | null>`(select min(${rv.submittedAt}) from ${rv} where ${rv.investigationId} = ${inv.id} and ${rv.status} = 'definitief')`,
    })
    .from(inv)
    .where(or(isNotNull(inv.closedAt), sql`exists (select 1 from ${rv} where ${rv.investigationId} = ${inv.id} and ${rv.status} = 'definitief')`));
  const yearFmt = new Intl.DateTimeFormat("en-CA", { year: "numeric", timeZone: "Europe/Amsterdam" });
  for (const f of finishedRows) {
    const dates = [f.final, f.closed].filter((d): d is Date => !!d).map((d) => new Date(d));
    if (!dates.length) continue;
    const first = dates.reduce((a, b) => (a < b ? a : b));
    const y = out.get(Number(yearFmt.format(first)));
    if (y) y.finished++;
  }

  // Themes and the ECM profile: the root causes of the investigations started in the year.
  const rc = schema.analysisRootCauses;
  const causes = await ctx.db
    .select({ year: amsterdamYear(inv.createdAt), ecm: rc.ecm, group: rc.ecmGroup, themes: rc.themes, n: sql<number>`count(*)::int` })
    .from(rc)
    .innerJoin(inv, eq(inv.id, rc.investigationId))
    .where(and(gte(inv.createdAt, new Date(`${from}T00:00:00+01:00`)), lt(inv.createdAt, new Date(`${to}T00:00:00+01:00`))))
    .groupBy(amsterdamYear(inv.createdAt), rc.ecm, rc.ecmGroup, rc.themes);
  for (const c of causes) {
    const y = out.get(Number(c.year));
    if (!y) continue;
    const n = Number(c.n);
    if (c.ecm) y.ecmCodes[c.ecm] = (y.ecmCodes[c.ecm] ?? 0) + n;
    if (c.group) y.ecmGroups[c.group] = (y.ecmGroups[c.group] ?? 0) + n;
    for (const t of c.themes ?? []) y.themes[t] = (y.themes[t] ?? 0) + n;
  }
  return out;
}

export const jaarVocab = () => ({
  themes: Object.fromEntries(themeCatalog.themes.map((t) => [t.id, t.label])),
  ecmCodes: ecmCatalog.codes.map((c) => c.code),
  ecmGroups: Object.fromEntries(ecmCatalog.groups.map((g) => [g.id, g.label])),
});

export async function jaaroverzicht(ctx: AppContext, year: number): Promise<Jaaroverzicht> {
  const counts = await countsFor(ctx, [year - 1, year]);
  return buildJaaroverzicht(year, counts.get(year)!, counts.get(year - 1)!, jaarVocab());
}

/** The years that have meldingen, newest first (for the year picker). */
export async function meldingYears(ctx: AppContext): Promise<number[]> {
  const rows = await ctx.db
    .selectDistinct({ year: yearOf(schema.meldingen.receivedOn) })
    .from(schema.meldingen)
    .orderBy(sql`1 desc`);
  return rows.map((r) => Number(r.year));
}

