import { fieldErrors } from "../../app/domain/forms.ts";
import { reactionDraftSchema, signatureSchema } from "../../app/domain/rounds/forms.ts";
import { formatDutchDate, todayInAmsterdam } from "../../app/domain/calendar-date.ts";
import type { FrozenDocument } from "../../app/domain/rounds/frozen.ts";
import { ROUND_KINDS, type RoundKind } from "../../app/domain/rounds/kinds.ts";
import { describeTimeLeft, formatInstant } from "../../app/domain/rounds/state.ts";
import type { AppContext } from "../context.ts";
import { saveDraft, submitReaction, type ReactantView } from "./reactions.ts";
import type { InviteeRow, RoundRow } from "./rounds.ts";
import { CODE_MINUTES, maskEmail, normaliseCode, sendSignCode } from "./sign-code.ts";
import { UserError } from "../../app/domain/errors.ts";

/**
 * The reaction form's action, shared by the personal-link page (/reactie/<token>) and a member's
 * round page. Whatever goes wrong, the posted values come back so the page shows them again, and
 * the text is saved as the draft whenever the invitee can still be identified.
 */
export interface ReactionFormValues {
  reactionId: string;
  pointer: string;
  text: string;
  correctsId: string;
  signerName: string;
  signerRole: string;
  declaration: boolean;
}

export interface ReactionActionResult {
  ok: boolean;
  intent: "save" | "autosave" | "submit" | "send_code";
  message: string | null;
  errors: Record<string, string>;
  values: ReactionFormValues;
  saved: { reactionId: string; savedAt: string } | null;
  submittedId: string | null;
  /** A one-time code was just mailed (the page moves focus to the code field). */
  codeSent?: boolean;
}

export function postedValues(values: Record<string, string>): ReactionFormValues {
  return {
    reactionId: values.reactionId ?? "",
    pointer: values.pointer ?? "general",
    text: (values.text ?? "").slice(0, 50_000),
    correctsId: values.correctsId ?? "",
    signerName: (values.signerName ?? "").slice(0, 300),
    signerRole: (values.signerRole ?? "").slice(0, 300),
    declaration: values.declaration === "on",
  };
}

function intentOf(values: Record<string, string>): ReactionActionResult["intent"] {
  return values.intent === "submit" ? "submit" : values.intent === "autosave" ? "autosave" : values.intent === "send_code" ? "send_code" : "save";
}


const CODE_FIELD_MISSING = "Vul de code van 6 cijfers in die wij u hebben gemaild. Nog geen code ontvangen? Kies \"Stuur mij een code\".";

/** A result for a request whose link no longer works: nothing can be stored, the text comes back. */
export function linkProblemResult(values: Record<string, string>, message: string): ReactionActionResult {
  return { ok: false, intent: intentOf(values), message, errors: {}, values: postedValues(values), saved: null, submittedId: null };
}

