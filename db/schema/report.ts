import { bigint, bigserial, boolean, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { investigations } from "./investigations.ts";
import { users } from "./users.ts";

/**
 * The zelfonderzoek report (issue 6): the committee (Bijlage 1 item 1c), submitted versions
 * (immutable: the .docx bytes, the report model as JSON, SHA-256 of the bytes), the
 * toezichthouder's assessments and requests for additions.
 */

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/** Item 1c: a member of the calamiteitencommissie. */
export const committeeMembers = pgTable(
  "committee_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    name: text("name").notNull().default(""),
    function: text("function").notNull(),
    organisation: text("organisation").notNull().default(""),
    background: text("background").notNull().default(""),
    involvement: text("involvement").notNull().default(""),
    independence: text("independence").notNull(), // extern | intern_niet_betrokken | intern_betrokken
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("committee_members_investigation").on(t.investigationId, t.position)],
);

/** A version submitted to the toezichthouder. Immutable: a trigger refuses UPDATE and DELETE. */
export const reportVersions = pgTable(
  "report_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "restrict" }),
    number: integer("number").notNull(),
    status: text("status").notNull(), // concept | definitief
    checklistId: text("checklist_id").notNull(),
    filename: text("filename").notNull(),
    docx: bytea("docx").notNull(),
    content: jsonb("content").notNull(), // the ReportModel (app/domain/report/model.ts)
    sha256: text("sha256").notNull(),
    note: text("note").notNull().default(""),
    /** The toezichthouder's request for additions this version answers (issue 15), if any. */
    answersRequestId: bigint("answers_request_id", { mode: "number" }).references((): AnyPgColumn => reportRequests.id),
    /**
     * The ketenpartners' variant of the same submit (no client identity, professionals and
     * reactants by function and initials, ADR 0012), for the ketenpartners to read. Absent in
     * versions submitted before it was stored.
     */
    partnersDocx: bytea("partners_docx"),
    partnersSha256: text("partners_sha256"),
    submittedBy: uuid("submitted_by").notNull().references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("report_versions_number").on(t.investigationId, t.number)],
);

/** The toezichthouder's assessment of one submitted version (domain.md §5). */
export const reportAssessments = pgTable(
  "report_assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    versionId: uuid("version_id").notNull().references(() => reportVersions.id),
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    // Each: voldoende | onvoldoende, with a remark.
    onderzoeksopzet: text("onderzoeksopzet").notNull(),
    onderzoeksopzetRemark: text("onderzoeksopzet_remark").notNull().default(""),
    navolgbaarheid: text("navolgbaarheid").notNull(),
    navolgbaarheidRemark: text("navolgbaarheid_remark").notNull().default(""),
    verbetermaatregelen: text("verbetermaatregelen").notNull(),
    verbetermaatregelenRemark: text("verbetermaatregelen_remark").notNull().default(""),
    verslag: text("verslag").notNull(),
    assessedBy: uuid("assessed_by").notNull().references(() => users.id),
    assessedAt: timestamp("assessed_at", { withTimezone: true }).notNull().defaultNow(),
    /** The procesbegeleider shared this assessment with the ketenpartners (issue 15); null: not shared. */
    sharedAt: timestamp("shared_at", { withTimezone: true }),
    sharedBy: uuid("shared_by").references(() => users.id),
  },
  (t) => [index("report_assessments_version").on(t.versionId, t.assessedAt)],
);

/** A toezichthouder's request for additions; open until the procesbegeleider marks it handled. */
export const reportRequests = pgTable(
  "report_requests",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    versionId: uuid("version_id").references(() => reportVersions.id),
    text: text("text").notNull(),
    requestedBy: uuid("requested_by").notNull().references(() => users.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    handled: boolean("handled").notNull().default(false),
    handledNote: text("handled_note"),
    handledBy: uuid("handled_by").references(() => users.id),
    handledAt: timestamp("handled_at", { withTimezone: true }),
  },
  (t) => [index("report_requests_investigation").on(t.investigationId, t.handled)],
);

/**
 * Item 4e: a protocol or guideline consulted, attached as a file (PDF, DOCX or ODT; issue 15).
 * The live list of the report page; deleting one removes it here only.
 */
export const reportAttachments = pgTable(
  "report_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    data: bytea("data").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("report_attachments_investigation").on(t.investigationId, t.uploadedAt)],
);

/** A submitted version's own copy of the attachments it went out with: later deletion does not touch it. */
export const reportVersionAttachments = pgTable(
  "report_version_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    versionId: uuid("version_id").notNull().references(() => reportVersions.id, { onDelete: "restrict" }),
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "restrict" }),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    data: bytea("data").notNull(),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("report_version_attachments_version").on(t.versionId)],
);
