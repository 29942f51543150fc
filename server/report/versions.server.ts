// Submitted report versions (immutable rows: .docx bytes, the report model as JSON, SHA-256 of the
// bytes), the toezichthouder's assessments and requests for additions (issue 6, ADR 0006).
// Callers check the policy (report.submit, report.versions.view/download, assessment.record,
// report.requests.create/handle); every change and every download is audited here.
import { and, asc, count, desc, eq, inArray, isNotNull, max, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { schema, type Database } from "../../db/client.ts";
import { formatDutchDate, todayInAmsterdam } from "../../app/domain/calendar-date.ts";
import { VERSION_STATUS_LABELS, type VersionStatus } from "../../app/domain/report/version-labels.ts";
import type { AppContext } from "../context.ts";
import { renderMail } from "../mail/templates.ts";
import { transactionalMailer, type Tx } from "../rounds/support.ts";
import type { AssessmentInput, RequestInput, SubmitVersionInput } from "./forms.server.ts";
import { copyAttachmentsToVersion } from "./attachments.server.ts";
import { generateReport } from "./generate.server.ts";
import { reportFilename } from "./download.server.ts";
import { isUniqueViolation, sha256Hex } from "./support.server.ts";
import { applyFinalVersion } from "./final.server.ts";
import { UserError } from "../../app/domain/errors.ts";
import { audit } from "../audit.ts";
import { isUuid } from "../../app/domain/uuid.ts";

type Ctx = Pick<AppContext, "db" | "clock" | "config">;

/** How often a submit computes the next number again after another submit took it. */
const NUMBER_ATTEMPTS = 5;

async function nextNumber(ctx: Pick<AppContext, "db">, investigationId: string): Promise<number> {
  const [{ last }] = await ctx.db
    .select({ last: max(schema.reportVersions.number) })
    .from(schema.reportVersions)
    .where(eq(schema.reportVersions.investigationId, investigationId));
  return (last ?? 0) + 1;
}

async function membersWithRole(db: Database | Tx, investigationId: string, role: string) {
  return db
    .select({ userId: schema.users.id, name: schema.users.name, email: schema.users.email })
    .from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .where(and(eq(schema.memberships.investigationId, investigationId), eq(schema.memberships.role, role)))
    .orderBy(asc(schema.users.name));
}

async function titleOf(ctx: Pick<AppContext, "db">, investigationId: string): Promise<string> {
  const [row] = await ctx.db.select({ title: schema.investigations.title }).from(schema.investigations).where(eq(schema.investigations.id, investigationId));
  if (!row) throw new UserError("Dit onderzoek bestaat niet (meer).", "report", { status: 404 });
  return row.title;
}

export const versionsUrl = (baseUrl: string, investigationId: string) => `${baseUrl}/onderzoeken/${investigationId}/rapport/versies`;

// --- Submitting -------------------------------------------------------------------------------------

/**
 * Generates the toezichthouder's version of the current state and stores it as the next numbered
 * version; mails the toezichthouders of the investigation (in the same transaction). The number is
 * part of the document ("Versie 3"), so it is chosen first; when a concurrent submit took it (the
 * unique index refuses the second row), the version is generated again with the next number.
 */
export async function submitVersion(
  ctx: AppContext,
  actor: { id: string; name: string },
  investigationId: string,
  input: Pick<SubmitVersionInput, "status" | "note"> & { answersRequestId?: number | null },
  baseUrl: string,
  opts: { onProgress?: (step: string, fraction: number) => void; generate?: typeof generateReport } = {},
): Promise<{ id: string; number: number; sha256: string }> {
  const generate = opts.generate ?? generateReport;
  const title = await titleOf(ctx, investigationId);
  const answers = input.answersRequestId ? await requestOf(ctx, investigationId, input.answersRequestId) : null;
  if (input.answersRequestId && !answers) throw new UserError("Kies een verzoek om aanvulling van dit onderzoek.", "report", { field: "answersRequestId", status: 400 });
  for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
    const number = await nextNumber(ctx, investigationId);
    const today = todayInAmsterdam(ctx.clock.now());
    const { model, bytes, filename } = await generate(ctx, investigationId, {
      audience: "toezichthouder",
      versionLabel: `Versie ${number}`,
      status: input.status,
      today,
      onProgress: opts.onProgress,
      actorId: actor.id,
      purpose: "rapport indienen bij de toezichthouder",
    });
    const hash = sha256Hex(bytes);
    // The same state for the ketenpartners (ADR 0012): stored beside it, so they read what was sent.
    // One file for every member, so without the signed reactions: not every reader may open every round.
    const partners = await generate(ctx, investigationId, { audience: "ketenpartners", versionLabel: `Versie ${number}`, status: input.status, today, withoutReactions: true });
    const now = ctx.clock.now();
    try {
      return await ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(schema.reportVersions)
          .values({
            investigationId,
            number,
            status: input.status,
            checklistId: model.checklistId,
            filename,
            docx: bytes,
            content: model,
            sha256: hash,
            note: input.note,
            answersRequestId: answers?.id ?? null,
            partnersDocx: partners.bytes,
            partnersSha256: sha256Hex(partners.bytes),
            submittedBy: actor.id,
            submittedAt: now,
          })
          .returning({ id: schema.reportVersions.id, number: schema.reportVersions.number });
        // The 4e attachments travel with the version, as its own copy.
        await copyAttachmentsToVersion(tx, investigationId, row.id);
        await audit({ db: tx, clock: ctx.clock }, {
          at: now,
          action: "report.submitted",
          actorId: actor.id,
          investigationId,
          details: { versionId: row.id, number, status: input.status, sha256: hash, bytes: bytes.byteLength, answersRequestId: answers?.id ?? null },
        });
        // Definitief: the report's deadlines are met and the phase moves on (issue 15).
        if (input.status === "definitief") await applyFinalVersion(tx, now, actor.id, investigationId, row.id);
        const mailer = transactionalMailer(ctx, tx);
        for (const t of await membersWithRole(tx, investigationId, "toezichthouder")) {
          await mailer.send({
            to: t.email,
            ...renderMail("report-submitted", {
              name: t.name,
              submitter: actor.name,
              number: String(number),
              title,
              status: VERSION_STATUS_LABELS[input.status].toLowerCase(),
              note: input.note ? `\nToelichting: ${input.note}\n` : "",
              link: versionsUrl(baseUrl, investigationId),
              hash,
            }),
          });
        }
        return { id: row.id, number: row.number, sha256: hash };
      });
    } catch (err) {
      if (isUniqueViolation(err)) continue;
      throw err;
    }
  }
  throw new UserError("Er werd tegelijk een andere versie ingediend. Probeer het opnieuw.", "report");
}

