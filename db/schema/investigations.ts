import { sql } from "drizzle-orm";
import { boolean, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations.ts";
import { users } from "./users.ts";

export const investigations = pgTable("investigations", {
  id: uuid("id").primaryKey().defaultRandom(),
  title: text("title").notNull(),
  kind: text("kind").notNull(), // calamiteit | geweldsincident | incident
  legalFrame: text("legal_frame").notNull(), // wmo | jeugdwet | zvw | wlz | forensisch
  reportingCriterion: text("reporting_criterion").notNull(),
  calamityDate: date("calamity_date", { mode: "string" }),
  reportedDate: date("reported_date", { mode: "string" }),
  supervisor: text("supervisor").notNull(), // toezicht_wmo | igj
  supervisorMunicipality: text("supervisor_municipality"),
  providers: text("providers").notNull().default(""),
  analysisMethod: text("analysis_method").notNull(),
  phase: text("phase").notNull(),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  // Closed by the procesbegeleider; deleted by the job loop once retention_until has passed (issue 16).
  closedAt: timestamp("closed_at", { withTimezone: true }),
  closedBy: uuid("closed_by").references(() => users.id, { onDelete: "set null" }),
  retentionUntil: date("retention_until", { mode: "string" }),
});

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role").notNull(), // procesbegeleider | onderzoeker | ketenpartner | toezichthouder
    organisationId: uuid("organisation_id").references(() => organisations.id),
    // A toezichthouder sees the submitted report versions; the live workspace only when the
    // procesbegeleider also invites them to it (issue 6). Ignored for the other roles.
    workspaceAccess: boolean("workspace_access").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("memberships_investigation_user").on(t.investigationId, t.userId), index("memberships_user").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role").notNull(),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    invitedBy: uuid("invited_by").notNull().references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    // Toezichthouder only: joins with read access to the live workspace (memberships.workspace_access).
    workspaceAccess: boolean("workspace_access").notNull().default(false),
  },
  (t) => [
    // At most one open invitation per investigation and address (case-insensitive), also when two
    // people invite at the same moment. invite() first closes an expired one (revoked_at = expires_at).
    uniqueIndex("invitations_open_per_address")
      .on(t.investigationId, sql`lower(${t.email})`)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
  ],
);

// Bijlage 1 item 1a. Restricted: only the procesbegeleider and the report export read it,
// and every read is written to the audit log. Never copied into the shared Yjs document.
export const clientIdentities = pgTable("client_identities", {
  investigationId: uuid("investigation_id").primaryKey().references(() => investigations.id, { onDelete: "cascade" }),
  name: text("name").notNull().default(""),
  dateOfBirth: date("date_of_birth", { mode: "string" }),
  sex: text("sex").notNull().default(""),
  indication: text("indication").notNull().default(""),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const deadlines = pgTable(
  "deadlines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    rule: text("rule").notNull(),
    source: text("source").notNull().default(""),
    computedDate: date("computed_date", { mode: "string" }),
    // Set when the procesbegeleider changed the date; the reason is required and audited.
    overrideDate: date("override_date", { mode: "string" }),
    overrideReason: text("override_reason"),
    overriddenBy: uuid("overridden_by").references(() => users.id),
    doneAt: date("done_at", { mode: "string" }),
  },
  (t) => [uniqueIndex("deadlines_investigation_key").on(t.investigationId, t.key)],
);

/**
 * A person whose processing is restricted (AVG art. 18; issue 16): left out of new report exports
 * and hidden from members other than the procesbegeleider. kind/key as in server/privacy/persons.ts.
 */
export const personRestrictions = pgTable(
  "person_restrictions",
  {
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(), // client | reactant | interviewee | committee
    key: text("key").notNull(),
    restrictedBy: uuid("restricted_by").references(() => users.id, { onDelete: "set null" }),
    restrictedAt: timestamp("restricted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("person_restrictions_person").on(t.investigationId, t.kind, t.key)],
);