export async function handleReactionAction(
  ctx: Pick<AppContext, "db" | "clock" | "config">,
  round: RoundRow,
  invitee: InviteeRow,
  values: Record<string, string>,
): Promise<{ status: number; result: ReactionActionResult }> {
  const intent = intentOf(values);
  const posted = postedValues(values);
  const base = { intent, values: posted, saved: null, submittedId: null };
  const draft = reactionDraftSchema.safeParse(values);
  if (!draft.success) {
    return { status: 400, result: { ...base, ok: false, message: "Het formulier bevat fouten.", errors: fieldErrors(draft.error) } };
  }
  const input = { ...draft.data };
  try {
    if (intent === "send_code") {
      // The text typed so far is kept, then the code goes to the invited address.
      const saved = await saveDraft(ctx, round, invitee, input).catch((err) => {
        if (err instanceof UserError && err.code !== "closed" && err.code !== "revoked") return null;
        throw err;
      });
      if (invitee.userId) return { status: 400, result: { ...base, ok: false, message: "U ondertekent met uw account; een code is niet nodig.", errors: {} } };
      const sent = await sendSignCode(ctx, round, invitee);
      const until = formatInstant(sent.expiresAt).replace(/^.* om /, "").replace(/ uur$/, "");
      return {
        status: 200,
        result: {
          ...base,
          ok: true,
          message: `Wij hebben een code van 6 cijfers gestuurd naar ${maskEmail(invitee.email)}, het adres waarop u bent uitgenodigd. De code is ${CODE_MINUTES} minuten geldig (tot ${until} uur). Vul hem in bij "Code uit de e-mail" en onderteken.`,
          errors: {},
          saved: saved ? { reactionId: saved.reactionId, savedAt: saved.savedAt.toISOString() } : null,
          codeSent: true,
        },
      };
    }
    if (intent !== "submit") {
      const saved = await saveDraft(ctx, round, invitee, input);
      const at = formatInstant(saved.savedAt).replace(/^.* om /, "");
      return {
        status: 200,
        result: { ...base, ok: true, message: `Uw concept is opgeslagen (${at}).`, errors: {}, saved: { reactionId: saved.reactionId, savedAt: saved.savedAt.toISOString() } },
      };
    }
    const signature = signatureSchema.safeParse(values);
    // All missing fields at once: the code too, for a personal link.
    const codeMissing = !invitee.userId && !/^\d{6}$/.test(normaliseCode(values.code ?? ""));
    if (!signature.success || codeMissing) {
      // Keep the draft, then point at the fields.
      let saved: ReactionActionResult["saved"] = null;
      let message = "Uw reactie is nog niet verstuurd: vul de ontbrekende gegevens in. Uw concept is bewaard.";
      try {
        const s = await saveDraft(ctx, round, invitee, input);
        saved = { reactionId: s.reactionId, savedAt: s.savedAt.toISOString() };
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        message = err.message;
      }
      const errors = { ...(signature.success ? {} : fieldErrors(signature.error)), ...(codeMissing ? { code: CODE_FIELD_MISSING } : {}) };
      return { status: 400, result: { ...base, ok: false, message, errors, saved } };
    }
    const done = await submitReaction(ctx, round, invitee, input, { signerName: signature.data.signerName, signerRole: signature.data.signerRole, code: values.code ?? "" });
    const message = `Uw reactie is ondertekend en verstuurd op ${formatInstant(ctx.clock.now())}${done.late ? " (na de termijn, met toestemming van de procesbegeleider)" : ""}. U krijgt bericht over wat ermee is gedaan.`;
    return { status: 200, result: { ...base, ok: true, message, errors: {}, submittedId: done.reactionId } };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { status: 409, result: { ...base, ok: false, message: err.message, errors: err.field ? { [err.field]: err.message } : {} } };
  }
}

/** The reactant's view as the page's props (ReactionWorkspace), with dates already in Dutch. */
/** The frozen document without its stored report model: the page shows the sections; the .docx route renders the model. */
export function withoutModel(frozen: FrozenDocument): FrozenDocument {
  const { report: _report, ...rest } = frozen;
  return rest;
}

export function reactionPageData(view: ReactantView, now: Date) {
  return {
    frozen: withoutModel(view.frozen),
    hasDocx: view.frozen.kind === "draft_report" && !!view.frozen.report,
    versionHash: view.versionHash,
    canReact: view.window.ok,
    late: view.window.ok && view.window.late,
    closedText: view.window.ok
      ? null
      : view.window.reason === "revoked"
        ? "Deze persoonlijke link is ingetrokken."
        : `De termijn om te reageren is verstreken op ${formatInstant(view.deadlineAt)}. Wilt u toch nog reageren? Neem dan contact op met de procesbegeleider.`,
    draft: view.draft ? { id: view.draft.id, pointer: view.draft.pointer, text: view.draft.text, correctsId: view.draft.correctsId } : null,
    submitted: view.submitted.map((r) => ({
      id: r.id,
      pointerLabel: r.pointerLabel,
      text: r.text,
      signerName: r.signerName,
      signerRole: r.signerRole,
      signedOn: r.signedOn,
      submittedAtText: r.submittedAt ? formatInstant(r.submittedAt) : "",
      late: r.late,
      correctsId: r.correctsId,
      disposition: r.disposition,
    })),
    invitee: view.invitee,
    needsCode: view.viaLink,
    todayText: formatDutchDate(todayInAmsterdam(now)),
    deadlineText: formatInstant(view.deadlineAt),
    timeLeft: describeTimeLeft(view.deadlineAt, now),
    termWeeks: view.termWeeks,
    focus: ROUND_KINDS[view.kind as RoundKind]?.focus ?? "",
  };
}
