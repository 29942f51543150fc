// The jaaroverzicht (seed 000's figures) as tables, with the year before for comparison. Pure: the
// counts come from server/loket/figures.ts (GROUP BY in PostgreSQL); this names, orders and folds them.
import { ECM_GROUP_IDS } from "../analysis/catalog.ts";
import { CATEGORY_LABELS, CRITERIA, CRITERION_LABELS, LOKET_FRAMES } from "./fields.ts";

export type Counts = Record<string, number>;

/** The raw counts of one year. */
export interface YearCounts {
  total: number;
  advice: number;
  calamities: number;
  byCriterion: Counts;
  byCategory: Counts;
  byFrame: Counts;
  byReporter: Counts;
  started: number;
  finished: number;
  themes: Counts;
  ecmCodes: Counts;
  ecmGroups: Counts;
}

export const emptyYear = (): YearCounts => ({
  total: 0,
  advice: 0,
  calamities: 0,
  byCriterion: {},
  byCategory: {},
  byFrame: {},
  byReporter: {},
  started: 0,
  finished: 0,
  themes: {},
  ecmCodes: {},
  ecmGroups: {},
});

export interface FigureRow {
  label: string;
  current: number;
  previous: number;
}
export interface FigureTable {
  id: string;
  title: string;
  rows: FigureRow[];
}
export interface Jaaroverzicht {
  year: number;
  tables: FigureTable[];
}

/** The N largest (by this year, then last year, then name) and the rest summed as "Overig". */
export function topN(current: Counts, previous: Counts, n: number): FigureRow[] {
  const keys = [...new Set([...Object.keys(current), ...Object.keys(previous)])];
  keys.sort((a, b) => (current[b] ?? 0) - (current[a] ?? 0) || (previous[b] ?? 0) - (previous[a] ?? 0) || a.localeCompare(b, "nl"));
  const rows = keys.slice(0, n).map((k) => ({ label: k, current: current[k] ?? 0, previous: previous[k] ?? 0 }));
  const rest = keys.slice(n);
  if (rest.length)
    rows.push({
      label: "Overig",
      current: rest.reduce((s, k) => s + (current[k] ?? 0), 0),
      previous: rest.reduce((s, k) => s + (previous[k] ?? 0), 0),
    });
  return rows;
}

const fixed = (order: string[], labels: Record<string, string>, c: Counts, p: Counts): FigureRow[] => {
  const known = order.map((k) => ({ label: labels[k] ?? k, current: c[k] ?? 0, previous: p[k] ?? 0 }));
  // Codes the vocabulary no longer knows still count, under their own id.
  const extra = [...new Set([...Object.keys(c), ...Object.keys(p)])].filter((k) => !order.includes(k));
  return [...known, ...extra.map((k) => ({ label: k, current: c[k] ?? 0, previous: p[k] ?? 0 }))];
};
const nonZero = (rows: FigureRow[]) => rows.filter((r) => r.current || r.previous);

export function buildJaaroverzicht(
  year: number,
  current: YearCounts,
  previous: YearCounts,
  vocab: { themes: Record<string, string>; ecmCodes: string[]; ecmGroups: Record<string, string> },
  reportersTop = 8,
): Jaaroverzicht {
  return {
    year,
    tables: [
      {
        id: "totaal",
        title: "Meldingen in totaal",
        rows: [
          { label: "Meldingen", current: current.total, previous: previous.total },
          { label: "waarvan adviesvragen", current: current.advice, previous: previous.advice },
          { label: "waarvan calamiteiten (wettelijke meldplicht)", current: current.calamities, previous: previous.calamities },
          { label: "Leeronderzoeken gestart", current: current.started, previous: previous.started },
          { label: "Leeronderzoeken afgerond", current: current.finished, previous: previous.finished },
        ],
      },
      { id: "criterium", title: "Meldingen per meldcriterium", rows: fixed(CRITERIA.map((c) => c.id), CRITERION_LABELS, current.byCriterion, previous.byCriterion) },
      {
        id: "categorie",
        title: "Meldingen per categorie",
        rows: fixed(CRITERIA.flatMap((c) => c.categories.map((x) => x.id)), CATEGORY_LABELS, current.byCategory, previous.byCategory),
      },
      { id: "kader", title: "Meldingen per wettelijk kader", rows: fixed(Object.keys(LOKET_FRAMES), LOKET_FRAMES, current.byFrame, previous.byFrame) },
      { id: "partij", title: `Meldende partijen (top ${reportersTop} en overig)`, rows: topN(current.byReporter, previous.byReporter, reportersTop) },
      { id: "themas", title: "Thema's in de bevindingen (basisoorzaken van de gestarte leeronderzoeken)", rows: nonZero(fixed(Object.keys(vocab.themes), vocab.themes, current.themes, previous.themes)) },
      { id: "ecm-groep", title: "PRISMA-profiel per hoofdgroep (ECM)", rows: fixed([...ECM_GROUP_IDS], vocab.ecmGroups, current.ecmGroups, previous.ecmGroups) },
      { id: "ecm-code", title: "PRISMA-profiel per ECM-code", rows: nonZero(fixed(vocab.ecmCodes, Object.fromEntries(vocab.ecmCodes.map((c) => [c, c])), current.ecmCodes, previous.ecmCodes)) },
    ],
  };
}

/** One CSV-ready table: tabel; omschrijving; vorig jaar; dit jaar; verschil. */
export function jaaroverzichtRows(o: Jaaroverzicht): string[][] {
  return [
    ["Tabel", "Omschrijving", String(o.year - 1), String(o.year), "Verschil"],
    ...o.tables.flatMap((t) => t.rows.map((r) => [t.title, r.label, String(r.previous), String(r.current), signed(r.current - r.previous)])),
  ];
}

export const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The year asked for in ?jaar=, or the fallback. */
export function chosenYear(params: URLSearchParams, fallback: number): number {
  const y = Number(params.get("jaar"));
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : fallback;
}
