// Loads everything the report builder (app/domain/report/build.ts) needs for one investigation:
// the relational data as a ReportInput, the current Y.Doc and the checklist. Callers check the
// policy first; when they ask for the toezichthouder's version (which holds the client identity,
// Bijlage 1 item 1a) they also write the audit entry, with their purpose.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type * as Y from "yjs";
import { todayInAmsterdam } from "../../app/domain/calendar-date.ts";
import { checklistFor, type Checklist } from "../../app/domain/report/checklist.ts";
import type { CommitteeMember, ReportClientIdentity, ReportInput, ReportInterview, ReportReaction } from "../../app/domain/report/input.ts";
import type { ItemStatus, ReportAudience } from "../../app/domain/report/model.ts";
import { schema } from "../../db/client.ts";
import { loadDoc } from "../collab/persistence.ts";
import type { AppContext } from "../context.ts";
import { restrictedPersons } from "../privacy/persons.ts";

export interface ReportLoadOptions {
  /** "Versie 3" for a submitted version, "Werkversie" for the current state. */
  versionLabel: string;
  status: "concept" | "definitief";
  /** Today in Europe/Amsterdam, YYYY-MM-DD. */
  today: string;
  /**
   * Only the reactions of rounds this user was invited to (what they may open; issue 16). Absent:
   * every round's reactions (the procesbegeleider, who manages the rounds).
   */
  reactionsOfRoundsOf?: string;
  /** No reactions at all, said so in Bijlage A (the ketenpartners' copy of a submitted version). */
  withoutReactions?: boolean;
}

export interface LoadedReportInput {
  doc: Y.Doc;
  input: ReportInput;
  checklist: Checklist;
}

/** Internal, not a UserError (ADR 0026): routes check access, and so existence, before loading a report. */
export class ReportNotFoundError extends Error {
  constructor() {
    super("Dit onderzoek bestaat niet.");
    this.name = "ReportNotFoundError";
  }
}

const INDEPENDENCE = new Set<CommitteeMember["independence"]>(["extern", "intern_niet_betrokken", "intern_betrokken"]);

/**
 * The report input of one investigation for one audience. Client identity is read only for the
 * toezichthouder's version (and is not audited here: the caller does that). The document is the
 * persisted state: a live room persists every update before it broadcasts it, so this is what
 * everyone has seen. The caller owns the returned doc (destroy it when done).
 */
export async function loadReportInput(ctx: Pick<AppContext, "db">, investigationId: string, audience: ReportAudience, opts: ReportLoadOptions): Promise<LoadedReportInput> {
  const [inv] = await ctx.db.select().from(schema.investigations).where(eq(schema.investigations.id, investigationId)).limit(1);
  if (!inv) throw new ReportNotFoundError();

  // Persons whose processing is restricted (AVG art. 18) are left out of every new export.
  const restricted = await restrictedPersons(ctx.db, investigationId);
  const [client, clientStatus, committee, interviews, reactions, doc, writers, attachments] = await Promise.all([
    audience === "toezichthouder" ? loadClient(ctx, investigationId) : Promise.resolve(null),
    audience === "toezichthouder" ? Promise.resolve(undefined) : loadClientStatus(ctx, investigationId),
    loadCommittee(ctx, investigationId),
    loadInterviews(ctx, investigationId),
    opts.withoutReactions ? Promise.resolve([]) : loadReactions(ctx, investigationId, opts.reactionsOfRoundsOf),
    loadDoc(ctx.db, investigationId),
    loadWriters(ctx, investigationId),
    ctx.db
      .select({ filename: schema.reportAttachments.filename, uploadedAt: schema.reportAttachments.uploadedAt })
      .from(schema.reportAttachments)
      .where(eq(schema.reportAttachments.investigationId, investigationId))
      .orderBy(asc(schema.reportAttachments.uploadedAt), asc(schema.reportAttachments.filename)),
  ]);

  const input: ReportInput = {
    audience,
    investigation: {
      id: inv.id,
      title: inv.title,
      kind: inv.kind,
      legalFrame: inv.legalFrame,
      reportingCriterion: inv.reportingCriterion,
      calamityDate: inv.calamityDate,
      reportedDate: inv.reportedDate,
      supervisor: inv.supervisor,
      supervisorMunicipality: inv.supervisorMunicipality,
      providers: inv.providers,
      analysisMethod: inv.analysisMethod,
    },
    client: audience === "toezichthouder" && !restricted.has(`client:${investigationId}`) ? client : null,
    ...(clientStatus ? { clientStatus } : {}),
    committee: committee.filter((m) => !restricted.has(`committee:${m.id}`)),
    interviews: interviews.filter((i) => !restricted.has(`interviewee:${i.id}`)),
    reactions: reactions.filter((r) => !restricted.has(`reactant:${r.signerEmail}`)).map(({ signerEmail: _, ...r }) => r),
    ...(opts.withoutReactions ? { reactionsWithheld: true } : {}),
    versionLabel: opts.versionLabel,
    status: opts.status,
    today: opts.today,
    authors: writers.map((w) => w.name),
    contact: contactOf(writers.find((w) => w.role === "procesbegeleider")),
    attachments: attachments.map((a) => ({ filename: a.filename, uploadedOn: todayInAmsterdam(a.uploadedAt) })),
  };
  return { doc, input, checklist: checklistFor(inv) };
}

