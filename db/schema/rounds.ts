import { sql } from "drizzle-orm";
import { bigserial, boolean, customType, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { collabVersions } from "./collab.ts";
import { reportVersions } from "./report.ts";
import { investigations } from "./investigations.ts";
import { users } from "./users.ts";

const byteaColumn = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * Comment rounds (issue 5, docs/decisions/0005-comment-rounds.md): interviews (gesprekken), rounds on
 * a frozen document, invitees (members or a personal link), signed reactions, dispositions, and the
 * notices the job loop sends exactly once.
 */

/** A gesprek (verslag van horen). The verslag text itself lives in the Y.Doc as `interview:<id>`. */
export const interviews = pgTable(
  "interviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    // Who: function + initials (domain.md §4 item 2), organisation, relation to the case.
    personFunction: text("person_function").notNull(),
    initials: text("initials").notNull().default(""),
    organisation: text("organisation").notNull().default(""),
    relation: text("relation").notNull().default(""),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    interviewers: text("interviewers").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("interviews_investigation_held").on(t.investigationId, t.heldOn)],
);

/**
 * One round on one frozen document. `frozen` is what every reactant sees (FrozenDocument, see
 * app/domain/rounds/frozen.ts); `versionHash` is sha256 of its canonical JSON. Closing is done by
 * the job loop (closed_at set exactly once); "complete" is derived from the dispositions.
 */
export const commentRounds = pgTable(
  "comment_rounds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(), // interview | draft_report
    interviewId: uuid("interview_id").references(() => interviews.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    termWeeks: integer("term_weeks").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    originalDeadlineDate: date("original_deadline_date", { mode: "string" }).notNull(),
    deadlineDate: date("deadline_date", { mode: "string" }).notNull(),
    // 23:59:59 Europe/Amsterdam of deadline_date.
    deadlineAt: timestamp("deadline_at", { withTimezone: true }).notNull(),
    frozen: jsonb("frozen").notNull(),
    versionHash: text("version_hash").notNull(),
    collabVersionId: uuid("collab_version_id").references(() => collabVersions.id, { onDelete: "set null" }),
    // Origin for links in mails the job loop sends (it has no request to take it from).
    baseUrl: text("base_url").notNull(),
    openedBy: uuid("opened_by").references(() => users.id, { onDelete: "set null" }),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    index("comment_rounds_investigation_opened").on(t.investigationId, t.openedAt),
    index("comment_rounds_open_deadline").on(t.deadlineAt).where(sql`${t.closedAt} is null`),
  ],
);

