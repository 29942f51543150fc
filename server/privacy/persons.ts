// Data-subject rights (AVG art. 15, 17, 20; issue 16): the persons an investigation holds data on,
// everything held on one of them as a download, and erasure. Erasure is refused for a person who
// is in a submitted report version: those are immutable records sent to the toezichthouder, which
// AVG art. 17(3)(b) lets stay (a legal obligation: the Wkkgz/Wmo report). Callers check
// privacy.manage; every action is audited here.
import { and, eq, inArray, sql } from "drizzle-orm";
import { schema, type Database } from "../../db/client.ts";
import type { AppContext } from "../context.ts";
import type { Tx } from "../rounds/support.ts";
import { UserError } from "../../app/domain/errors.ts";
import { audit } from "../audit.ts";

type Ctx = Pick<AppContext, "db" | "clock">;

export type PersonKind = "client" | "reactant" | "interviewee" | "committee";
export const PERSON_KINDS: readonly PersonKind[] = ["client", "reactant", "interviewee", "committee"];
export const PERSON_KIND_LABELS: Record<PersonKind, string> = {
  client: "Cliënt",
  reactant: "Reactant in een reactieronde",
  interviewee: "Geïnterviewde",
  committee: "Lid van de calamiteitencommissie",
};

export interface PersonRow {
  kind: PersonKind;
  /** client: the investigation id; reactant: the e-mail address; others: the row id. */
  key: string;
  /** What the list shows: never the client's name (that is read only in the export, audited). */
  label: string;
  detail: string;
}

export const ERASE_REFUSED =
  "Deze persoon staat in een ingediende rapportversie. Die versies zijn onveranderlijke stukken die aan de toezichthouder zijn verstuurd; de AVG (art. 17 lid 3 onder b) staat toe dat zij bewaard blijven. De gegevens worden daarom niet gewist.";

/** Everyone the investigation holds data on. */
export async function listPersons(ctx: Pick<AppContext, "db">, investigationId: string): Promise<PersonRow[]> {
  const [client] = await ctx.db.select({ id: schema.clientIdentities.investigationId }).from(schema.clientIdentities).where(eq(schema.clientIdentities.investigationId, investigationId));
  const invitees = await reactantRows(ctx.db, investigationId);
  const interviews = await ctx.db.select().from(schema.interviews).where(eq(schema.interviews.investigationId, investigationId));
  const committee = await ctx.db.select().from(schema.committeeMembers).where(eq(schema.committeeMembers.investigationId, investigationId));
  const reactants = new Map<string, PersonRow>();
  for (const i of invitees) {
    const key = i.email.toLowerCase();
    if (!reactants.has(key)) reactants.set(key, { kind: "reactant", key, label: i.name, detail: [i.relation, i.email].filter(Boolean).join(", ") });
  }
  // The final report was mailed to them (final_report_sends): held on them too, also once their invitation is gone.
  for (const s of await finalSendRows(ctx.db, investigationId)) {
    const key = s.email.toLowerCase();
    if (!reactants.has(key)) reactants.set(key, { kind: "reactant", key, label: s.name, detail: s.email });
  }
  return [
    ...(client ? [{ kind: "client" as const, key: investigationId, label: "Cliënt", detail: "Identiteit in de afgeschermde tabel (Bijlage 1, 1a)" }] : []),
    ...reactants.values(),
    ...interviews.map((i) => ({ kind: "interviewee" as const, key: i.id, label: [i.personFunction, i.initials].filter(Boolean).join(" "), detail: [i.organisation, i.heldOn].filter(Boolean).join(", ") })),
    ...committee.map((m) => ({ kind: "committee" as const, key: m.id, label: m.name || m.function, detail: [m.function, m.organisation].filter(Boolean).join(", ") })),
  ];
}

async function reactantRows(db: Database | Tx, investigationId: string, email?: string) {
  const rows = await db
    .select({ invitee: schema.roundInvitees, roundTitle: schema.commentRounds.title })
    .from(schema.roundInvitees)
    .innerJoin(schema.commentRounds, eq(schema.commentRounds.id, schema.roundInvitees.roundId))
    .where(and(eq(schema.commentRounds.investigationId, investigationId), email ? sql`lower(${schema.roundInvitees.email}) = ${email.toLowerCase()}` : undefined));
  return rows.map((r) => ({ ...r.invitee, roundTitle: r.roundTitle }));
}

