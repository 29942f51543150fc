// Rapportversies (issue 6): the versions submitted to the toezichthouder (immutable: the .docx,
// its SHA-256, who and when), their assessments and the requests for additions. The
// procesbegeleider submits a version; the toezichthouder downloads it, records an assessment and
// can ask for additions; the procesbegeleider marks those handled.
import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/investigation-report-versions";
import { listInvestigationVersionAttachments } from "../../server/report/attachments.server.ts";
import { ExportPanel } from "~/components/report/ExportPanel.tsx";
import reportCss from "~/components/report/report.css?url";
import { AssessmentForm } from "~/components/report/versions/AssessmentForm.tsx";
import { ASPECT_LABELS, ASSESSMENT_ASPECTS, shortSha, VERDICT_LABELS, VERSION_STATUS_LABELS, type Verdict } from "~/domain/report/version-labels.ts";
import versionsCss from "~/components/report/versions/versions.css?url";
import { fieldErrors } from "~/domain/forms.ts";
import { can, canExport } from "~/domain/policy.ts";
import type { ReportAudience } from "~/domain/report/model.ts";
import { formatInstant } from "~/domain/rounds/state.ts";
import { formValues, requireInvestigation } from "~/lib/guards.server.ts";
import { assessmentFieldErrors, assessmentSchema, handleRequestSchema, requestSchema, shareAssessmentSchema, submitVersionSchema } from "../../server/report/forms.server.ts";
import { currentCompleteness } from "../../server/report/generate.server.ts";
import {
  createRequest,
  handleRequest,
  listAssessments,
  listRequests,
  listVersions,
  recordAssessment,
  shareAssessment,
  submitVersion,
} from "../../server/report/versions.server.ts";
import { finalRecipients, openRoundWarnings, sendFinalToReactants } from "../../server/report/final.server.ts";
import { ConfirmFinal, SendFinal } from "~/components/report/versions/FinalSteps.tsx";
import { formErrors, UserError } from "~/domain/errors.ts";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: reportCss },
  { rel: "stylesheet", href: versionsCss },
];

export const meta: Route.MetaFunction = ({ matches }) => {
  const parent = matches.find((m) => m?.id === "routes/investigation")?.data as { investigation?: { title: string } } | undefined;
  return [{ title: parent?.investigation ? `Rapportversies – ${parent.investigation.title} – Ketenlijn` : "Rapportversies – Ketenlijn" }];
};

/** After a successful post the page is loaded again (no resubmission on reload) with one of these. */
const NOTICES: Record<string, string> = {
  beoordeeld: "Uw beoordeling is vastgelegd.",
  verzocht: "Uw verzoek om aanvulling is verstuurd naar de procesbegeleider.",
  afgehandeld: "Het verzoek is gemarkeerd als afgehandeld.",
  gedeeld: "De beoordeling is gedeeld met de ketenpartners.",
  "naar-indieners": "Het definitieve rapport is gemaild aan de indieners van reacties.",
};

