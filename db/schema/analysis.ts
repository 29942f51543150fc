import { boolean, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { investigations } from "./investigations.ts";

/**
 * The analysis derived from the document (design.md "Projections", docs/analysis-model.md):
 * root causes with their ECM code, main group and themes, the improvement measures and which root
 * causes each measure addresses. Rebuilt per investigation in one transaction by
 * server/collab/analysis-projection.ts only; never written by anything else. Ids are the
 * document's node and measure ids. For learning across investigations (PRISMA-profiel over all
 * investigations, themes) and for the deadlines of measures.
 */
export const analysisRootCauses = pgTable(
  "analysis_root_causes",
  {
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    nodeId: text("node_id").notNull(),
    label: text("label").notNull().default(""),
    /** Known ECM code, or null (unclassified, or a code the catalog does not know: see ecmRaw). */
    ecm: text("ecm"),
    ecmRaw: text("ecm_raw"),
    /** technisch | organisatorisch | menselijk | clientgebonden | overig */
    ecmGroup: text("ecm_group"),
    themes: text("themes").array().notNull().default([]),
    /** SIRE: the critical moment this root cause descends from. */
    criticalMomentId: text("critical_moment_id"),
    /** The investigation's analysis method when projected (investigations.analysis_method). */
    method: text("method"),
    position: integer("position").notNull(),
    projectedAt: timestamp("projected_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.investigationId, t.nodeId] }),
    index("analysis_root_causes_ecm").on(t.ecmGroup, t.ecm),
    index("analysis_root_causes_themes").using("gin", t.themes),
  ],
);

export const analysisMeasures = pgTable(
  "analysis_measures",
  {
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    measureId: text("measure_id").notNull(),
    title: text("title").notNull().default(""),
    ownerOrganisation: text("owner_organisation").notNull().default(""),
    ownerFunction: text("owner_function").notNull().default(""),
    deadline: date("deadline", { mode: "string" }),
    measurableResult: text("measurable_result").notNull().default(""),
    borgingHow: text("borging_how").notNull().default(""),
    borgingWho: text("borging_who").notNull().default(""),
    borgingWhen: date("borging_when", { mode: "string" }),
    /** gepland | in_uitvoering | gerealiseerd | geborgd */
    status: text("status").notNull(),
    /** Every stored link, also to nodes that are no longer root causes (see the link table for valid ones). */
    rootCauseIds: text("root_cause_ids").array().notNull().default([]),
    /** False when a stored field was invalid and replaced by its default. */
    valid: boolean("valid").notNull(),
    position: integer("position").notNull(),
    projectedAt: timestamp("projected_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.investigationId, t.measureId] }), index("analysis_measures_deadline").on(t.deadline, t.status)],
);

/** Measure ↔ root cause, only for root causes that exist in the projection (so the keys hold). */
export const analysisMeasureRootCauses = pgTable(
  "analysis_measure_root_causes",
  {
    investigationId: uuid("investigation_id").notNull(),
    measureId: text("measure_id").notNull(),
    rootCauseId: text("root_cause_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.investigationId, t.measureId, t.rootCauseId] }),
    foreignKey({
      columns: [t.investigationId, t.measureId],
      foreignColumns: [analysisMeasures.investigationId, analysisMeasures.measureId],
      name: "analysis_mrc_measure_fk",
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.investigationId, t.rootCauseId],
      foreignColumns: [analysisRootCauses.investigationId, analysisRootCauses.nodeId],
      name: "analysis_mrc_root_cause_fk",
    }).onDelete("cascade"),
    index("analysis_mrc_root_cause").on(t.investigationId, t.rootCauseId),
  ],
);
