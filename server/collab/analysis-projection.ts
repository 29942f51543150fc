import { eq } from "drizzle-orm";
import type * as Y from "yjs";
import { projectAnalysisFromDoc, type AnalysisProjection } from "../../app/domain/analysis/projection.ts";
import { schema, type Database } from "../../db/client.ts";
import type { AppContext } from "../context.ts";
import { loadDoc } from "./persistence.ts";

/**
 * Projection of the analysis into PostgreSQL (design.md "Projections", docs/analysis-model.md):
 * root causes with ECM code, main group and themes, measures, and measure ↔ root-cause links.
 * Derived only: every write replaces the investigation's rows in one transaction, so the tables
 * can be dropped and rebuilt from the document at any time.
 *
 * The method column comes from the investigation's row (the method is relational metadata); the
 * document's own `analysis.method` is only a mirror and is used when the row has none.
 */

/** Rows of the document as it is now; synchronous, so a caller can take them inside its queue. */
export function analysisRows(doc: Y.Doc, investigationId: string): AnalysisProjection {
  return projectAnalysisFromDoc(doc, investigationId);
}

const CHUNK = 500;

/** Replaces the investigation's analysis rows in one transaction. */
export async function writeAnalysisProjection(db: Database, investigationId: string, rows: AnalysisProjection, at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [inv] = await tx
      .select({ method: schema.investigations.analysisMethod })
      .from(schema.investigations)
      .where(eq(schema.investigations.id, investigationId));
    const method = inv?.method || null;
    // Links first (they reference the other two), though the cascades would remove them anyway.
    await tx.delete(schema.analysisMeasureRootCauses).where(eq(schema.analysisMeasureRootCauses.investigationId, investigationId));
    await tx.delete(schema.analysisMeasures).where(eq(schema.analysisMeasures.investigationId, investigationId));
    await tx.delete(schema.analysisRootCauses).where(eq(schema.analysisRootCauses.investigationId, investigationId));
    for (let i = 0; i < rows.rootCauses.length; i += CHUNK) {
      await tx.insert(schema.analysisRootCauses).values(
        rows.rootCauses.slice(i, i + CHUNK).map((r) => ({
          investigationId,
          nodeId: r.id,
          label: r.label,
          ecm: r.ecm,
          ecmRaw: r.ecmRaw,
          ecmGroup: r.ecmGroup,
          themes: [...r.themes],
          criticalMomentId: r.criticalMomentId,
          method: method ?? r.method,
          position: r.position,
          projectedAt: at,
        })),
      );
    }
    for (let i = 0; i < rows.measures.length; i += CHUNK) {
      await tx.insert(schema.analysisMeasures).values(
        rows.measures.slice(i, i + CHUNK).map((m) => ({
          investigationId,
          measureId: m.id,
          title: m.title,
          ownerOrganisation: m.ownerOrganisation,
          ownerFunction: m.ownerFunction,
          deadline: m.deadline,
          measurableResult: m.measurableResult,
          borgingHow: m.borgingHow,
          borgingWho: m.borgingWho,
          borgingWhen: m.borgingWhen,
          status: m.status,
          rootCauseIds: [...m.rootCauseIds],
          valid: m.valid,
          position: m.position,
          projectedAt: at,
        })),
      );
    }
    for (let i = 0; i < rows.measureRootCauses.length; i += CHUNK) {
      await tx
        .insert(schema.analysisMeasureRootCauses)
        .values(rows.measureRootCauses.slice(i, i + CHUNK).map((l) => ({ investigationId, measureId: l.measureId, rootCauseId: l.rootCauseId })))
        .onConflictDoNothing();
    }
  });
}

/**
 * Projects the document now: the rows are taken synchronously (before the first await), then
 * written in one transaction. Callers that project from a queue should chain the returned
 * promise after their previous projection write, so writes stay in order.
 */
export function projectAnalysis(ctx: Pick<AppContext, "db" | "clock">, investigationId: string, doc: Y.Doc): Promise<AnalysisProjection> {
  const rows = analysisRows(doc, investigationId);
  const at = ctx.clock.now();
  return writeAnalysisProjection(ctx.db, investigationId, rows, at).then(() => rows);
}

/** Rebuilds the analysis projection from the stored document (safe at any time). */
export async function rebuildAnalysisProjection(ctx: Pick<AppContext, "db" | "clock">, investigationId: string): Promise<AnalysisProjection> {
  const doc = await loadDoc(ctx.db, investigationId);
  try {
    return await projectAnalysis(ctx, investigationId, doc);
  } finally {
    doc.destroy();
  }
}
