import { desc, eq } from "drizzle-orm";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/investigation-audit";
import { requireInvestigation } from "~/lib/guards.server.ts";
import { schema } from "../../db/client.ts";
import { DATA_EXPORT_AUDIT_LABELS } from "../../server/export/data-export.server.ts";
import { REPORT_AUDIT_LABELS } from "../../server/report/support.server.ts";

const ACTIONS: Record<string, string> = {
  "investigation.created": "Onderzoek aangemaakt",
  "investigation.updated": "Gegevens gewijzigd",
  "member.invited": "Uitgenodigd",
  "member.invitation_revoked": "Uitnodiging ingetrokken",
  "member.joined": "Deelnemer toegevoegd",
  "member.role_changed": "Rol gewijzigd",
  "member.removed": "Deelnemer verwijderd",
  "client.viewed": "Cliëntgegevens bekeken",
  "client.updated": "Cliëntgegevens gewijzigd",
  "deadline.changed": "Termijn gewijzigd",
  "deadline.done": "Termijn afgerond of heropend",
  "version.created": "Versie vastgelegd",
  "version.restored": "Versie teruggezet",
  "version.restore_undone": "Terugzetten van een versie ongedaan gemaakt",
  "interview.created": "Gesprek vastgelegd",
  "interview.updated": "Gesprek gewijzigd",
  "round.opened": "Reactieronde geopend",
  "round.extended": "Reactietermijn verlengd",
  "round.closed": "Reactieronde gesloten",
  "round.invitee_added": "Genodigde toegevoegd aan ronde",
  "round.late_allowed": "Reactie na de termijn toegestaan",
  "round.link_renewed": "Persoonlijke link vernieuwd",
  "round.link_revoked": "Persoonlijke link ingetrokken",
  "reaction.submitted": "Reactie ondertekend en ingediend",
  "reaction.disposition": "Reactie afgehandeld",
  "reaction.disposition_corrected": "Afhandeling van een reactie gecorrigeerd",
  "investigation.closed": "Onderzoek afgesloten (bewaartermijn loopt)",
  "investigation.purged": "Onderzoek verwijderd na de bewaartermijn",
  "organisation.retention_set": "Bewaartermijn van de organisatie gewijzigd",
  "person.exported": "Gegevens van een persoon geëxporteerd",
  "person.erased": "Gegevens van een persoon gewist",
  "person.restricted": "Verwerking van gegevens van een persoon beperkt",
  "person.unrestricted": "Beperking van de verwerking opgeheven",
  "person.erase_refused": "Wissen geweigerd (staat in een ingediende rapportversie)",
  ...REPORT_AUDIT_LABELS,
  ...DATA_EXPORT_AUDIT_LABELS,
};

// Dutch names for the detail fields; ids and hashes are left out of the overview.
const DETAIL_LABELS: Record<string, string> = {
  title: "titel",
  role: "rol",
  organisation: "organisatie",
  purpose: "doel",
  changed: "gewijzigd",
  key: "termijn",
  from: "van",
  to: "naar",
  reason: "reden",
  done: "afgerond",
  kind: "soort",
  deadline: "termijn tot",
  invitees: "genodigden",
  late: "na de termijn",
  function: "functie",
  heldOn: "datum",
  via: "via",
  disposition: "afhandeling",
  method: "methode",
  retentionUntil: "bewaren tot",
  years: "jaar",
  name: "naam",
  versionName: "versie",
  backupName: "vorige stand bewaard als",
  overwritten: "wijzigingen overschreven van",
};
const HIDDEN_DETAILS = /(Id|Hash|^userId|^viaInvitation)$/;

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
      action: ACTIONS[r.action] ?? r.action,
      actor: r.actor ?? "—",
      subject: r.subjectEmail ?? "",
      details: Object.entries(r.details ?? {})
        .filter(([k]) => !HIDDEN_DETAILS.test(k))
        .map(([k, v]) => `${DETAIL_LABELS[k] ?? k}: ${formatDetail(v)}`)
        .join("; "),
    })),
  };
}

function formatDetail(v: unknown): string {
  if (typeof v === "boolean") return v ? "ja" : "nee";
  if (Array.isArray(v)) return v.join(", ");
  return typeof v === "string" ? v : JSON.stringify(v);
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
