// Data export of the analysis as two tables: the causes (every cause of the tree, with its ECM
// code and themes) and the measures (7b/7c). Pure; the server writes them as CSV.
import { ecmCatalog, themeCatalog, type EcmCatalog, type ThemeCatalog } from "./catalog.ts";
import type { Measure } from "./measures.ts";
import { MEASURE_STATUS_LABELS } from "./measures.ts";
import { causes, type ResolvedTree, type TreeNode } from "./tree.ts";

export interface AnalysisTable {
  headers: string[];
  rows: string[][];
}

export const CAUSE_EXPORT_HEADERS = [
  "Nummer",
  "Oorzaak",
  "Soort",
  "Valt onder",
  "ECM-code",
  "ECM-omschrijving",
  "ECM-hoofdgroep",
  "Thema's",
  "Onderbouwd met feiten",
  "Toelichting waarom",
  "Maatregelen",
] as const;

export const MEASURE_EXPORT_HEADERS = [
  "Maatregel",
  "Basisoorzaken",
  "Organisatie",
  "Functie eigenaar",
  "Deadline",
  "Meetbaar resultaat",
  "Borging: hoe",
  "Borging: wie",
  "Borging: wanneer",
  "Status",
] as const;

/** "2024-05-01" → "01-05-2024"; anything else as it is. */
function dutchDay(date: string | null): string {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  return m ? `${m[3]}-${m[2]}-${m[1]}` : (date ?? "");
}

function parentLabel(tree: ResolvedTree, node: TreeNode): string {
  if (!node.viewParent) return "";
  const parent = tree.byId.get(node.viewParent);
  if (!parent) return "";
  return parent === tree.top ? `Topgebeurtenis: ${parent.label}` : parent.kind === "critical_moment" ? `Kritiek moment: ${parent.label}` : parent.label;
}

/**
 * Every cause in the tree's display order, numbered 1, 2, …; "Basisoorzaak" for a cause without
 * causes beneath it. `eventTitle` resolves the evidence (event ids) to fact titles.
 */
export function causesTable(
  tree: ResolvedTree,
  measures: readonly Measure[],
  eventTitle: (id: string) => string | undefined,
  catalogs: { ecm?: EcmCatalog; themes?: ThemeCatalog } = {},
): AnalysisTable {
  const ecm = catalogs.ecm ?? ecmCatalog;
  const themes = catalogs.themes ?? themeCatalog;
  const rows = causes(tree).map((n, i) => {
    const code = n.ecm ? ecm.byCode.get(n.ecm) : undefined;
    const group = code ? ecm.groupById.get(code.group) : undefined;
    return [
      String(i + 1),
      n.label,
      n.children.length === 0 ? "Basisoorzaak" : "Tussenoorzaak",
      parentLabel(tree, n),
      n.ecm ?? "",
      code?.label ?? (n.ecm ? "onbekende code" : ""),
      group?.label ?? "",
      n.themes.map((t) => themes.byId.get(t)?.label ?? t).join(", "),
      n.evidence.map((id) => eventTitle(id) ?? "(feit verwijderd)").join("\n"),
      n.whyNote ?? "",
      measures.filter((m) => m.rootCauses.includes(n.id)).map((m) => m.title).join("\n"),
    ];
  });
  return { headers: [...CAUSE_EXPORT_HEADERS], rows };
}

export function measuresTable(tree: ResolvedTree, measures: readonly Measure[]): AnalysisTable {
  const rows = measures.map((m) => [
    m.title,
    m.rootCauses.map((id) => tree.byId.get(id)?.label ?? "(oorzaak verwijderd)").join("\n"),
    m.ownerOrganisation,
    m.ownerFunction,
    dutchDay(m.deadline),
    m.measurableResult,
    m.borgingHow,
    m.borgingWho,
    dutchDay(m.borgingWhen),
    MEASURE_STATUS_LABELS[m.status],
  ]);
  return { headers: [...MEASURE_EXPORT_HEADERS], rows };
}
