// /reactie/<token>: the personal-link page of a comment round. Reachable without an account; it
// shows one round's frozen document and the reaction form, and nothing else of the investigation
// (no title, no navigation, no websocket). Only this page and its frozen draft's .docx
// (reaction-draft-docx.tsx) accept the token (ADR 0005).
import { data, useActionData, useLoaderData, useParams, type ShouldRevalidateFunctionArgs } from "react-router";
import type { Route } from "./+types/reaction";
import roundsCss from "~/components/rounds/rounds.css?url";
import { ReactionWorkspace, type ReactionResult } from "~/components/rounds/ReactionWorkspace.tsx";
import { formValues } from "~/lib/guards.server.ts";
import { handleReactionAction, linkProblemResult, reactionPageData } from "../../server/rounds/reaction-form.ts";
import { LINK_PROBLEMS, reactantView, resolveLink } from "../../server/rounds/reactions.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: roundsCss }];

export const meta: Route.MetaFunction = () => [
  { title: "Reageren – Ketenlijn" },
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: "same-origin" },
];

// The token is in the path: never send it to another site as a Referer ("same-origin": only our
// own server, which knows it; "no-referrer" would make browsers send `Origin: null` on a form post
// without JavaScript, which the CSRF check refuses), never keep the page in a shared cache.
export const headers: Route.HeadersFunction = () => ({
  "Referrer-Policy": "same-origin",
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex, nofollow",
});

export async function loader({ context, params }: Route.LoaderArgs) {
  const found = await resolveLink(context.app, params.token);
  if (!found.ok) return data({ problem: LINK_PROBLEMS[found.reason], page: null }, { status: found.reason === "unknown" ? 404 : 410, headers: { "Cache-Control": "no-store" } });
  const view = await reactantView(context.app, found.round, found.invitee);
  return data({ problem: null, page: reactionPageData(view, context.app.clock.now()) }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const values = await formValues(request);
  const found = await resolveLink(context.app, params.token);
  if (!found.ok) return data(linkProblemResult(values, LINK_PROBLEMS[found.reason]), { status: found.reason === "unknown" ? 404 : 410 });
  const { status, result } = await handleReactionAction(context.app, found.round, found.invitee, values);
  return data(result, { status });
}

// Autosave does not need the page reloaded.
export function shouldRevalidate({ formData, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formData?.get("intent") === "autosave") return false;
  return defaultShouldRevalidate;
}

export default function Reaction() {
  const { problem, page } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ReactionResult | undefined;
  const { token } = useParams();
  if (!page) {
    return (
      <div className="page page--narrow">
        <h1>Deze link werkt niet (meer)</h1>
        <div className="alert alert--error" role="alert">
          {result?.message ?? problem}
        </div>
        {result?.values.text ? (
          <div className="field">
            <label htmlFor="f-kept">Uw tekst (niet opgeslagen: kopieer hem als u hem wilt bewaren)</label>
            <textarea id="f-kept" readOnly rows={10} value={result.values.text} />
          </div>
        ) : null}
      </div>
    );
  }
  return (
    <div className="page">
      <h1>Reageren op: {page.frozen.title}</h1>
      <p>
        U bent uitgenodigd om te reageren op {page.focus}. U reageert als <strong>{page.invitee.name}</strong>
        {page.invitee.relation ? ` (${page.invitee.relation})` : ""}.
      </p>
      <p>
        Reageren kan tot en met {page.deadlineText} (termijn {page.termWeeks} weken): <span className="time-left">{page.timeLeft}</span>.
      </p>
      <ReactionWorkspace {...page} result={result} docxHref={`/reactie/${token}/concept.docx`} />
    </div>
  );
}