// --- Reading ------------------------------------------------------------------------------------------

export interface VersionSummary {
  id: string;
  number: number;
  status: VersionStatus;
  filename: string;
  sha256: string;
  note: string;
  size: number;
  submittedAt: Date;
  submittedBy: string;
  /** The request for additions this version answers. */
  answersRequestId: number | null;
  /** Whether the ketenpartners' variant was stored with it, and its SHA-256. */
  hasPartnersVariant: boolean;
  partnersSha256: string | null;
}

/** The versions of an investigation, newest first, without their bytes. */
export async function listVersions(ctx: Pick<AppContext, "db">, investigationId: string): Promise<VersionSummary[]> {
  const rows = await ctx.db
    .select({
      id: schema.reportVersions.id,
      number: schema.reportVersions.number,
      status: schema.reportVersions.status,
      filename: schema.reportVersions.filename,
      sha256: schema.reportVersions.sha256,
      note: schema.reportVersions.note,
      size: sql<number>`octet_length(${schema.reportVersions.docx})`,
      submittedAt: schema.reportVersions.submittedAt,
      submittedBy: schema.users.name,
      answersRequestId: schema.reportVersions.answersRequestId,
      hasPartnersVariant: sql<boolean>`${schema.reportVersions.partnersDocx} is not null`,
      partnersSha256: schema.reportVersions.partnersSha256,
    })
    .from(schema.reportVersions)
    .innerJoin(schema.users, eq(schema.users.id, schema.reportVersions.submittedBy))
    .where(eq(schema.reportVersions.investigationId, investigationId))
    .orderBy(desc(schema.reportVersions.number));
  return rows.map((r) => ({ ...r, status: r.status as VersionStatus, size: Number(r.size), hasPartnersVariant: r.hasPartnersVariant === true || String(r.hasPartnersVariant) === "true" }));
}