function kilobytes(n: number): string {
  return `${Math.max(1, Math.round(n / 1024)).toLocaleString("nl-NL")} kB`;
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { membership, investigationId } = await requireInvestigation(context, request, params.id, "report.versions.view");
  const ctx = context.app;
  const seesAll = can(membership, "report.assessments.view_all");
  const [versions, allAssessments, requests] = await Promise.all([
    listVersions(ctx, investigationId),
    listAssessments(ctx, investigationId),
    can(membership, "report.requests.view") ? listRequests(ctx, investigationId) : Promise.resolve([]),
  ]);
  // Ketenpartners read only the assessments the procesbegeleider shared with them.
  const assessments = seesAll ? allAssessments : allAssessments.filter((a) => a.sharedAt !== null);
  // Who submits sees how complete the report is before choosing "definitief".
  const completeness = can(membership, "report.submit") ? await currentCompleteness(ctx, investigationId) : null;
  const url = new URL(request.url);
  const submitted = Number(url.searchParams.get("ingediend"));
  const notice = Number.isInteger(submitted) && submitted > 0 ? `Versie ${submitted} is ingediend bij de toezichthouder.` : (NOTICES[url.searchParams.get("melding") ?? ""] ?? null);
  const numberOf = new Map(versions.map((v) => [v.id, v.number]));
  const requestById = new Map(requests.map((r) => [r.id, r]));
  // The latest definitief version can go to the reactants who reacted (002 stap 6).
  const lastFinal = can(membership, "report.submit") ? versions.find((v) => v.status === "definitief") : undefined;
  const final = lastFinal
    ? {
        versionId: lastFinal.id,
        number: lastFinal.number,
        recipients: (await finalRecipients(ctx, investigationId, lastFinal.id)).map((r) => ({ name: r.name, sentAt: r.sentAt ? formatInstant(r.sentAt) : null })),
      }
    : null;
  // The 4e attachments each version went out with (its own copies), for who may download versions.
  const copies = can(membership, "report.versions.download") ? await listInvestigationVersionAttachments(ctx, investigationId) : [];
  return {
    investigationId,
    notice,
    final,
    completeness: completeness ? { gereed: completeness.counts.gereed, total: completeness.total } : null,
    may: {
      submit: can(membership, "report.submit"),
      download: can(membership, "report.versions.download"),
      assess: can(membership, "assessment.record"),
      request: can(membership, "report.requests.create"),
      handle: can(membership, "report.requests.handle"),
      compare: can(membership, "report.versions.compare"),
      share: can(membership, "assessment.share"),
      downloadPartners: can(membership, "report.versions.download_partners"),
      seesAllAssessments: seesAll,
      viewRequests: can(membership, "report.requests.view"),
      exportAudiences: (["ketenpartners", "toezichthouder"] as ReportAudience[]).filter((a) => canExport(membership, a)),
    },
    versions: versions.map((v) => {
      const own = assessments.filter((a) => a.versionId === v.id);
      return {
        id: v.id,
        number: v.number,
        status: v.status,
        statusLabel: VERSION_STATUS_LABELS[v.status] ?? v.status,
        submittedAt: formatInstant(v.submittedAt),
        submittedBy: v.submittedBy,
        // Who reads only the ketenpartners' copy checks that file's hash.
        sha256: can(membership, "report.versions.download") ? v.sha256 : (v.partnersSha256 ?? v.sha256),
        note: v.note,
        size: kilobytes(v.size),
        attachments: copies.filter((c) => c.versionId === v.id).map((c) => ({ id: c.id, filename: c.filename })),
        assessmentCount: own.length,
        hasPartnersVariant: v.hasPartnersVariant,
        answers: v.answersRequestId && requestById.has(v.answersRequestId) ? { id: v.answersRequestId, requestedAt: formatInstant(requestById.get(v.answersRequestId)!.requestedAt) } : null,
        latestVerdicts: own[0] ? ASSESSMENT_ASPECTS.map((a) => ({ aspect: ASPECT_LABELS[a].label, verdict: own[0][a] as Verdict })) : null,
      };
    }),
    assessments: assessments.map((a) => ({
      id: a.id,
      versionNumber: numberOf.get(a.versionId) ?? null,
      assessor: a.assessor,
      at: formatInstant(a.assessedAt),
      aspects: ASSESSMENT_ASPECTS.map((aspect) => ({
        aspect,
        label: ASPECT_LABELS[aspect].label,
        verdict: a[aspect] as Verdict,
        remark: a[`${aspect}Remark`],
      })),
      verslag: a.verslag,
      sharedAt: a.sharedAt ? formatInstant(a.sharedAt) : null,
    })),
    requests: requests.map((r) => ({
      id: r.id,
      text: r.text,
      versionNumber: r.versionNumber,
      requestedBy: r.requestedBy,
      requestedAt: formatInstant(r.requestedAt),
      handled: r.handled,
      handledNote: r.handledNote,
      handledBy: r.handledBy,
      handledAt: r.handledAt ? formatInstant(r.handledAt) : null,
      answeredBy: versions.filter((v) => v.answersRequestId === r.id).map((v) => ({ id: v.id, number: v.number })),
    })),
  };
}