/** The definitive report mailed to reactants (name, address, personal link, the copy sent). */
async function finalSendRows(db: Database | Tx, investigationId: string, email?: string) {
  return db
    .select({
      id: schema.finalReportSends.id,
      name: schema.finalReportSends.name,
      email: schema.finalReportSends.email,
      filename: schema.finalReportSends.filename,
      sentAt: schema.finalReportSends.sentAt,
      downloadedAt: schema.finalReportSends.downloadedAt,
      versionNumber: schema.reportVersions.number,
    })
    .from(schema.finalReportSends)
    .innerJoin(schema.reportVersions, eq(schema.reportVersions.id, schema.finalReportSends.versionId))
    .where(and(eq(schema.finalReportSends.investigationId, investigationId), email ? sql`lower(${schema.finalReportSends.email}) = ${email.toLowerCase()}` : undefined));
}

/** Everything held on one person, as plain JSON (the right of access and to data portability). */
export async function exportPerson(ctx: Ctx, actorId: string, investigationId: string, kind: PersonKind, key: string): Promise<Record<string, unknown>> {
  const data = await personData(ctx, investigationId, kind, key);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "person.exported", actorId, investigationId, details: { kind } });
    if (kind === "client") await audit({ db: tx, clock: ctx.clock }, { at: now, action: "client.viewed", actorId, investigationId, details: { purpose: "gegevens van de cliënt exporteren (AVG)" } });
  });
  return { exportedAt: now.toISOString(), investigationId, kind: PERSON_KIND_LABELS[kind], ...data };
}

async function personData(ctx: Pick<AppContext, "db">, investigationId: string, kind: PersonKind, key: string): Promise<Record<string, unknown>> {
  switch (kind) {
    case "client": {
      const [row] = await ctx.db.select().from(schema.clientIdentities).where(eq(schema.clientIdentities.investigationId, investigationId));
      if (!row || key !== investigationId) throw new UserError("Deze persoon staat niet (meer) in dit onderzoek.", "privacy", { status: 404 });
      return { identity: { name: row.name, dateOfBirth: row.dateOfBirth, sex: row.sex, indication: row.indication, updatedAt: row.updatedAt } };
    }
    case "reactant": {
      const invitees = await reactantRows(ctx.db, investigationId, key);
      const sends = await finalSendRows(ctx.db, investigationId, key);
      if (!invitees.length && !sends.length) throw new UserError("Deze persoon staat niet (meer) in dit onderzoek.", "privacy", { status: 404 });
      const reactions = invitees.length ? await ctx.db.select().from(schema.roundReactions).where(inArray(schema.roundReactions.inviteeId, invitees.map((i) => i.id))) : [];
      return {
        invitations: invitees.map((i) => ({ round: i.roundTitle, name: i.name, email: i.email, relation: i.relation, invitedAt: i.invitedAt, linkRevokedAt: i.linkRevokedAt })),
        reactions: reactions.map((r) => ({ status: r.status, pointer: r.pointerLabel || r.pointer, text: r.text, signerName: r.signerName, signerRole: r.signerRole, signedOn: r.signedOn, submittedAt: r.submittedAt, late: r.late })),
        finalReports: sends.map((f) => ({ version: f.versionNumber, name: f.name, email: f.email, filename: f.filename, sentAt: f.sentAt, downloadedAt: f.downloadedAt })),
      };
    }
    case "interviewee": {
      const [row] = await ctx.db.select().from(schema.interviews).where(and(eq(schema.interviews.investigationId, investigationId), sql`${schema.interviews.id}::text = ${key}`));
      if (!row) throw new UserError("Deze persoon staat niet (meer) in dit onderzoek.", "privacy", { status: 404 });
      return { interview: { function: row.personFunction, initials: row.initials, organisation: row.organisation, relation: row.relation, heldOn: row.heldOn, interviewers: row.interviewers } };
    }
    case "committee": {
      const [row] = await ctx.db.select().from(schema.committeeMembers).where(and(eq(schema.committeeMembers.investigationId, investigationId), sql`${schema.committeeMembers.id}::text = ${key}`));
      if (!row) throw new UserError("Deze persoon staat niet (meer) in dit onderzoek.", "privacy", { status: 404 });
      return { committeeMember: { name: row.name, function: row.function, organisation: row.organisation, background: row.background, involvement: row.involvement, independence: row.independence } };
    }
  }
}