/** The stored report models of two versions of one investigation (for the comparison), or null for either that does not exist. */
export async function versionContents(ctx: Pick<AppContext, "db">, investigationId: string, ids: readonly string[]) {
  const valid = ids.filter((id) => isUuid(id));
  if (!valid.length) return new Map<string, { id: string; number: number; status: VersionStatus; submittedAt: Date; content: unknown; answersRequestId: number | null }>();
  const rows = await ctx.db
    .select({
      id: schema.reportVersions.id,
      number: schema.reportVersions.number,
      status: schema.reportVersions.status,
      submittedAt: schema.reportVersions.submittedAt,
      content: schema.reportVersions.content,
      answersRequestId: schema.reportVersions.answersRequestId,
    })
    .from(schema.reportVersions)
    .where(and(eq(schema.reportVersions.investigationId, investigationId), inArray(schema.reportVersions.id, valid)));
  return new Map(rows.map((r) => [r.id, { ...r, status: r.status as VersionStatus }]));
}

/** The ketenpartners' variant of a submitted version (no client identity): read-only for the members. Audited. */
export async function downloadPartnersVersion(ctx: Pick<AppContext, "db" | "clock">, actorId: string, investigationId: string, versionId: string) {
  if (!isUuid(versionId)) return null;
  const [row] = await ctx.db
    .select({ id: schema.reportVersions.id, number: schema.reportVersions.number, docx: schema.reportVersions.partnersDocx, sha256: schema.reportVersions.partnersSha256 })
    .from(schema.reportVersions)
    .where(and(eq(schema.reportVersions.id, versionId), eq(schema.reportVersions.investigationId, investigationId)));
  if (!row?.docx) return null;
  const title = await titleOf(ctx, investigationId);
  await audit(ctx, { action: "report.version_downloaded", actorId, investigationId, details: { versionId: row.id, number: row.number, variant: "ketenpartners" } });
  return { filename: reportFilename(title, `Versie ${row.number}`, "ketenpartners"), bytes: new Uint8Array(row.docx), sha256: row.sha256 ?? undefined };
}

/** The stored file of one version, exactly as submitted; the download is audited (it holds client identity). */
export async function downloadVersion(ctx: Pick<AppContext, "db" | "clock">, actorId: string, investigationId: string, versionId: string) {
  if (!isUuid(versionId)) return null;
  const [row] = await ctx.db
    .select({ id: schema.reportVersions.id, number: schema.reportVersions.number, filename: schema.reportVersions.filename, docx: schema.reportVersions.docx, sha256: schema.reportVersions.sha256 })
    .from(schema.reportVersions)
    .where(and(eq(schema.reportVersions.id, versionId), eq(schema.reportVersions.investigationId, investigationId)));
  if (!row) return null;
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "report.version_downloaded", actorId, investigationId, details: { versionId: row.id, number: row.number } });
    // Every submitted version is the toezichthouder's, with Bijlage 1 item 1a: its download reads client identity (issue 16).
    await audit({ db: tx, clock: ctx.clock }, {
      at: now,
      action: "client.viewed",
      actorId,
      investigationId,
      details: { purpose: `ingediende rapportversie ${row.number} downloaden`, versionId: row.id },
    });
  });
  return { filename: row.filename, bytes: new Uint8Array(row.docx), sha256: row.sha256 };
}

// --- Assessments --------------------------------------------------------------------------------------

export type AssessmentRow = typeof schema.reportAssessments.$inferSelect & { assessor: string };

export async function listAssessments(ctx: Pick<AppContext, "db">, investigationId: string): Promise<AssessmentRow[]> {
  const rows = await ctx.db
    .select({ a: schema.reportAssessments, assessor: schema.users.name })
    .from(schema.reportAssessments)
    .innerJoin(schema.users, eq(schema.users.id, schema.reportAssessments.assessedBy))
    .where(eq(schema.reportAssessments.investigationId, investigationId))
    .orderBy(desc(schema.reportAssessments.assessedAt), desc(schema.reportAssessments.id));
  return rows.map(({ a, assessor }) => ({ ...a, assessor }));
}

async function versionOf(ctx: Pick<AppContext, "db">, investigationId: string, versionId: string) {
  if (!isUuid(versionId)) return null;
  const [row] = await ctx.db
    .select({ id: schema.reportVersions.id, number: schema.reportVersions.number })
    .from(schema.reportVersions)
    .where(and(eq(schema.reportVersions.id, versionId), eq(schema.reportVersions.investigationId, investigationId)));
  return row ?? null;
}