type ActionResult = { intent: string; target: string | null; errors: Record<string, string>; values: Record<string, string>; warnings?: string[] };

export async function action({ context, request, params }: Route.ActionArgs) {
  const values = await formValues(request);
  const intent = values.intent ?? "";
  const fail = (errors: Record<string, string>, status = 400, target: string | null = null) =>
    data<ActionResult>({ intent, target, errors, values }, { status });
  const base = `/onderzoeken/${params.id}/rapport/versies`;
  try {
    switch (intent) {
      case "submit": {
        const { user, investigationId } = await requireInvestigation(context, request, params.id, "report.submit");
        const parsed = submitVersionSchema.safeParse(values);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        if (parsed.data.status === "definitief" && !parsed.data.confirmIncomplete) {
          const completeness = await currentCompleteness(context.app, investigationId);
          if (!completeness.complete) {
            const open = completeness.total - completeness.counts.gereed;
            return fail({
              confirmIncomplete: `Het rapport is nog niet volledig: ${open} van de ${completeness.total} onderdelen ${open === 1 ? "is" : "zijn"} niet gereed. Vink aan dat u het toch als definitieve versie wilt indienen, of dien het in als concept.`,
            });
          }
        }
        if (parsed.data.status === "definitief" && values.confirmed !== "1") {
          // The confirm step (issue 15): what definitief means, and the rounds that are not done yet.
          return data<ActionResult>({ intent: "submit-confirm", target: null, errors: {}, values, warnings: await openRoundWarnings(context.app, investigationId) });
        }
        const version = await submitVersion(context.app, user, investigationId, parsed.data, context.baseUrl);
        throw redirect(`${base}?ingediend=${version.number}`);
      }
      case "submit-edit": {
        await requireInvestigation(context, request, params.id, "report.submit");
        return data<ActionResult>({ intent: "submit", target: null, errors: {}, values });
      }
      case "send-final": {
        const { user, investigationId } = await requireInvestigation(context, request, params.id, "report.submit");
        const { versionId } = z.object({ versionId: z.uuid() }).parse(values);
        await sendFinalToReactants(context.app, user, investigationId, versionId, context.baseUrl);
        throw redirect(`${base}?melding=naar-indieners#h-naar-indieners`);
      }
      case "assess": {
        const { user, investigationId } = await requireInvestigation(context, request, params.id, "assessment.record");
        const parsed = assessmentSchema.safeParse(values);
        if (!parsed.success) return fail(assessmentFieldErrors(values, fieldErrors(parsed.error)));
        await recordAssessment(context.app, user.id, investigationId, parsed.data);
        throw redirect(`${base}?melding=beoordeeld#beoordelingen`);
      }
      case "request": {
        const { user, investigationId } = await requireInvestigation(context, request, params.id, "report.requests.create");
        const parsed = requestSchema.safeParse(values);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        await createRequest(context.app, user, investigationId, parsed.data, context.baseUrl);
        throw redirect(`${base}?melding=verzocht#verzoeken`);
      }
      case "handle": {
        const { user, investigationId } = await requireInvestigation(context, request, params.id, "report.requests.handle");
        const parsed = handleRequestSchema.safeParse(values);
        if (!parsed.success) return fail(fieldErrors(parsed.error), 400, values.requestId ?? null);
        await handleRequest(context.app, user.id, investigationId, parsed.data.requestId, parsed.data.note);
        throw redirect(`${base}?melding=afgehandeld#verzoeken`);
      }
      case "share": {
        const { user, investigationId } = await requireInvestigation(context, request, params.id, "assessment.share");
        const parsed = shareAssessmentSchema.safeParse(values);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        await shareAssessment(context.app, user.id, investigationId, parsed.data.assessmentId);
        throw redirect(`${base}?melding=gedeeld#beoordelingen`);
      }
      default:
        await requireInvestigation(context, request, params.id, "report.versions.view");
        return fail({ _form: "Onbekende handeling." });
    }
  } catch (err) {
    if (err instanceof UserError) return fail(formErrors(err), err.status, values.requestId ?? null);
    if (err instanceof z.ZodError) return fail({ _form: "Ongeldige invoer." });
    throw err;
  }
}