interface Writer {
  name: string;
  email: string;
  role: string;
  organisation: string | null;
}

/** The procesbegeleider's contact on the title page: name, organisation (when known), e-mail. */
function contactOf(lead: Writer | undefined): string | null {
  if (!lead) return null;
  return [lead.name, lead.organisation, lead.email].filter((p) => p && p.trim()).join(", ");
}

/** The report's authors: procesbegeleider(s) first, then onderzoekers, each by name. */
async function loadWriters(ctx: Pick<AppContext, "db">, investigationId: string): Promise<Writer[]> {
  const rows = await ctx.db
    .select({ name: schema.users.name, email: schema.users.email, role: schema.memberships.role, organisation: schema.organisations.name })
    .from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .leftJoin(schema.organisations, eq(schema.organisations.id, schema.memberships.organisationId))
    .where(and(eq(schema.memberships.investigationId, investigationId), inArray(schema.memberships.role, ["procesbegeleider", "onderzoeker"])));
  return rows.sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name, "nl") : a.role === "procesbegeleider" ? -1 : 1));
}

/** Item 1a; null when nothing has been recorded yet. */
async function loadClient(ctx: Pick<AppContext, "db">, investigationId: string): Promise<ReportClientIdentity | null> {
  const [row] = await ctx.db.select().from(schema.clientIdentities).where(eq(schema.clientIdentities.investigationId, investigationId)).limit(1);
  if (!row) return null;
  return { name: row.name, dateOfBirth: row.dateOfBirth, sex: row.sex, indication: row.indication };
}

/**
 * The status of item 1a for a version without the identity: which fields are filled, asked of the
 * database without reading the values themselves (so nothing of the client leaves it here).
 */
async function loadClientStatus(ctx: Pick<AppContext, "db">, investigationId: string): Promise<ItemStatus> {
  const t = schema.clientIdentities;
  const [row] = await ctx.db
    .select({
      filled: sql<number>`(case when btrim(${t.name}) <> '' then 1 else 0 end) + (case when ${t.dateOfBirth} is not null then 1 else 0 end) + (case when btrim(${t.sex}) <> '' then 1 else 0 end) + (case when btrim(${t.indication}) <> '' then 1 else 0 end)`,
    })
    .from(t)
    .where(eq(t.investigationId, investigationId))
    .limit(1);
  const filled = Number(row?.filled ?? 0);
  return filled === 0 ? "leeg" : filled === 4 ? "gereed" : "in_concept";
}