async function requestOf(ctx: Pick<AppContext, "db">, investigationId: string, requestId: number) {
  const [row] = await ctx.db
    .select({ id: schema.reportRequests.id })
    .from(schema.reportRequests)
    .where(and(eq(schema.reportRequests.id, requestId), eq(schema.reportRequests.investigationId, investigationId)));
  return row ?? null;
}

/** Records an assessment of one version. A later assessment adds a row: the history is kept. */
export async function recordAssessment(ctx: Ctx, actorId: string, investigationId: string, input: AssessmentInput): Promise<string> {
  const version = await versionOf(ctx, investigationId, input.versionId);
  if (!version) throw new UserError("Kies een ingediende versie van dit onderzoek.", "report", { field: "versionId", status: 400 });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.reportAssessments)
      .values({ ...input, investigationId, assessedBy: actorId, assessedAt: now })
      .returning({ id: schema.reportAssessments.id });
    await audit({ db: tx, clock: ctx.clock }, {
      at: now,
      action: "report.assessed",
      actorId,
      investigationId,
      details: {
        versionId: version.id,
        number: version.number,
        onderzoeksopzet: input.onderzoeksopzet,
        navolgbaarheid: input.navolgbaarheid,
        verbetermaatregelen: input.verbetermaatregelen,
      },
    });
    return row.id;
  });
}

/** The procesbegeleider shares an assessment with the ketenpartners (issue 15): from then on they read it. Logged. */
export async function shareAssessment(ctx: Ctx, actorId: string, investigationId: string, assessmentId: string): Promise<void> {
  if (!isUuid(assessmentId)) throw new UserError("Deze beoordeling bestaat niet (meer).", "report", { status: 404 });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: schema.reportAssessments.id, sharedAt: schema.reportAssessments.sharedAt, versionId: schema.reportAssessments.versionId })
      .from(schema.reportAssessments)
      .where(and(eq(schema.reportAssessments.id, assessmentId), eq(schema.reportAssessments.investigationId, investigationId)));
    if (!row) throw new UserError("Deze beoordeling bestaat niet (meer).", "report", { status: 404 });
    if (row.sharedAt) throw new UserError("Deze beoordeling is al gedeeld met de ketenpartners.", "report", { status: 409 });
    await tx.update(schema.reportAssessments).set({ sharedAt: now, sharedBy: actorId }).where(eq(schema.reportAssessments.id, row.id));
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "report.assessment_shared", actorId, investigationId, details: { assessmentId: row.id, versionId: row.versionId } });
  });
}

// --- Requests for additions -----------------------------------------------------------------------

export interface RequestRow {
  id: number;
  text: string;
  versionNumber: number | null;
  requestedBy: string;
  requestedAt: Date;
  handled: boolean;
  handledNote: string | null;
  handledBy: string | null;
  handledAt: Date | null;
}

/** Open requests first (oldest first), then the handled ones (newest first). */
export async function listRequests(ctx: Pick<AppContext, "db">, investigationId: string): Promise<RequestRow[]> {
  const requester = alias(schema.users, "requester");
  const handler = alias(schema.users, "handler");
  const rows = await ctx.db
    .select({
      id: schema.reportRequests.id,
      text: schema.reportRequests.text,
      versionNumber: schema.reportVersions.number,
      requestedBy: requester.name,
      requestedAt: schema.reportRequests.requestedAt,
      handled: schema.reportRequests.handled,
      handledNote: schema.reportRequests.handledNote,
      handledBy: handler.name,
      handledAt: schema.reportRequests.handledAt,
    })
    .from(schema.reportRequests)
    .innerJoin(requester, eq(requester.id, schema.reportRequests.requestedBy))
    .leftJoin(handler, eq(handler.id, schema.reportRequests.handledBy))
    .leftJoin(schema.reportVersions, eq(schema.reportVersions.id, schema.reportRequests.versionId))
    .where(eq(schema.reportRequests.investigationId, investigationId))
    .orderBy(asc(schema.reportRequests.requestedAt), asc(schema.reportRequests.id));
  const open = rows.filter((r) => !r.handled);
  const handled = rows.filter((r) => r.handled).reverse();
  return [...open, ...handled];
}

