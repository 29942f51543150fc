import { useEffect, useRef } from "react";
import { data, Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunctionArgs } from "react-router";
import type { Route } from "./+types/investigation-rounds-detail";
import { z } from "zod";
import { FrozenDocumentView } from "~/components/rounds/FrozenDocumentView.tsx";
import { ReactionWorkspace, type ReactionResult } from "~/components/rounds/ReactionWorkspace.tsx";
import { RoundStateBadge } from "~/components/rounds/RoundStateBadge.tsx";
import roundsCss from "~/components/rounds/rounds.css?url";
import { formatDutchDate, formatDutchDateShort } from "~/domain/calendar-date.ts";
import { fieldErrors } from "~/domain/forms.ts";
import { can } from "~/domain/policy.ts";
import { dispositionSchema, extensionSchema, lateAllowanceSchema, linkInviteeSchema } from "~/domain/rounds/forms.ts";
import { shortHash } from "~/domain/rounds/frozen.ts";
import { DISPOSITIONS, RELATION_SUGGESTIONS, ROUND_KINDS, type DispositionKind } from "~/domain/rounds/kinds.ts";
import { describeTimeLeft, formatInstant, linkValidUntil } from "~/domain/rounds/state.ts";
import { formValues, notFound, requireInvestigation } from "~/lib/guards.server.ts";
import { hiddenPersonsFor, redactFrozenInterview, roundTitleFor } from "../../server/privacy/restricted-view.ts";
import { handleReactionAction, reactionPageData, withoutModel } from "../../server/rounds/reaction-form.ts";
import { reactantView } from "../../server/rounds/reactions.ts";
import { addInvitee, allowLate, extendRound, getRound, getRoundDetail, inviteeForUser, invitableMembers, recordDisposition, renewLink, revokeLink } from "../../server/rounds/rounds.ts";
import { roundTerms } from "../../server/rounds/term-summary.ts";
import { formErrors, UserError } from "~/domain/errors.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: roundsCss }];

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.title} – reactieronde – Ketenlijn` : "Reactieronde – Ketenlijn" }];

const LINK_LABELS = { active: "actief", revoked: "ingetrokken", expired: "verlopen" } as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, membership, investigationId } = await requireInvestigation(context, request, params.id, "rounds.view");
  const round = await getRound(context.app, investigationId, params.roundId);
  if (!round) notFound();
  const manage = can(membership, "rounds.manage");
  const invitee = await inviteeForUser(context.app, round.id, user.id);
  if (!manage && !invitee) throw data({ message: "U bent niet uitgenodigd voor deze ronde. Alleen de procesbegeleider ziet alle reacties." }, { status: 403 });
  const now = context.app.clock.now();
  // A restricted person (AVG art. 18) is left out for everyone but the procesbegeleider.
  const hidden = await hiddenPersonsFor(context.app.db, membership, investigationId);
  const hideInterviewee = hidden.interviewee(round.interviewId);
  const frozenFor = <T extends { frozen: Parameters<typeof redactFrozenInterview>[0] }>(v: T): T => (hideInterviewee ? { ...v, frozen: redactFrozenInterview(v.frozen) } : v);
  const summary = {
    investigationId,
    roundId: round.id,
    title: roundTitleFor(hidden, round),
    kindLabel: ROUND_KINDS[round.kind as keyof typeof ROUND_KINDS].label,
    termWeeks: round.termWeeks,
    opened: formatDutchDate(round.startDate),
    deadlineText: formatInstant(round.deadlineAt),
    timeLeft: describeTimeLeft(round.deadlineAt, now),
    versionHash: round.versionHash,
    openedNow: new URL(request.url).searchParams.get("geopend") === "1",
    // The reminder (when, sent or not) for who manages the round (issue 15).
    reminder: manage ? ((await roundTerms(context.app, investigationId, round.id))[0]?.reminder.text ?? null) : null,
  };
  if (!manage) {
    const view = frozenFor(await reactantView(context.app, round, invitee!));
    return { ...summary, manage: false as const, state: null, page: reactionPageData(view, now), detail: null };
  }
  const detail = (await getRoundDetail(context.app, investigationId, round.id))!;
  const visibleReactions = detail.reactions.filter((r) => !hidden.reactant(r.inviteeEmail));
  const counts: Record<string, number> = {};
  for (const r of visibleReactions) counts[r.pointer] = (counts[r.pointer] ?? 0) + 1;
  const members = await invitableMembers(context.app, investigationId);
  const invitedEmails = new Set(detail.invitees.map((i) => i.email));
  return {
    ...summary,
    manage: true as const,
    state: detail.state,
    page: invitee ? reactionPageData(frozenFor(await reactantView(context.app, round, invitee)), now) : null,
    detail: {
      open: detail.state === "open",
      frozen: withoutModel(frozenFor(detail).frozen),
      hasDocx: detail.frozen.kind === "draft_report" && !!detail.frozen.report,
      counts,
      extensions: detail.extensions.map((e) => ({ id: e.id, from: formatDutchDateShort(e.fromDate), to: formatDutchDateShort(e.toDate), reason: e.reason })),
      invitees: detail.invitees.filter((i) => !hidden.reactant(i.email)).map((i) => ({
        id: i.id,
        name: i.name,
        email: i.email,
        relation: i.relation,
        viaLink: i.userId === null,
        linkState: i.linkState ? LINK_LABELS[i.linkState] : null,
        linkUntil: i.userId === null ? formatInstant(linkValidUntil(round, i)) : null,
        reacted: i.reacted,
        draft: i.draft,
        lateUntil: i.lateAllowedUntil ? formatInstant(i.lateAllowedUntil) : null,
        lateReason: i.lateReason,
      })),
      reactions: visibleReactions.map((r, n) => ({
        id: r.id,
        number: n + 1,
        inviteeName: r.inviteeName,
        pointerLabel: r.pointerLabel,
        text: r.text,
        signerName: r.signerName,
        signerRole: r.signerRole,
        submittedAt: r.submittedAt ? formatInstant(r.submittedAt) : "",
        late: r.late,
        corrects: r.correctsId ? (visibleReactions.findIndex((x) => x.id === r.correctsId) + 1 || null) : null,
        disposition: r.disposition ? { kind: r.disposition.kind, note: r.disposition.note, at: formatInstant(r.disposition.decidedAt), by: r.disposition.decidedByName } : null,
      })),
      addableMembers: members.filter((m) => !invitedEmails.has(m.email)).map((m) => ({ userId: m.userId, name: m.name, organisation: m.organisation })),
    },
  };
}

type ManageResult = {
  intent: string;
  target?: string;
  ok: boolean;
  message: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  /** A disposition waiting for its confirmation (nothing is stored or mailed before it). */
  confirm?: { reactionId: string; kind: DispositionKind; note: string; correct: boolean; decider: string };
};

export async function action({ context, request, params }: Route.ActionArgs) {
  const values = await formValues(request);
  const intent = values.intent ?? "";
  if (intent === "save" || intent === "autosave" || intent === "submit" || intent === "send_code") {
    const { user, investigationId } = await requireInvestigation(context, request, params.id, "rounds.react");
    const round = await getRound(context.app, investigationId, params.roundId);
    if (!round) notFound();
    const invitee = await inviteeForUser(context.app, round.id, user.id);
    if (!invitee) throw data({ message: "U bent niet uitgenodigd voor deze ronde." }, { status: 403 });
    const { status, result } = await handleReactionAction(context.app, round, invitee, values);
    return data({ kind: "reaction" as const, reaction: result, manage: null }, { status });
  }
  const { user, investigationId } = await requireInvestigation(context, request, params.id, "rounds.manage");
  const reply = (r: ManageResult, status = 200) => data({ kind: "manage" as const, reaction: null, manage: r }, { status });
  const fail = (errors: Record<string, string>, status = 400) =>
    reply({ intent, target: values.inviteeId ?? values.reactionId, ok: false, message: errors._form ?? Object.values(errors)[0] ?? "Ongeldige invoer.", errors, values }, status);
  try {
    switch (intent) {
      case "extend": {
        const parsed = extensionSchema.safeParse(values);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        await extendRound(context.app, user.id, investigationId, params.roundId, parsed.data);
        return reply({ intent, ok: true, message: `De termijn is verlengd tot en met ${formatDutchDate(parsed.data.date)}.`, errors: {}, values: {} });
      }
      case "revoke": {
        const { inviteeId } = z.object({ inviteeId: z.uuid() }).parse(values);
        await revokeLink(context.app, user.id, investigationId, params.roundId, inviteeId);
        return reply({ intent, target: inviteeId, ok: true, message: "De persoonlijke link is ingetrokken; hij werkt niet meer.", errors: {}, values: {} });
      }
      case "renew": {
        const { inviteeId } = z.object({ inviteeId: z.uuid() }).parse(values);
        await renewLink(context.app, user, investigationId, params.roundId, inviteeId);
        return reply({ intent, target: inviteeId, ok: true, message: "Er is een nieuwe persoonlijke link gemaild; de oude werkt niet meer.", errors: {}, values: {} });
      }
      case "late": {
        const parsed = lateAllowanceSchema.safeParse(values);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        await allowLate(context.app, user.id, investigationId, params.roundId, parsed.data);
        return reply({ intent, target: parsed.data.inviteeId, ok: true, message: `Een reactie na de termijn is toegestaan tot en met ${formatDutchDate(parsed.data.until)}.`, errors: {}, values: {} });
      }
      case "add-link": {
        const parsed = linkInviteeSchema.safeParse(values);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        await addInvitee(context.app, user, investigationId, params.roundId, parsed.data);
        return reply({ intent, ok: true, message: `${parsed.data.name} is uitgenodigd; de persoonlijke link is gemaild.`, errors: {}, values: {} });
      }
      case "add-member": {
        const { userId } = z.object({ userId: z.uuid({ error: "Kies een deelnemer." }) }).parse(values);
        await addInvitee(context.app, user, investigationId, params.roundId, { userId });
        return reply({ intent, ok: true, message: "De deelnemer is uitgenodigd.", errors: {}, values: {} });
      }
      case "disposition-edit": {
        // "Terug en wijzigen" from the confirm step: the form again, filled in as it was.
        return reply({ intent: "disposition", target: values.reactionId, ok: false, message: "", errors: {}, values });
      }
      case "disposition": {
        const parsed = dispositionSchema.safeParse(values);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        const correct = values.correct === "1";
        if (values.confirmed !== "1") {
          // First the confirm step (issue 15): the server stores and mails only a confirmed decision.
          return reply({
            intent: "disposition-confirm",
            target: parsed.data.reactionId,
            ok: true,
            message: "",
            errors: {},
            values: {},
            confirm: { ...parsed.data, correct, decider: user.name },
          });
        }
        await recordDisposition(context.app, user, investigationId, params.roundId, { ...parsed.data, correct });
        return reply({
          intent,
          target: parsed.data.reactionId,
          ok: true,
          message: `De afhandeling is ${correct ? "gecorrigeerd" : "vastgelegd"} (${DISPOSITIONS[parsed.data.kind].toLowerCase()}) en aan de indiener gemaild.`,
          errors: {},
          values: {},
        });
      }
      default:
        return fail({ _form: "Onbekende handeling." });
    }
  } catch (err) {
    if (err instanceof UserError) return fail(formErrors(err, { alsoForm: true }), err.status);
    if (err instanceof z.ZodError) return fail({ _form: err.issues[0]?.message ?? "Ongeldige invoer." });
    throw err;
  }
}

export function shouldRevalidate({ formData, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formData?.get("intent") === "autosave") return false;
  return defaultShouldRevalidate;
}

/** A heading that takes the focus once when it appears (a step the keyboard user lands on). */
function FocusHeading({ id, children }: { id: string; children: React.ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h5 id={id} tabIndex={-1} ref={ref}>
      {children}
    </h5>
  );
}

function Err({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="field__error" id={id}>
      {message}
    </p>
  ) : null;
}

export default function RoundDetail() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const reaction = actionData?.kind === "reaction" ? (actionData.reaction as ReactionResult) : undefined;
  const m = actionData?.kind === "manage" ? actionData.manage : null;
  const errFor = (intent: string, field: string, target?: string) => (m && !m.ok && m.intent === intent && (target === undefined || m.target === target) ? m.errors[field] : undefined);
  const valFor = (intent: string, field: string, target?: string) => (m && !m.ok && m.intent === intent && (target === undefined || m.target === target) ? m.values[field] : undefined);
  const pending = m && m.intent === "disposition-confirm" ? (m.confirm ?? null) : null;
  // The confirm step of a disposition: what will be stored and mailed, by whom; confirm or go back.
  const confirmStep = (r: { id: string; number: number; inviteeName: string }, c: NonNullable<ManageResult["confirm"]>) => (
    <section className="panel panel--confirm" role="region" aria-labelledby={`confirm-${r.id}`}>
      <FocusHeading id={`confirm-${r.id}`}>{c.correct ? "Correctie bevestigen" : "Afhandeling bevestigen"}</FocusHeading>
      <p>
        U legt vast dat reactie {r.number} is: <strong>{DISPOSITIONS[c.kind].toLowerCase()}</strong>.
      </p>
      <p className="reaction-item__text">
        {c.kind === "verwerkt" ? "Waar verwerkt" : "Motivering"}: {c.note}
      </p>
      <p>
        Vastgelegd door {c.decider}, met de datum en tijd van nu. {r.inviteeName} krijgt dit per e-mail.
        {c.correct ? " De eerdere afhandeling blijft in het Logboek staan." : ""}
      </p>
      <Form method="post" className="actions">
        <input type="hidden" name="reactionId" value={c.reactionId} />
        <input type="hidden" name="kind" value={c.kind} />
        <input type="hidden" name="note" value={c.note} />
        {c.correct ? <input type="hidden" name="correct" value="1" /> : null}
        <input type="hidden" name="confirmed" value="1" />
        <button type="submit" name="intent" value="disposition" className="button" disabled={busy}>
          {c.correct ? "Bevestigen: correctie vastleggen en mailen" : "Bevestigen: vastleggen en mailen"}
        </button>
        <button type="submit" name="intent" value="disposition-edit" className="button button--secondary" disabled={busy}>
          Terug en wijzigen
        </button>
      </Form>
    </section>
  );
  // The disposition form: the first decision, or a correction of it (until the report is final).
  const dispositionForm = (r: { id: string; number: number; inviteeName: string }, correct: boolean) =>
    pending && pending.reactionId === r.id && pending.correct === correct ? confirmStep(r, pending) : (

    <Form method="post" noValidate className="panel" aria-label={`${correct ? "Correctie van de afhandeling" : "Afhandeling"} van reactie ${r.number}`}>
      <input type="hidden" name="intent" value="disposition" />
      {correct ? <input type="hidden" name="correct" value="1" /> : null}
      <input type="hidden" name="reactionId" value={r.id} />
      <fieldset aria-describedby={errFor("disposition", "kind", r.id) ? `kind-${r.id}-error` : undefined}>
        <legend>Wat is er met deze reactie gedaan?</legend>
        {(["verwerkt", "terzijde"] as const).map((k) => (
          <div className="check-field" key={k}>
            <input type="radio" id={`kind-${r.id}-${k}`} name="kind" value={k} defaultChecked={valFor("disposition", "kind", r.id) === k} />
            <label htmlFor={`kind-${r.id}-${k}`}>{DISPOSITIONS[k]}</label>
          </div>
        ))}
        <Err id={`kind-${r.id}-error`} message={errFor("disposition", "kind", r.id)} />
      </fieldset>
      <div className={`field${errFor("disposition", "note", r.id) ? " field--error" : ""}`}>
        <label htmlFor={`note-${r.id}`}>Waar verwerkt, of de motivering</label>
        <textarea
          id={`note-${r.id}`}
          name="note"
          rows={3}
          defaultValue={valFor("disposition", "note", r.id) ?? ""}
          aria-invalid={errFor("disposition", "note", r.id) ? true : undefined}
          aria-describedby={errFor("disposition", "note", r.id) ? `note-${r.id}-error` : undefined}
        />
        <Err id={`note-${r.id}-error`} message={errFor("disposition", "note", r.id)} />
      </div>
      <p className="field__hint">U ziet eerst wat er wordt vastgelegd en gemaild, en bevestigt dan.</p>
      <button type="submit" className="button" disabled={busy}>
        {correct ? "Correctie controleren" : "Afhandeling controleren"}
      </button>
    </Form>
  );
  const base = `/onderzoeken/${d.investigationId}/rondes`;
  return (
    <>
      <p className="no-print">
        <Link to={base}>Terug naar het register</Link>
      </p>
      <div className="header-row">
        <h2>{d.title}</h2>
        {d.state ? <RoundStateBadge state={d.state} /> : null}
      </div>
      <dl className="meta">
        <div>
          <dt>Document</dt>
          <dd>
            {d.kindLabel} (vastgelegde versie <code>{shortHash(d.versionHash)}</code>)
          </dd>
        </div>
        <div>
          <dt>Termijn</dt>
          <dd>
            {d.termWeeks} weken, geopend op {d.opened}
          </dd>
        </div>
        <div>
          <dt>Reageren kan tot en met</dt>
          <dd>
            {d.deadlineText} · <span className="time-left">{d.timeLeft}</span>
          </dd>
        </div>
        {d.reminder ? (
          <div>
            <dt>Herinnering</dt>
            <dd data-reminder>{d.reminder}</dd>
          </div>
        ) : null}
      </dl>
      {d.openedNow && !actionData ? (
        <div className="alert alert--ok" role="status">
          De ronde is geopend en de uitnodigingen zijn verstuurd.
        </div>
      ) : null}
      {m?.message ? (
        <div className={`alert ${m.ok ? "alert--ok" : "alert--error"}`} role={m.ok ? "status" : "alert"}>
          {m.message}
        </div>
      ) : null}

      {d.page ? (
        <section aria-labelledby="h-own-reaction">
          <h2 id="h-own-reaction" className={d.manage ? undefined : "visually-hidden"}>
            Uw reactie in deze ronde
          </h2>
          <ReactionWorkspace {...d.page} result={reaction} level={3} docxHref={`/onderzoeken/${d.investigationId}/rondes/${d.roundId}/concept.docx`} />
        </section>
      ) : null}

      {d.detail ? (
        <>
          <section aria-labelledby="h-reactions">
            <h3 id="h-reactions">Reacties ({d.detail.reactions.length})</h3>
            <p className="no-print">
              <Link to={`${base}/${d.roundId}/afdruk`}>
                Afdrukbare versie van de reacties met hun afhandeling
              </Link>
            </p>
            {d.detail.reactions.length === 0 ? <p className="muted">Er zijn nog geen ondertekende reacties.</p> : null}
            {d.detail.reactions.map((r) => (
              <article key={r.id} className="reaction-item" aria-labelledby={`r-${r.id}`} data-reaction={r.id}>
                <h4 id={`r-${r.id}`}>
                  Reactie {r.number} van {r.inviteeName}: {r.pointerLabel}
                </h4>
                {r.late ? <span className="badge badge--late">na de termijn</span> : null}
                {r.corrects ? <p className="muted">Correctie op reactie {r.corrects}.</p> : null}
                <p className="reaction-item__text">{r.text}</p>
                <p className="reaction-item__meta">
                  Ondertekend door {r.signerName} ({r.signerRole}) op {r.submittedAt}.
                </p>
                {r.disposition ? (
                  <>
                    <p>
                      <strong>{DISPOSITIONS[r.disposition.kind]}</strong>: {r.disposition.note}{" "}
                      <span className="muted">
                        (vastgelegd door {r.disposition.by ?? "een verwijderd account"}, {r.disposition.at})
                      </span>
                    </p>
                    <details open={(!!pending && pending.reactionId === r.id) || (!!m && !m.ok && m.intent === "disposition" && m.target === r.id) || undefined}>
                      <summary>Afhandeling corrigeren</summary>
                      {dispositionForm(r, true)}
                    </details>
                  </>
                ) : (
                  dispositionForm(r, false)
                )}
              </article>
            ))}
          </section>

          <section aria-labelledby="h-invitees">
            <h3 id="h-invitees">Uitgenodigd</h3>
            <table>
              <thead>
                <tr>
                  <th scope="col">Naam</th>
                  <th scope="col">Reageert via</th>
                  <th scope="col">Gereageerd</th>
                  <th scope="col">Beheer</th>
                </tr>
              </thead>
              <tbody>
                {d.detail.invitees.map((i) => (
                  <tr key={i.id} data-invitee={i.email}>
                    <td>
                      {i.name}
                      <div className="muted">
                        {i.relation} · {i.email}
                      </div>
                    </td>
                    <td>
                      {i.viaLink ? (
                        <>
                          Persoonlijke link ({i.linkState})
                          <div className="muted">geldig tot {i.linkUntil}</div>
                        </>
                      ) : (
                        "Account in Ketenlijn"
                      )}
                    </td>
                    <td>
                      {i.reacted ? "Ja" : i.draft ? "Nog niet (concept in bewerking)" : "Nog niet"}
                      {i.lateUntil ? <div className="muted">Na de termijn toegestaan tot {i.lateUntil}: {i.lateReason}</div> : null}
                    </td>
                    <td>
                      {i.viaLink && i.linkState === "actief" ? (
                        <Form method="post" className="actions">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="inviteeId" value={i.id} />
                          <button type="submit" className="button button--secondary" disabled={busy}>
                            Link intrekken<span className="visually-hidden"> van {i.name}</span>
                          </button>
                        </Form>
                      ) : null}
                      {i.viaLink && i.linkState !== "verlopen" ? (
                        <Form method="post" className="actions">
                          <input type="hidden" name="intent" value="renew" />
                          <input type="hidden" name="inviteeId" value={i.id} />
                          <button type="submit" className="button button--secondary" disabled={busy}>
                            Nieuwe link mailen<span className="visually-hidden"> naar {i.name}</span>
                          </button>
                        </Form>
                      ) : null}
                      {!i.reacted || d.state !== "open" ? (
                        <details open={!!errFor("late", "until", i.id) || !!errFor("late", "reason", i.id)}>
                          <summary>Reactie na de termijn toestaan</summary>
                          <Form method="post" noValidate>
                            <input type="hidden" name="intent" value="late" />
                            <input type="hidden" name="inviteeId" value={i.id} />
                            <div className={`field${errFor("late", "until", i.id) ? " field--error" : ""}`}>
                              <label htmlFor={`until-${i.id}`}>Toegestaan tot en met</label>
                              <input id={`until-${i.id}`} name="until" type="date" defaultValue={valFor("late", "until", i.id) ?? ""} aria-invalid={errFor("late", "until", i.id) ? true : undefined}
                                aria-describedby={errFor("late", "until", i.id) ? `until-${i.id}-error` : undefined} />
                              <Err id={`until-${i.id}-error`} message={errFor("late", "until", i.id)} />
                            </div>
                            <div className={`field${errFor("late", "reason", i.id) ? " field--error" : ""}`}>
                              <label htmlFor={`late-reason-${i.id}`}>Reden</label>
                              <input id={`late-reason-${i.id}`} name="reason" defaultValue={valFor("late", "reason", i.id) ?? ""} aria-invalid={errFor("late", "reason", i.id) ? true : undefined}
                                aria-describedby={errFor("late", "reason", i.id) ? `late-reason-${i.id}-error` : undefined} />
                              <Err id={`late-reason-${i.id}-error`} message={errFor("late", "reason", i.id)} />
                            </div>
                            <button type="submit" className="button button--secondary" disabled={busy}>
                              Toestaan<span className="visually-hidden"> voor {i.name}</span>
                            </button>
                          </Form>
                        </details>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          {d.detail.open ? (
            <section aria-labelledby="h-manage">
              <h3 id="h-manage">Ronde beheren</h3>
              <details open={!!errFor("extend", "date") || !!errFor("extend", "reason")}>
                <summary>Termijn verlengen</summary>
                <Form method="post" noValidate className="panel" aria-label="Termijn verlengen">
                  <input type="hidden" name="intent" value="extend" />
                  <div className={`field${errFor("extend", "date") ? " field--error" : ""}`}>
                    <label htmlFor="f-extend-date">Nieuwe uiterste datum</label>
                    <input id="f-extend-date" name="date" type="date" defaultValue={valFor("extend", "date") ?? ""} aria-invalid={errFor("extend", "date") ? true : undefined}
                      aria-describedby={errFor("extend", "date") ? "f-extend-date-error" : undefined} />
                    <Err id="f-extend-date-error" message={errFor("extend", "date")} />
                  </div>
                  <div className={`field${errFor("extend", "reason") ? " field--error" : ""}`}>
                    <label htmlFor="f-extend-reason">Reden (wordt vastgelegd in het logboek)</label>
                    <input id="f-extend-reason" name="reason" defaultValue={valFor("extend", "reason") ?? ""} aria-invalid={errFor("extend", "reason") ? true : undefined}
                      aria-describedby={errFor("extend", "reason") ? "f-extend-reason-error" : undefined} />
                    <Err id="f-extend-reason-error" message={errFor("extend", "reason")} />
                  </div>
                  <button type="submit" className="button" disabled={busy}>
                    Termijn verlengen
                  </button>
                </Form>
              </details>
              {d.detail.extensions.length ? (
                <ul>
                  {d.detail.extensions.map((e) => (
                    <li key={e.id}>
                      Verlengd van {e.from} tot {e.to}: {e.reason}
                    </li>
                  ))}
                </ul>
              ) : null}
              <details open={!!m && !m.ok && m.intent === "add-link"}>
                <summary>Iemand zonder account uitnodigen</summary>
                <Form method="post" noValidate className="panel" aria-label="Iemand zonder account uitnodigen">
                  <input type="hidden" name="intent" value="add-link" />
                  <datalist id="relation-suggestions-add">
                    {RELATION_SUGGESTIONS.map((r) => (
                      <option key={r} value={r} />
                    ))}
                  </datalist>
                  <div className="form-grid">
                    {(
                      [
                        ["name", "Volledige naam", "text"],
                        ["email", "E-mailadres", "email"],
                        ["relation", "Functie of relatie tot de casus", "text"],
                      ] as const
                    ).map(([name, label, type]) => (
                      <div key={name} className={`field${errFor("add-link", name) ? " field--error" : ""}`}>
                        <label htmlFor={`f-add-${name}`}>{label}</label>
                        <input id={`f-add-${name}`} name={name} type={type} defaultValue={valFor("add-link", name) ?? ""} list={name === "relation" ? "relation-suggestions-add" : undefined}
                          aria-invalid={errFor("add-link", name) ? true : undefined} aria-describedby={errFor("add-link", name) ? `f-add-${name}-error` : undefined} />
                        <Err id={`f-add-${name}-error`} message={errFor("add-link", name)} />
                      </div>
                    ))}
                  </div>
                  <button type="submit" className="button" disabled={busy}>
                    Uitnodigen met persoonlijke link
                  </button>
                </Form>
              </details>
              {d.detail.addableMembers.length ? (
                <details>
                  <summary>Een deelnemer uitnodigen</summary>
                  <Form method="post" className="panel" aria-label="Een deelnemer uitnodigen">
                    <input type="hidden" name="intent" value="add-member" />
                    <div className="field">
                      <label htmlFor="f-add-member">Deelnemer</label>
                      <select id="f-add-member" name="userId">
                        {d.detail.addableMembers.map((x) => (
                          <option key={x.userId} value={x.userId}>
                            {x.name}
                            {x.organisation ? ` (${x.organisation})` : ""}
                          </option>
                        ))}
                      </select>
                    </div>
                    <button type="submit" className="button" disabled={busy}>
                      Uitnodigen
                    </button>
                  </Form>
                </details>
              ) : null}
            </section>
          ) : null}

          <section aria-labelledby="h-frozen">
            <h3 id="h-frozen">Vastgelegde versie van het document</h3>
            <details>
              <summary>Toon het document zoals de genodigden het zien</summary>
              <FrozenDocumentView
                doc={d.detail.frozen}
                versionHash={d.versionHash}
                level={3}
                counts={d.detail.counts}
                docxHref={d.detail.hasDocx ? `/onderzoeken/${d.investigationId}/rondes/${d.roundId}/concept.docx` : undefined}
              />
            </details>
          </section>
        </>
      ) : null}
    </>
  );
}
