// Comparing two submitted versions (issue 15): per checklist item what changed, from the report
// models stored with the versions (app/domain/report/compare.ts). For who assesses and who submits
// (report.versions.compare). The client's identity (1a) is compared but not shown: it stays in the
// downloaded versions. Reached from the versions list (?van=<id>&naar=<id>).
import { data, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/investigation-report-compare";
import reportCss from "~/components/report/report.css?url";
import { VERSION_STATUS_LABELS } from "~/domain/report/version-labels.ts";
import { VersionComparisonView } from "~/components/report/versions/VersionComparison.tsx";
import versionsCss from "~/components/report/versions/versions.css?url";
import { CHECKLISTS } from "~/domain/report/checklist.ts";
import { asReportModel, compareVersions } from "~/domain/report/compare.ts";
import { formatInstant } from "~/domain/rounds/state.ts";
import { requireInvestigation } from "~/lib/guards.server.ts";
import { listRequests, versionContents } from "../../server/report/versions.server.ts";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: reportCss },
  { rel: "stylesheet", href: versionsCss },
];

export const meta: Route.MetaFunction = ({ matches }) => {
  const parent = matches.find((m) => m?.id === "routes/investigation")?.data as { investigation?: { title: string } } | undefined;
  return [{ title: parent?.investigation ? `Versies vergelijken – ${parent.investigation.title} – Ketenlijn` : "Versies vergelijken – Ketenlijn" }];
};

/** Items never shown in the comparison: the restricted ones (client identity) of every checklist. */
const WITHHELD = new Set(CHECKLISTS.flatMap((c) => c.items.filter((i) => i.restricted).map((i) => i.id)));

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { investigationId } = await requireInvestigation(context, request, params.id, "report.versions.compare");
  const url = new URL(request.url);
  const fromId = url.searchParams.get("van") ?? "";
  const toId = url.searchParams.get("naar") ?? "";
  const back = `/onderzoeken/${investigationId}/rapport/versies`;
  const fail = (message: string, status = 400) => data({ ok: false as const, back, message }, { status });
  if (!fromId || !toId) return fail("Kies twee ingediende versies om te vergelijken.");
  if (fromId === toId) return fail("Kies twee verschillende versies om te vergelijken.");
  const versions = await versionContents(context.app, investigationId, [fromId, toId]);
  let from = versions.get(fromId);
  let to = versions.get(toId);
  if (!from || !to) return fail("Een van de gekozen versies bestaat niet (meer) in dit onderzoek.", 404);
  // Always from the earlier to the later version.
  if (from.number > to.number) [from, to] = [to, from];
  const before = asReportModel(from.content);
  const after = asReportModel(to.content);
  if (!before || !after) return fail("De inhoud van een van deze versies kan niet worden gelezen; download de bestanden om ze te vergelijken.", 422);
  const requests = await listRequests(context.app, investigationId);
  const answers = (v: typeof to) => {
    const r = v.answersRequestId ? requests.find((x) => x.id === v.answersRequestId) : undefined;
    return r ? { id: r.id, text: r.text, requestedBy: r.requestedBy, requestedAt: formatInstant(r.requestedAt) } : null;
  };
  const describe = (v: typeof to) => ({
    id: v.id,
    number: v.number,
    status: VERSION_STATUS_LABELS[v.status] ?? v.status,
    submittedAt: formatInstant(v.submittedAt),
    answers: answers(v),
  });
  return { ok: true as const, back, from: describe(from), to: describe(to), comparison: compareVersions(before, after, WITHHELD) };
}

export default function ReportCompare() {
  const d = useLoaderData<typeof loader>();
  if (!d.ok) {
    return (
      <>
        <h2>Versies vergelijken</h2>
        <p className="alert alert--error" role="alert">
          {d.message}
        </p>
        <p>
          <Link to={d.back}>Terug naar de rapportversies</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <p>
        <Link to={d.back}>← Rapportversies</Link>
      </p>
      <h2>{`Versie ${d.from.number} en versie ${d.to.number} vergelijken`}</h2>
      <dl className="meta">
        <dt>Eerdere versie</dt>
        <dd>{`Versie ${d.from.number}, ${d.from.status.toLowerCase()}, ingediend ${d.from.submittedAt}`}</dd>
        <dt>Latere versie</dt>
        <dd>{`Versie ${d.to.number}, ${d.to.status.toLowerCase()}, ingediend ${d.to.submittedAt}`}</dd>
      </dl>
      {d.to.answers ? (
        <section className="panel" aria-labelledby="vc-verzoek">
          <h3 id="vc-verzoek">{`Versie ${d.to.number} beantwoordt het verzoek om aanvulling`}</h3>
          <p className="muted">{`${d.to.answers.requestedBy}, ${d.to.answers.requestedAt}`}</p>
          <p style={{ whiteSpace: "pre-wrap" }}>{d.to.answers.text}</p>
          <Link to={`${d.back}#verzoek-${d.to.answers.id}`}>Naar het verzoek</Link>
        </section>
      ) : null}
      <VersionComparisonView comparison={d.comparison} />
    </>
  );
}
