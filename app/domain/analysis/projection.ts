// Rows for the PostgreSQL projection (design.md "Projections"): derived from the document after
// each persisted batch, rebuildable at any time, used for search, deadlines and learning across
// investigations. Pure: the server writes them; nothing here touches a database.
import type * as Y from "yjs";
import { ecmCatalog, type EcmCatalog, type EcmGroupId } from "./catalog.ts";
import { readMeasures, type Measure, type MeasureStatus } from "./measures.ts";
import { readAnalysisSettings } from "./settings.ts";
import { pathTo, readTree, rootCauses, type ResolvedTree } from "./tree.ts";

export interface RootCauseRow {
  readonly investigationId: string;
  /** The node id (stable uuid). */
  readonly id: string;
  readonly label: string;
  /** Null when unclassified or when the code is not in the catalog (see ecmRaw). */
  readonly ecm: string | null;
  readonly ecmRaw: string | null;
  readonly ecmGroup: EcmGroupId | null;
  readonly themes: readonly string[];
  /** SIRE: the critical moment this root cause descends from. */
  readonly criticalMomentId: string | null;
  readonly method: string | null;
  readonly position: number;
}

export interface MeasureRow {
  readonly investigationId: string;
  readonly id: string;
  readonly title: string;
  readonly ownerOrganisation: string;
  readonly ownerFunction: string;
  readonly deadline: string | null;
  readonly measurableResult: string;
  readonly borgingHow: string;
  readonly borgingWho: string;
  readonly borgingWhen: string | null;
  readonly status: MeasureStatus;
  /** All stored links, including ones to nodes that no longer exist. */
  readonly rootCauseIds: readonly string[];
  /** False when some stored field was invalid and defaulted. */
  readonly valid: boolean;
  readonly position: number;
}

/** Link rows only for root causes present in `rootCauses`, so a foreign key can hold. */
export interface MeasureRootCauseRow {
  readonly investigationId: string;
  readonly measureId: string;
  readonly rootCauseId: string;
}

export interface AnalysisProjection {
  readonly rootCauses: readonly RootCauseRow[];
  readonly measures: readonly MeasureRow[];
  readonly measureRootCauses: readonly MeasureRootCauseRow[];
}

export interface ProjectionInput {
  readonly investigationId: string;
  readonly method: string | null;
  readonly tree: ResolvedTree;
  readonly measures: readonly Measure[];
}

export function projectAnalysis(input: ProjectionInput, catalog: EcmCatalog = ecmCatalog): AnalysisProjection {
  const { investigationId, tree, method } = input;
  const rcRows = rootCauses(tree).map((n, position): RootCauseRow => {
    const known = n.ecm !== null && catalog.byCode.has(n.ecm);
    return {
      investigationId,
      id: n.id,
      label: n.label,
      ecm: known ? n.ecm : null,
      ecmRaw: n.ecm,
      ecmGroup: known ? catalog.byCode.get(n.ecm!)!.group : null,
      themes: [...n.themes],
      criticalMomentId: pathTo(tree, n.id).find((a) => a.kind === "critical_moment")?.id ?? null,
      method,
      position,
    };
  });
  const rcIds = new Set(rcRows.map((r) => r.id));
  const measures = input.measures.map(
    (m, position): MeasureRow => ({
      investigationId,
      id: m.id,
      title: m.title,
      ownerOrganisation: m.ownerOrganisation,
      ownerFunction: m.ownerFunction,
      deadline: m.deadline,
      measurableResult: m.measurableResult,
      borgingHow: m.borgingHow,
      borgingWho: m.borgingWho,
      borgingWhen: m.borgingWhen,
      status: m.status,
      rootCauseIds: [...m.rootCauses],
      valid: m.issues.length === 0,
      position,
    }),
  );
  const links = input.measures.flatMap((m) =>
    m.rootCauses.filter((id) => rcIds.has(id)).map((rootCauseId) => ({ investigationId, measureId: m.id, rootCauseId })),
  );
  return { rootCauses: rcRows, measures, measureRootCauses: links };
}

export function projectAnalysisFromDoc(doc: Y.Doc, investigationId: string, catalog: EcmCatalog = ecmCatalog): AnalysisProjection {
  return projectAnalysis(
    {
      investigationId,
      method: readAnalysisSettings(doc).method,
      tree: readTree(doc),
      measures: readMeasures(doc).measures,
    },
    catalog,
  );
}
