import { bigserial, boolean, date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { investigations } from "./investigations.ts";
import { organisations } from "./organisations.ts";
import { users } from "./users.ts";

/**
 * A melding at the incidentenloket (issue 10, ADR 0018): registered by a loketmedewerker or
 * submitted by a ketenpartner, screened, followed up. No client identity here: that lives in
 * melding_identities (restricted, every read audited). Vocabularies: app/domain/loket/fields.ts.
 */
export const meldingen = pgTable(
  "meldingen",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: bigserial("seq", { mode: "number" }).notNull().unique(),
    receivedOn: date("received_on", { mode: "string" }).notNull(),
    channel: text("channel").notNull(), // email | telefoon | formulier | ambtshalve
    reportingOrganisationId: uuid("reporting_organisation_id").notNull().references(() => organisations.id),
    legalFrame: text("legal_frame").notNull(), // wmo | jeugdwet | wmo_jeugdwet | zvw | wlz | forensisch | geen
    criterion: text("criterion").notNull(), // templates/loket-criteria.json
    category: text("category").notNull(),
    meldplicht: boolean("meldplicht").notNull().default(false),
    impacts: text("impacts").array().notNull().default([]), // personeel | publiek | pers | politiek
    eventDate: date("event_date", { mode: "string" }),
    description: text("description").notNull(),
    urgency: text("urgency").notNull(), // normaal | hoog | spoed
    status: text("status").notNull().default("nieuw"), // nieuw | in_screening | afgehandeld
    decision: text("decision"), // geen_actie | advies | procescoordinatie | leeronderzoek
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    screeningNote: text("screening_note").notNull().default(""),
    // Monitoring the toezichthouder's process for a calamity (000 §5.2).
    supervisor: text("supervisor"), // toezicht_wmo | igj
    supervisorDecision: text("supervisor_decision"), // zelfonderzoek | eigen_onderzoek | geen
    supervisorReportedOn: date("supervisor_reported_on", { mode: "string" }),
    supervisorOutcome: text("supervisor_outcome").notNull().default(""),
    investigationId: uuid("investigation_id").references(() => investigations.id, { onDelete: "set null" }),
    /** loket (registered by staff) | ketenpartner (submitted through the form) */
    source: text("source").notNull(),
    submittedBy: uuid("submitted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("meldingen_received").on(t.receivedOn),
    index("meldingen_status").on(t.status),
    index("meldingen_submitted_by").on(t.submittedBy),
    index("meldingen_investigation").on(t.investigationId),
  ],
);

/** The client's identity, if the melding named one. Restricted: loketmedewerkers only, every read audited. */
export const meldingIdentities = pgTable("melding_identities", {
  meldingId: uuid("melding_id").primaryKey().references(() => meldingen.id, { onDelete: "cascade" }),
  name: text("name").notNull().default(""),
  dateOfBirth: date("date_of_birth", { mode: "string" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
