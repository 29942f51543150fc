import { desc, eq } from "drizzle-orm";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/investigation-audit";
import { requireInvestigation } from "~/lib/guards.server.ts";
import { schema } from "../../db/client.ts";
import { describeAction, describeDetails } from "~/domain/audit-text.ts";

/** Rows per page; older rows are on the next pages (?pagina=2, …), so nothing is out of reach. */
export const AUDIT_PAGE_SIZE = 500;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  await requireInvestigation(context, request, params.id, "audit.view");
  const requested = Number.parseInt(new URL(request.url).searchParams.get("pagina") ?? "1", 10);
  const page = Number.isSafeInteger(requested) && requested >= 1 ? requested : 1;
  const found = await context.app.db
    .select({ at: schema.auditLog.at, action: schema.auditLog.action, actor: schema.users.name, subjectEmail: schema.auditLog.subjectEmail, details: schema.auditLog.details })
    .from(schema.auditLog)
    .leftJoin(schema.users, eq(schema.users.id, schema.auditLog.actorId))
    .where(eq(schema.auditLog.investigationId, params.id))
    .orderBy(desc(schema.auditLog.at), desc(schema.auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  // One row more than a page tells whether there is a next one.
  const hasNext = found.length > AUDIT_PAGE_SIZE;
  const rows = found.slice(0, AUDIT_PAGE_SIZE);
  const fmt = new Intl.DateTimeFormat("nl-NL", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Amsterdam" });
  return {
    page,
    hasNext,
    rows: rows.map((r) => ({
      at: fmt.format(r.at),
      action: describeAction(r.action),
      actor: r.actor ?? "—",
      subject: r.subjectEmail ?? "",
      details: describeDetails(r.details as Record<string, unknown> | null),
    })),
  };
}

export default function AuditLog() {
  const { rows, page, hasNext } = useLoaderData<typeof loader>();
  const pager =
    page > 1 || hasNext ? (
      <nav className="pager" aria-label="Pagina's van het logboek">
        {page > 1 ? <Link to={page === 2 ? "?" : `?pagina=${page - 1}`}>Nieuwere regels</Link> : null}{" "}
        <span className="muted">Pagina {page}</span>{" "}
        {hasNext ? <Link to={`?pagina=${page + 1}`}>Oudere regels</Link> : null}
      </nav>
    ) : null;
  return (
    <>
      <h2>Logboek</h2>
      <p className="muted">Wie deed wat in dit onderzoek, nieuwste eerst ({AUDIT_PAGE_SIZE} regels per pagina).</p>
      {rows.length === 0 ? (
        <div className="empty">Nog niets vastgelegd.</div>
      ) : (
        // Focusable so that keyboard users can scroll it sideways on a narrow screen.
        <div className="table-scroll" role="region" aria-label="Logboek" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Moment</th>
                <th scope="col">Handeling</th>
                <th scope="col">Door</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <td>{r.at}</td>
                  <td>{r.action}</td>
                  <td>{r.actor}</td>
                  <td>
                    {r.subject ? `${r.subject} ` : ""}
                    <span className="muted">{r.details}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pager}
    </>
  );
}