function Verdicts({ items }: { items: { aspect: string; verdict: Verdict }[] }) {
  return (
    <ul className="rv-list">
      {items.map((i) => (
        <li key={i.aspect}>
          {i.aspect}: <span className={`rv-verdict rv-verdict--${i.verdict}`}>{VERDICT_LABELS[i.verdict] ?? i.verdict}</span>
        </li>
      ))}
    </ul>
  );
}

function AnsweredBy({ versions }: { versions: { id: string; number: number }[] }) {
  if (!versions.length) return null;
  return (
    <p className="rv-answers" data-answered-by={versions.map((v) => v.number).join(",")}>
      <strong>Beantwoord met </strong>
      {versions.map((v, i) => (
        <span key={v.id}>
          {i > 0 ? ", " : null}
          {`versie ${v.number}`}
        </span>
      ))}
    </p>
  );
}

function Err({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="field__error" id={id}>
      {message}
    </p>
  ) : null;
}

export default function ReportVersions() {
  const { investigationId, notice, completeness, may, versions, assessments, requests, final } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "submit";
  const errorsFor = (intent: string, target: string | null = null): Record<string, string> =>
    actionData?.intent === intent && (target === null || actionData.target === target) ? actionData.errors : {};
  const valuesFor = (intent: string, target: string | null = null): Record<string, string> =>
    actionData?.intent === intent && (target === null || actionData.target === target) ? actionData.values : {};
  const base = `/onderzoeken/${investigationId}/rapport/versies`;
  const open = requests.filter((r) => !r.handled);
  const submitErrors = errorsFor("submit");
  const submitValues = valuesFor("submit");
  const requestErrors = errorsFor("request");
  const requestValues = valuesFor("request");
  const otherError = actionData && !["submit", "assess", "request", "handle", "send-final"].includes(actionData.intent) ? Object.values(actionData.errors)[0] : undefined;
  const confirmFinal = actionData?.intent === "submit-confirm" ? actionData : null;

  return (
    <>
      <h2>Rapportversies</h2>
      {notice ? (
        <div className="alert alert--ok" role="status">
          {notice}
        </div>
      ) : null}
      {otherError ? (
        <div className="alert alert--error" role="alert">
          {otherError}
        </div>
      ) : null}
      {may.handle && open.length > 0 ? (
        <div className="alert alert--warn">
          {open.length === 1 ? "Er staat een open verzoek van de toezichthouder om aanvulling." : `Er staan ${open.length} open verzoeken van de toezichthouder om aanvulling.`}{" "}
          <a href="#verzoeken">Naar de verzoeken</a>
        </div>
      ) : null}
      <p className="muted">
        Een ingediende versie ligt vast: het bestand, de inhoud en het controlegetal (SHA-256) veranderen niet meer en de versie kan niet worden verwijderd.
      </p>

      <section aria-labelledby="h-ingediend">
        <h3 id="h-ingediend">Ingediende versies</h3>
        {versions.length === 0 ? (
          <div className="empty">Er is nog geen versie ingediend bij de toezichthouder.</div>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Versies van het rapport die bij de toezichthouder zijn ingediend</caption>
              <thead>
                <tr>
                  <th scope="col">Versie</th>
                  <th scope="col">Status</th>
                  <th scope="col">Ingediend</th>
                  <th scope="col">Controlegetal (SHA-256)</th>
                  <th scope="col">Beoordeling</th>
                  {may.download || may.downloadPartners ? <th scope="col">Bestand</th> : null}
                </tr>
              </thead>
              <tbody>
                {versions.map((v, i) => (
                  <tr key={v.id} data-version={v.number}>
                    <td>
                      {`Versie ${v.number}`}
                      {v.note ? <div className="muted">{v.note}</div> : null}
                      {v.answers ? (
                        <div className="rv-answers">
                          <a href={`#verzoek-${v.answers.id}`}>{`Antwoord op het verzoek om aanvulling van ${v.answers.requestedAt}`}</a>
                        </div>
                      ) : null}
                      {may.compare && i < versions.length - 1 ? (
                        <div>
                          <Link to={`${base}/vergelijk?van=${versions[i + 1].id}&naar=${v.id}`}>{`Vergelijken met versie ${versions[i + 1].number}`}</Link>
                        </div>
                      ) : null}
                    </td>
                    <td>{v.statusLabel}</td>
                    <td>
                      {v.submittedAt}
                      <div className="muted">door {v.submittedBy}</div>
                    </td>
                    <td>
                      <code className="rv-hash" data-sha256={v.sha256}>
                        {shortSha(v.sha256)}
                      </code>
                      <span className="visually-hidden"> (eerste 12 tekens)</span>
                    </td>
                    <td>
                      {v.latestVerdicts ? (
                        <>
                          <Verdicts items={v.latestVerdicts} />
                          {v.assessmentCount > 1 ? <div className="muted">{v.assessmentCount} beoordelingen, de laatste staat hier</div> : null}
                        </>
                      ) : (
                        <span className="muted">Nog niet beoordeeld</span>
                      )}
                    </td>
                    {may.download ? (
                      <td>
                        <a href={`${base}/${v.id}/docx`} download>
                          {`Versie ${v.number} downloaden`}
                        </a>
                        <div className="muted">.docx, {v.size}</div>
                        {may.downloadPartners && v.hasPartnersVariant ? (
                          <a href={`${base}/${v.id}/ketenpartners.docx`} download>
                            {`Versie ${v.number} voor de ketenpartners`}
                          </a>
                        ) : null}
                        {v.attachments.length ? (
                          <ul className="rv-attachments" aria-label={`Bijlagen bij versie ${v.number} (4e)`}>
                            {v.attachments.map((a) => (
                              <li key={a.id}>
                                <a href={`${base}/${v.id}/bijlagen/${a.id}`} download>
                                  {a.filename}
                                </a>
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </td>
                    ) : may.downloadPartners ? (
                      <td>
                        {v.hasPartnersVariant ? (
                          <>
                            <a href={`${base}/${v.id}/ketenpartners.docx`} download>
                              {`Versie ${v.number} downloaden`}
                            </a>
                            <div className="muted">.docx, versie voor de ketenpartners (zonder cliëntgegevens)</div>
                          </>
                        ) : (
                          <span className="muted">Van deze versie is geen versie voor de ketenpartners bewaard.</span>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {may.compare && versions.length >= 2 ? (
          <Form method="get" action={`${base}/vergelijk`} className="panel rv-compare" aria-labelledby="h-vergelijk">
            <h4 id="h-vergelijk">Twee versies vergelijken</h4>
            <div className="form-grid">
              <div className="field">
                <label htmlFor="f-compare-from">Van versie</label>
                <select id="f-compare-from" name="van" defaultValue={versions[1].id}>
                  {versions.map((v) => (
                    <option key={v.id} value={v.id}>{`Versie ${v.number} (${v.statusLabel.toLowerCase()}, ${v.submittedAt})`}</option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="f-compare-to">Naar versie</label>
                <select id="f-compare-to" name="naar" defaultValue={versions[0].id}>
                  {versions.map((v) => (
                    <option key={v.id} value={v.id}>{`Versie ${v.number} (${v.statusLabel.toLowerCase()}, ${v.submittedAt})`}</option>
                  ))}
                </select>
              </div>
            </div>
            <button type="submit" className="button button--secondary">
              Vergelijken
            </button>
          </Form>
        ) : null}
      </section>

      {final ? <SendFinal final={final} busy={busy} error={errorsFor("send-final")._form} /> : null}

      {may.submit ? (
        <section aria-labelledby="h-indienen">
          <h3 id="h-indienen">Versie indienen bij de toezichthouder</h3>
          {confirmFinal ? <ConfirmFinal values={confirmFinal.values} warnings={confirmFinal.warnings ?? []} busy={busy} /> : null}
          <Form method="post" noValidate className="panel" aria-labelledby="h-indienen" hidden={!!confirmFinal}>
            <input type="hidden" name="intent" value="submit" />
            <p>
              De huidige stand van het rapport wordt samengesteld als de versie voor de toezichthouder (met de gegevens van de cliënt), vastgelegd als versie{" "}
              {(versions[0]?.number ?? 0) + 1} en gemeld aan de toezichthouder per e-mail.
            </p>
            {submitErrors._form ? (
              <div className="alert alert--error" role="alert">
                {submitErrors._form}
              </div>
            ) : null}
            {completeness && completeness.gereed < completeness.total ? (
              <p className="alert alert--warn">
                Het rapport is nog niet volledig: {completeness.gereed} van {completeness.total} onderdelen gereed. Wat nog ontbreekt staat bij{" "}
                <Link to={`/onderzoeken/${investigationId}/rapport`}>Rapport</Link>.
              </p>
            ) : null}
            <fieldset className={`rv-fieldset${submitErrors.status ? " rv-fieldset--error" : ""}`} aria-describedby={submitErrors.status ? "f-status-error" : undefined}>
              <legend>Status van deze versie</legend>
              <div className="rv-choices">
                {(["concept", "definitief"] as const).map((s) => (
                  <div className="rv-check" key={s}>
                    <input type="radio" id={`f-status-${s}`} name="status" value={s} defaultChecked={(submitValues.status ?? "concept") === s} />
                    <label htmlFor={`f-status-${s}`}>{VERSION_STATUS_LABELS[s]}</label>
                  </div>
                ))}
              </div>
              <Err id="f-status-error" message={submitErrors.status} />
            </fieldset>
            {completeness && completeness.gereed < completeness.total ? (
              <div className={`rv-check${submitErrors.confirmIncomplete ? " field--error" : ""}`}>
                <input
                  type="checkbox"
                  id="f-confirm-incomplete"
                  name="confirmIncomplete"
                  defaultChecked={submitValues.confirmIncomplete === "on"}
                  aria-invalid={submitErrors.confirmIncomplete ? true : undefined}
                  aria-describedby={submitErrors.confirmIncomplete ? "f-confirm-incomplete-error" : undefined}
                />
                <label htmlFor="f-confirm-incomplete">Als definitieve versie indienen, ook al is het rapport nog niet volledig</label>
                <Err id="f-confirm-incomplete-error" message={submitErrors.confirmIncomplete} />
              </div>
            ) : null}
            {requests.length > 0 ? (
              <div className={`field${submitErrors.answersRequestId ? " field--error" : ""}`}>
                <label htmlFor="f-answers">Antwoord op verzoek om aanvulling</label>
                <select
                  id="f-answers"
                  name="answersRequestId"
                  defaultValue={submitValues.answersRequestId ?? (open[0] ? String(open[0].id) : "")}
                  aria-invalid={submitErrors.answersRequestId ? true : undefined}
                  aria-describedby={submitErrors.answersRequestId ? "f-answers-error" : undefined}
                >
                  <option value="">Geen: deze versie beantwoordt geen verzoek</option>
                  {requests.map((r) => (
                    <option key={r.id} value={r.id}>
                      {`Verzoek van ${r.requestedAt}${r.versionNumber ? ` over versie ${r.versionNumber}` : ""}${r.handled ? " (afgehandeld)" : ""}: ${r.text.length > 60 ? `${r.text.slice(0, 60)}…` : r.text}`}
                    </option>
                  ))}
                </select>
                <Err id="f-answers-error" message={submitErrors.answersRequestId} />
              </div>
            ) : null}
            <div className={`field${submitErrors.note ? " field--error" : ""}`}>
              <label htmlFor="f-note">Toelichting voor de toezichthouder (niet verplicht)</label>
              <textarea
                id="f-note"
                name="note"
                rows={3}
                defaultValue={submitValues.note ?? ""}
                aria-invalid={submitErrors.note ? true : undefined}
                aria-describedby={submitErrors.note ? "f-note-error" : undefined}
              />
              <Err id="f-note-error" message={submitErrors.note} />
            </div>
            <button type="submit" className="button" disabled={busy}>
              {submitting ? "Bezig met samenstellen…" : "Versie samenstellen en indienen"}
            </button>
            <div className="rv-busy" role="status" aria-live="polite">
              {submitting ? (
                <>
                  <span>Het rapport wordt samengesteld en vastgelegd. Dit kan enkele seconden duren; sluit deze pagina niet.</span>
                  <progress aria-label="Het rapport wordt samengesteld" />
                </>
              ) : null}
            </div>
          </Form>
        </section>
      ) : null}

      {may.exportAudiences.length > 0 ? <ExportPanel investigationId={investigationId} audiences={may.exportAudiences} /> : null}

      {may.assess && versions.length > 0 ? (
        <section aria-labelledby="h-beoordelen">
          <AssessmentForm
            versions={versions.map((v) => ({ id: v.id, number: v.number, statusLabel: v.statusLabel }))}
            errors={errorsFor("assess")}
            values={valuesFor("assess")}
            busy={busy}
          />
        </section>
      ) : null}

      <section aria-labelledby="h-beoordelingen" id="beoordelingen">
        <h3 id="h-beoordelingen">Beoordelingen</h3>
        {assessments.length === 0 ? (
          <p className="muted">
            {may.seesAllAssessments ? "De toezichthouder heeft nog geen beoordeling vastgelegd." : "De procesbegeleider heeft nog geen beoordeling van de toezichthouder met u gedeeld."}
          </p>
        ) : (
          <ul className="rv-list">
            {assessments.map((a) => (
              <li key={a.id} className="rv-item" data-assessment={a.id}>
                <h4>
                  {`Beoordeling van versie ${a.versionNumber ?? "?"} door ${a.assessor}, ${a.at}`}
                </h4>
                <dl className="meta">
                  {a.aspects.map((x) => (
                    <div key={x.aspect} style={{ display: "contents" }}>
                      <dt>{x.label}</dt>
                      <dd>
                        <span className={`rv-verdict rv-verdict--${x.verdict}`}>{VERDICT_LABELS[x.verdict] ?? x.verdict}</span>
                        {x.remark ? `: ${x.remark}` : null}
                      </dd>
                    </div>
                  ))}
                  <dt>Verslag</dt>
                  <dd style={{ whiteSpace: "pre-wrap" }}>{a.verslag}</dd>
                </dl>
                {a.sharedAt ? (
                  <p className="muted">{`Gedeeld met de ketenpartners op ${a.sharedAt}.`}</p>
                ) : may.share ? (
                  <Form method="post" aria-label={`Beoordeling van versie ${a.versionNumber ?? "?"} delen met de ketenpartners`}>
                    <input type="hidden" name="intent" value="share" />
                    <input type="hidden" name="assessmentId" value={a.id} />
                    <p className="muted">De ketenpartners zien deze beoordeling nog niet.</p>
                    <button type="submit" className="button button--secondary button--small" disabled={busy}>
                      Delen met ketenpartners
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {may.viewRequests ? (
      <section aria-labelledby="h-verzoeken" id="verzoeken">
        <h3 id="h-verzoeken">Verzoeken om aanvulling</h3>
        {requests.length === 0 ? <p className="muted">Er zijn geen verzoeken om aanvulling.</p> : null}
        {open.length > 0 ? (
          <>
            <h4>Open verzoeken</h4>
            <ul className="rv-list">
              {open.map((r) => {
                const target = String(r.id);
                const errors = errorsFor("handle", target);
                const vals = valuesFor("handle", target);
                return (
                  <li key={r.id} className="rv-item" data-request={r.id} id={`verzoek-${r.id}`} tabIndex={-1}>
                    <p className="muted">
                      {r.requestedBy}, {r.requestedAt}
                      {r.versionNumber ? ` · over versie ${r.versionNumber}` : ""}
                    </p>
                    <p>{r.text}</p>
                    <AnsweredBy versions={r.answeredBy} />
                    {may.handle ? (
                      <Form method="post" noValidate aria-label={`Verzoek van ${r.requestedAt} afhandelen`}>
                        <input type="hidden" name="intent" value="handle" />
                        <input type="hidden" name="requestId" value={r.id} />
                        {errors._form ? (
                          <div className="alert alert--error" role="alert">
                            {errors._form}
                          </div>
                        ) : null}
                        <div className={`field${errors.note ? " field--error" : ""}`}>
                          <label htmlFor={`handle-note-${r.id}`}>Hoe is het verzoek afgehandeld?</label>
                          <textarea
                            id={`handle-note-${r.id}`}
                            name="note"
                            rows={2}
                            defaultValue={vals.note ?? ""}
                            aria-invalid={errors.note ? true : undefined}
                            aria-describedby={errors.note ? `handle-note-${r.id}-error` : undefined}
                          />
                          <Err id={`handle-note-${r.id}-error`} message={errors.note} />
                        </div>
                        <button type="submit" className="button button--secondary" disabled={busy}>
                          Markeren als afgehandeld
                        </button>
                      </Form>
                    ) : (
                      <p className="muted">Nog niet afgehandeld door de procesbegeleider.</p>
                    )}
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
        {requests.some((r) => r.handled) ? (
          <>
            <h4>Afgehandelde verzoeken</h4>
            <ul className="rv-list">
              {requests
                .filter((r) => r.handled)
                .map((r) => (
                  <li key={r.id} className="rv-item" data-request={r.id} id={`verzoek-${r.id}`} tabIndex={-1}>
                    <p className="muted">
                      {r.requestedBy}, {r.requestedAt}
                      {r.versionNumber ? ` · over versie ${r.versionNumber}` : ""}
                    </p>
                    <p>{r.text}</p>
                    <AnsweredBy versions={r.answeredBy} />
                    <p>
                      <strong>Afgehandeld</strong> door {r.handledBy ?? "onbekend"}, {r.handledAt}: {r.handledNote}
                    </p>
                  </li>
                ))}
            </ul>
          </>
        ) : null}
        {may.request ? (
          <Form method="post" noValidate className="panel" aria-labelledby="h-verzoek">
            <h4 id="h-verzoek">Om aanvulling vragen</h4>
            <input type="hidden" name="intent" value="request" />
            {requestErrors._form ? (
              <div className="alert alert--error" role="alert">
                {requestErrors._form}
              </div>
            ) : null}
            <div className={`field${requestErrors.versionId ? " field--error" : ""}`}>
              <label htmlFor="f-request-version">Over versie</label>
              <select
                id="f-request-version"
                name="versionId"
                defaultValue={requestValues.versionId ?? versions[0]?.id ?? ""}
                aria-invalid={requestErrors.versionId ? true : undefined}
                aria-describedby={requestErrors.versionId ? "f-request-version-error" : undefined}
              >
                <option value="">Geen bepaalde versie</option>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {`Versie ${v.number}`}
                  </option>
                ))}
              </select>
              <Err id="f-request-version-error" message={requestErrors.versionId} />
            </div>
            <div className={`field${requestErrors.text ? " field--error" : ""}`}>
              <label htmlFor="f-request-text">
                Welke aanvulling vraagt u?<span aria-hidden="true"> *</span>
              </label>
              <textarea
                id="f-request-text"
                name="text"
                rows={4}
                required
                defaultValue={requestValues.text ?? ""}
                aria-invalid={requestErrors.text ? true : undefined}
                aria-describedby={requestErrors.text ? "f-request-text-error" : undefined}
              />
              <Err id="f-request-text-error" message={requestErrors.text} />
            </div>
            <button type="submit" className="button" disabled={busy}>
              Verzoek versturen
            </button>
          </Form>
        ) : null}
      </section>
      ) : null}
    </>
  );
}