/** Item 1c, in the committee's own order. */
async function loadCommittee(ctx: Pick<AppContext, "db">, investigationId: string): Promise<CommitteeMember[]> {
  const rows = await ctx.db
    .select()
    .from(schema.committeeMembers)
    .where(eq(schema.committeeMembers.investigationId, investigationId))
    .orderBy(asc(schema.committeeMembers.position), asc(schema.committeeMembers.createdAt));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    function: r.function,
    organisation: r.organisation,
    background: r.background,
    involvement: r.involvement,
    // A value the schema does not know reads as the least independent, never as "extern".
    independence: INDEPENDENCE.has(r.independence as CommitteeMember["independence"]) ? (r.independence as CommitteeMember["independence"]) : "intern_betrokken",
    position: r.position,
  }));
}

/** Item 4a, by date. */
async function loadInterviews(ctx: Pick<AppContext, "db">, investigationId: string): Promise<ReportInterview[]> {
  const rows = await ctx.db
    .select()
    .from(schema.interviews)
    .where(eq(schema.interviews.investigationId, investigationId))
    .orderBy(asc(schema.interviews.heldOn), asc(schema.interviews.createdAt));
  return rows.map((r) => ({
    id: r.id,
    personFunction: r.personFunction,
    initials: r.initials,
    organisation: r.organisation,
    relation: r.relation,
    heldOn: r.heldOn,
    interviewers: r.interviewers,
  }));
}

/** The signed reactions of every round of the investigation, with what was done with them (appendix). */
async function loadReactions(ctx: Pick<AppContext, "db">, investigationId: string, ofRoundsOf?: string): Promise<(ReportReaction & { signerEmail: string })[]> {
  const invitedTo = ofRoundsOf
    ? sql`${schema.commentRounds.id} in (select ${schema.roundInvitees.roundId} from ${schema.roundInvitees} where ${schema.roundInvitees.userId} = ${ofRoundsOf})`
    : undefined;
  const rows = await ctx.db
    .select({ round: schema.commentRounds, reaction: schema.roundReactions, invitee: schema.roundInvitees, disposition: schema.reactionDispositions })
    .from(schema.roundReactions)
    .innerJoin(schema.commentRounds, eq(schema.commentRounds.id, schema.roundReactions.roundId))
    .innerJoin(schema.roundInvitees, eq(schema.roundInvitees.id, schema.roundReactions.inviteeId))
    .leftJoin(schema.reactionDispositions, eq(schema.reactionDispositions.reactionId, schema.roundReactions.id))
    .where(and(eq(schema.commentRounds.investigationId, investigationId), eq(schema.roundReactions.status, "submitted"), invitedTo))
    .orderBy(asc(schema.commentRounds.openedAt), asc(schema.roundReactions.submittedAt), asc(schema.roundReactions.createdAt));
  return rows.map(({ round, reaction, invitee, disposition }) => ({
    signerEmail: invitee.email.toLowerCase(),
    roundTitle: round.title,
    roundKind: round.kind === "interview" ? "interview" : "draft_report",
    signerName: reaction.signerName ?? invitee.name,
    signerRole: reaction.signerRole ?? invitee.relation,
    signedOn: reaction.signedOn ?? todayInAmsterdam(reaction.submittedAt ?? reaction.updatedAt),
    pointerLabel: reaction.pointerLabel || "Algemeen",
    text: reaction.text,
    late: reaction.late,
    inviteeName: invitee.name,
    signatureHash: reaction.signatureHash ?? "",
    signedWith: reaction.signedWith === "code" || reaction.signedWith === "session" ? reaction.signedWith : null,
    disposition: disposition
      ? { kind: disposition.kind === "verwerkt" ? "verwerkt" : "terzijde", note: disposition.note, decidedOn: todayInAmsterdam(disposition.decidedAt) }
      : null,
  }));
}