/** Whether any submitted version of the investigation contains this text (its name as stored). */
async function inSubmittedVersion(ctx: Pick<AppContext, "db">, investigationId: string, needles: string[]): Promise<boolean> {
  const wanted = needles.map((n) => n.trim()).filter((n) => n.length > 0);
  const [{ n }] = await ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(schema.reportVersions)
    .where(
      and(
        eq(schema.reportVersions.investigationId, investigationId),
        // Nothing to look for (an unnamed row): any submitted version may still describe them, so refuse.
        wanted.length ? sql`(${sql.join(wanted.map((w) => sql`strpos(${schema.reportVersions.content}::text, ${JSON.stringify(w).slice(1, -1)}) > 0`), sql` or `)})` : undefined,
      ),
    );
  return Number(n) > 0;
}

/**
 * Erases what is held on the person: the client identity row, the reactant's invitations with
 * their reactions (cascade) and the final reports mailed to them, the interview's person details, the committee member. Refused
 * (UserError, with the reason) when the person is in a submitted report version.
 */
export async function erasePerson(ctx: Ctx, actorId: string, investigationId: string, kind: PersonKind, key: string): Promise<void> {
  const data = await personData(ctx, investigationId, kind, key);
  const names: string[] =
    kind === "client"
      ? [(data.identity as { name: string }).name]
      : kind === "reactant"
        ? (data.invitations as { name: string }[])
            .concat(data.finalReports as { name: string }[])
            .map((i) => i.name)
            .concat((data.reactions as { signerName: string | null }[]).flatMap((r) => (r.signerName ? [r.signerName] : [])))
        : kind === "interviewee"
          ? [(data.interview as { initials: string }).initials]
          : [(data.committeeMember as { name: string }).name];
  const now = ctx.clock.now();
  if (await inSubmittedVersion(ctx, investigationId, names)) {
    await audit(ctx, { at: now, action: "person.erase_refused", actorId, investigationId, details: { kind, reason: "in een ingediende rapportversie (AVG art. 17 lid 3 onder b)" } });
    throw new UserError(ERASE_REFUSED, "privacy");
  }
  await ctx.db.transaction(async (tx) => {
    if (kind === "client") await tx.delete(schema.clientIdentities).where(eq(schema.clientIdentities.investigationId, investigationId));
    if (kind === "reactant") {
      const ids = (await reactantRows(tx, investigationId, key)).map((i) => i.id);
      if (ids.length) await tx.delete(schema.roundInvitees).where(inArray(schema.roundInvitees.id, ids));
      // The final report mailed to them: their name, address and personal link (the link stops working).
      const sends = (await finalSendRows(tx, investigationId, key)).map((f) => f.id);
      if (sends.length) await tx.delete(schema.finalReportSends).where(inArray(schema.finalReportSends.id, sends));
    }
    // Function stays (it is no personal data on its own and the verslag refers to it); initials and organisation go.
    if (kind === "interviewee") await tx.update(schema.interviews).set({ initials: "", organisation: "", updatedAt: now }).where(sql`${schema.interviews.id}::text = ${key}`);
    if (kind === "committee") await tx.delete(schema.committeeMembers).where(sql`${schema.committeeMembers.id}::text = ${key}`);
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "person.erased", actorId, investigationId, details: { kind } });
  });
}

// --- Restriction (AVG art. 18) ---------------------------------------------------------------------------

/** Restricted persons of an investigation, as "kind:key" (reactant keys lower case). */
export async function restrictedPersons(db: Database | Tx, investigationId: string): Promise<Set<string>> {
  const rows = await db.select({ kind: schema.personRestrictions.kind, key: schema.personRestrictions.key }).from(schema.personRestrictions).where(eq(schema.personRestrictions.investigationId, investigationId));
  return new Set(rows.map((r) => `${r.kind}:${r.key}`));
}

/** Restricts (or lifts the restriction of) the processing of a person's data; audited. */
export async function setRestriction(ctx: Ctx, actorId: string, investigationId: string, kind: PersonKind, key: string, restricted: boolean): Promise<void> {
  await personData(ctx, investigationId, kind, key); // 404 for a person that is not held
  const normalized = kind === "reactant" ? key.toLowerCase() : key;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const where = and(eq(schema.personRestrictions.investigationId, investigationId), eq(schema.personRestrictions.kind, kind), eq(schema.personRestrictions.key, normalized));
    if (restricted) await tx.insert(schema.personRestrictions).values({ investigationId, kind, key: normalized, restrictedBy: actorId, restrictedAt: now }).onConflictDoNothing();
    else await tx.delete(schema.personRestrictions).where(where);
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: restricted ? "person.restricted" : "person.unrestricted", actorId, investigationId, details: { kind } });
  });
}