/** A toezichthouder asks for additions (optionally about one version); the procesbegeleiders get a mail. */
export async function createRequest(
  ctx: Ctx,
  actor: { id: string; name: string },
  investigationId: string,
  input: RequestInput,
  baseUrl: string,
): Promise<number> {
  const version = input.versionId ? await versionOf(ctx, investigationId, input.versionId) : null;
  if (input.versionId && !version) throw new UserError("Kies een ingediende versie van dit onderzoek.", "report", { field: "versionId", status: 400 });
  const title = await titleOf(ctx, investigationId);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.reportRequests)
      .values({ investigationId, versionId: version?.id ?? null, text: input.text, requestedBy: actor.id, requestedAt: now })
      .returning({ id: schema.reportRequests.id });
    await audit({ db: tx, clock: ctx.clock }, {
      at: now,
      action: "report.request_created",
      actorId: actor.id,
      investigationId,
      details: { requestId: row.id, versionId: version?.id ?? null, number: version?.number ?? null },
    });
    const mailer = transactionalMailer(ctx, tx);
    for (const lead of await membersWithRole(tx, investigationId, "procesbegeleider")) {
      await mailer.send({
        to: lead.email,
        ...renderMail("report-request", {
          name: lead.name,
          requester: actor.name,
          title,
          version: version ? ` (versie ${version.number})` : "",
          request: input.text,
          link: `${versionsUrl(baseUrl, investigationId)}#verzoeken`,
        }),
      });
    }
    return row.id;
  });
}

/** The procesbegeleider marks an open request handled, with a note on what was done. */
export async function handleRequest(ctx: Ctx, actorId: string, investigationId: string, requestId: number, note: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(schema.reportRequests)
      .set({ handled: true, handledNote: note, handledBy: actorId, handledAt: now })
      .where(and(eq(schema.reportRequests.id, requestId), eq(schema.reportRequests.investigationId, investigationId), eq(schema.reportRequests.handled, false)))
      .returning({ id: schema.reportRequests.id });
    if (!rows.length) throw new UserError("Dit verzoek is al afgehandeld of bestaat niet (meer).", "report", { field: "note", status: 409 });
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "report.request_handled", actorId, investigationId, details: { requestId } });
  });
}

// --- Summaries (dashboard, investigation layout) ------------------------------------------------------

export interface ReportStatus {
  latest: { id: string; number: number; status: VersionStatus; submittedOn: string; assessed: boolean } | null;
  openRequests: number;
}

/** Per investigation: the latest submitted version (and whether it has an assessment) and the open requests. */
export async function reportStatusFor(ctx: Pick<AppContext, "db">, investigationIds: string[]): Promise<Map<string, ReportStatus>> {
  const out = new Map<string, ReportStatus>(investigationIds.map((id) => [id, { latest: null, openRequests: 0 }]));
  if (investigationIds.length === 0) return out;
  const versions = await ctx.db
    .select({
      id: schema.reportVersions.id,
      investigationId: schema.reportVersions.investigationId,
      number: schema.reportVersions.number,
      status: schema.reportVersions.status,
      submittedAt: schema.reportVersions.submittedAt,
    })
    .from(schema.reportVersions)
    .where(inArray(schema.reportVersions.investigationId, investigationIds))
    .orderBy(desc(schema.reportVersions.number));
  const latest = new Map<string, (typeof versions)[number]>();
  for (const v of versions) if (!latest.has(v.investigationId)) latest.set(v.investigationId, v);
  const latestIds = [...latest.values()].map((v) => v.id);
  const assessed = new Set(
    latestIds.length
      ? (
          await ctx.db
            .selectDistinct({ versionId: schema.reportAssessments.versionId })
            .from(schema.reportAssessments)
            .where(and(inArray(schema.reportAssessments.versionId, latestIds), isNotNull(schema.reportAssessments.versionId)))
        ).map((r) => r.versionId)
      : [],
  );
  const open = await ctx.db
    .select({ investigationId: schema.reportRequests.investigationId, n: count() })
    .from(schema.reportRequests)
    .where(and(inArray(schema.reportRequests.investigationId, investigationIds), eq(schema.reportRequests.handled, false)))
    .groupBy(schema.reportRequests.investigationId);
  for (const [id, v] of latest)
    out.get(id)!.latest = { id: v.id, number: v.number, status: v.status as VersionStatus, submittedOn: formatDutchDate(todayInAmsterdam(v.submittedAt)), assessed: assessed.has(v.id) };
  for (const r of open) out.get(r.investigationId)!.openRequests = Number(r.n);
  return out;
}