/** Every extension of a round's deadline, with its required reason (also in the audit log). */
export const roundExtensions = pgTable("round_extensions", {
  id: uuid("id").primaryKey().defaultRandom(),
  roundId: uuid("round_id").notNull().references(() => commentRounds.id, { onDelete: "cascade" }),
  fromDate: date("from_date", { mode: "string" }).notNull(),
  toDate: date("to_date", { mode: "string" }).notNull(),
  reason: text("reason").notNull(),
  extendedBy: uuid("extended_by").references(() => users.id, { onDelete: "set null" }),
  extendedAt: timestamp("extended_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A person invited to react: a member (user_id set, reacts in the app) or someone without an
 * account (token_hash set: the personal link; only the hash is stored).
 */
export const roundInvitees = pgTable(
  "round_invitees",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roundId: uuid("round_id").notNull().references(() => commentRounds.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    email: text("email").notNull(),
    // Function or relation to the case, e.g. "nabestaande", "geïnterviewde", "aanbieder".
    relation: text("relation").notNull().default(""),
    tokenHash: text("token_hash").unique(),
    linkRevokedAt: timestamp("link_revoked_at", { withTimezone: true }),
    // Set when the procesbegeleider allows a reaction after the deadline, for this person.
    lateAllowedUntil: timestamp("late_allowed_until", { withTimezone: true }),
    lateReason: text("late_reason"),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("round_invitees_round_email").on(t.roundId, t.email), index("round_invitees_user").on(t.userId)],
);

/**
 * A reaction: a draft (editable by its author) until it is signed; then immutable (a database
 * trigger refuses changes to a submitted row). A correction is a new reaction (corrects_id).
 */
export const roundReactions = pgTable(
  "round_reactions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roundId: uuid("round_id").notNull().references(() => commentRounds.id, { onDelete: "cascade" }),
    inviteeId: uuid("invitee_id").notNull().references(() => roundInvitees.id, { onDelete: "cascade" }),
    status: text("status").notNull(), // draft | submitted
    versionHash: text("version_hash").notNull(),
    // "general", "section:<itemId>", "paragraph:<blockId>" or "event:<eventId>" of the frozen version.
    pointer: text("pointer").notNull().default("general"),
    pointerLabel: text("pointer_label").notNull().default(""),
    text: text("text").notNull().default(""),
    correctsId: uuid("corrects_id"),
    signerName: text("signer_name"),
    signerRole: text("signer_role"),
    declaration: boolean("declaration").notNull().default(false),
    signedOn: date("signed_on", { mode: "string" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    signatureHash: text("signature_hash"),
    // How the signer proved to be the invitee: "code" (one-time code to the invited address) or "session" (signed in).
    signedWith: text("signed_with"),
    late: boolean("late").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("round_reactions_round").on(t.roundId, t.submittedAt),
    // At most one draft per invitee.
    uniqueIndex("round_reactions_one_draft").on(t.inviteeId).where(sql`${t.status} = 'draft'`),
  ],
);

/** What was done with a signed reaction; recorded once, mailed to the reactant in the same transaction. */
export const reactionDispositions = pgTable("reaction_dispositions", {
  reactionId: uuid("reaction_id")
    .primaryKey()
    .references(() => roundReactions.id, { onDelete: "cascade" }),
  kind: text("kind").notNull(), // verwerkt | terzijde
  // verwerkt: where (e.g. "paragraaf 5a, tweede alinea"); terzijde: the reason (required).
  note: text("note").notNull(),
  decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
  decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Mails the job loop sends (reminder, closing notice): one row per round, invitee, kind and
 * deadline date, so each is created once (ON CONFLICT DO NOTHING) and sent once (sent_at is set in
 * the same transaction that writes the mail to the outbox).
 */
export const roundNotices = pgTable(
  "round_notices",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    roundId: uuid("round_id").notNull().references(() => commentRounds.id, { onDelete: "cascade" }),
    inviteeId: uuid("invitee_id").notNull().references(() => roundInvitees.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(), // reminder | closing
    forDate: date("for_date", { mode: "string" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("round_notices_once").on(t.roundId, t.inviteeId, t.kind, t.forDate),
    index("round_notices_pending").on(t.id).where(sql`${t.sentAt} is null`),
  ],
);

/**
 * The one-time code a personal-link invitee enters before signing (issue 15, ADR 0021): six
 * digits mailed to the invited address, only its hash kept, valid for minutes, a few attempts.
 * One row per invitee: asking for a new code replaces the old one; signing deletes it.
 */
export const reactionCodes = pgTable("reaction_codes", {
  inviteeId: uuid("invitee_id")
    .primaryKey()
    .references(() => roundInvitees.id, { onDelete: "cascade" }),
  codeHash: text("code_hash").notNull(),
  salt: text("salt").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  attempts: integer("attempts").notNull().default(0),
  sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The final report sent to the reactants who reacted (seed 002 stap 6, issue 15): one row per
 * recipient, with the ketenpartners' version of that definitief version as .docx (generated when
 * sent) and a personal download link (only the token's hash is stored).
 */
export const finalReportSends = pgTable(
  "final_report_sends",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    investigationId: uuid("investigation_id").notNull().references(() => investigations.id, { onDelete: "cascade" }),
    versionId: uuid("version_id").notNull().references(() => reportVersions.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    filename: text("filename").notNull(),
    docx: byteaColumn("docx").notNull(),
    sha256: text("sha256").notNull(),
    sentBy: uuid("sent_by").references(() => users.id, { onDelete: "set null" }),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    downloadedAt: timestamp("downloaded_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("final_report_sends_once").on(t.versionId, t.email)],
);
