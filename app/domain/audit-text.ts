// The Logboek in Dutch (issue 15: "no English reaches users"): every audit action and every detail
// key and coded value becomes Dutch text. Ids and hashes are left out of the overview; a key not
// known here is shown as "overig" rather than as its English code.
import { formatDutchDate } from "./calendar-date.ts";
import { ANALYSIS_METHODS, PHASES, SUPERVISORS } from "./investigation-fields.ts";
import { ROLE_LABELS } from "./roles.ts";

/** Every action the server logs for an investigation, with its Dutch label (server/audit.ts accepts only these and the account actions). */
export const AUDIT_ACTIONS = {
  "investigation.created": "Onderzoek aangemaakt",
  "investigation.updated": "Gegevens gewijzigd",
  "investigation.closed": "Onderzoek afgesloten (bewaartermijn loopt)",
  "investigation.purged": "Onderzoek verwijderd na de bewaartermijn",
  "member.invited": "Uitgenodigd",
  "member.invitation_revoked": "Uitnodiging ingetrokken",
  "member.joined": "Deelnemer toegevoegd",
  "member.role_changed": "Rol gewijzigd",
  "member.removed": "Deelnemer verwijderd",
  "member.workspace_access_changed": "Toegang tot de werkruimte gewijzigd",
  "client.viewed": "Cliëntgegevens bekeken",
  "client.updated": "Cliëntgegevens gewijzigd",
  "deadline.changed": "Termijn gewijzigd",
  "deadline.done": "Termijn afgerond of heropend",
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
  "organisation.retention_set": "Bewaartermijn van de organisatie gewijzigd",
  "person.exported": "Gegevens van een persoon geëxporteerd",
  "person.erased": "Gegevens van een persoon gewist",
  "person.restricted": "Verwerking van gegevens van een persoon beperkt",
  "person.unrestricted": "Beperking van de verwerking opgeheven",
  "person.erase_refused": "Wissen geweigerd (staat in een ingediende rapportversie)",
  "report.exported": "Rapport gedownload (werkversie)",
  "report.submitted": "Rapportversie ingediend bij de toezichthouder",
  "report.version_downloaded": "Ingediende rapportversie gedownload",
  "report.assessed": "Beoordeling vastgelegd",
  "report.request_created": "Verzoek om aanvulling gedaan",
  "report.request_handled": "Verzoek om aanvulling afgehandeld",
  "report.final_applied": "Definitief rapport: termijnen gehaald en fase bijgewerkt",
  "report.final_sent": "Definitief rapport gemaild aan de indieners van reacties",
  "committee.member_added": "Commissielid toegevoegd",
  "committee.member_updated": "Commissielid gewijzigd",
  "committee.member_removed": "Commissielid verwijderd",
  "committee.reordered": "Volgorde van de commissie gewijzigd",
  "report.assessment_shared": "Beoordeling gedeeld met de ketenpartners",
  "report.attachment_added": "Protocol als bijlage toegevoegd (4e)",
  "report.attachment_removed": "Bijlage verwijderd (4e)",
  "report.attachment_downloaded": "Bijlage gedownload (4e)",
  "version.created": "Versie vastgelegd",
  "version.restored": "Versie teruggezet",
  "version.restore_undone": "Terugzetten van een versie ongedaan gemaakt",
  "timeline.exported": "Tijdlijn gedownload (gegevens of poster)",
  "analysis.exported": "Analyse gedownload (gegevens)",
  "melding.registered": "Melding geregistreerd",
  "melding.submitted": "Melding ingediend",
  "melding.viewed": "Melding bekeken",
  "melding.screened": "Melding gescreend",
  "melding.investigation_started": "Leeronderzoek gestart vanuit een melding",
  "loket.exported": "Register of jaaroverzicht van het loket gedownload",
} satisfies Record<string, string>;

export type InvestigationAuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_DETAIL_LABELS: Record<string, string> = {
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
  viaLink: "via persoonlijke link",
  disposition: "afhandeling",
  method: "methode",
  analysisMethod: "methode",
  retentionUntil: "bewaren tot",
  closedOn: "afgesloten op",
  years: "jaar",
  until: "tot",
  note: "toelichting",
  previous: "eerdere afhandeling",
  decidedAt: "vastgelegd op",
  number: "versie",
  status: "status",
  bytes: "grootte",
  audience: "versie voor",
  direction: "richting",
  workspaceAccess: "toegang tot de werkruimte",
  signedWith: "bevestigd met",
  secondFactor: "tweede factor",
  step: "stap",
  deadlinesMet: "termijnen gehaald",
  phase: "fase",
  recipients: "ontvangers",
  filename: "bestand",
  name: "naam",
  versionName: "versie",
  backupName: "bewaard als",
  overwritten: "wijzigingen overschreven van",
  bestand: "bestand",
  file: "bestand",
  versie: "versie",
  variant: "variant",
  format: "formaat",
  filter: "filter",
  rows: "regels",
  year: "jaar",
  decision: "besluit",
  withIdentity: "met cliëntgegevens",
};

/** Field names that appear as values (e.g. `changed: ["analysisMethod"]`). */
const FIELD_NAMES: Record<string, string> = {
  title: "titel",
  kind: "soort",
  legalFrame: "wettelijk kader",
  reportingCriterion: "meldcriterium",
  calamityDate: "datum calamiteit",
  reportedDate: "datum melding",
  supervisor: "toezichthouder",
  supervisorMunicipality: "gemeente",
  providers: "aanbieders",
  analysisMethod: "analysemethode",
  phase: "fase",
  name: "naam",
  function: "functie",
  organisation: "organisatie",
  expertise: "deskundigheid",
  independent: "onafhankelijk",
  personFunction: "functie",
  initials: "initialen",
  relation: "relatie",
  heldOn: "datum",
  interviewers: "gesprekvoerders",
  eigen_onderzoek: "onderzoeksrapport van het eigen onderzoek",
  rapport_toezichthouder: "rapport aan de toezichthouder",
  melding: "melding",
  ontvangstbevestiging: "ontvangstbevestiging",
  feitenrelaas: "feitenrelaas",
};

/** Coded values, per detail key where the same code could mean different things. */
const VALUES: Record<string, Record<string, string>> = {
  kind: { draft_report: "conceptrapport", interview: "verslag van een gesprek", verwerkt: "verwerkt", terzijde: "gemotiveerd terzijde gelegd", client: "cliënt", committee: "commissielid", interviewee: "gesproken persoon", reactant: "indiener van een reactie" },
  status: { concept: "concept", definitief: "definitief" },
  audience: { ketenpartners: "de ketenpartners", toezichthouder: "de toezichthouder" },
  direction: { up: "omhoog", down: "omlaag" },
  signedWith: { code: "eenmalige code per e-mail", session: "ingelogd account" },
  secondFactor: { totp: "authenticator-app", none: "geen" },
  step: { code: "code" },
  role: ROLE_LABELS,
  method: ANALYSIS_METHODS,
  analysisMethod: ANALYSIS_METHODS,
  supervisor: SUPERVISORS,
  phase: PHASES,
  key: FIELD_NAMES,
};

const HIDDEN = /(Id|Hash|^userId|^viaInvitation|^sha256|^decidedBy)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function formatValue(key: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? "ja" : "nee";
  if (typeof v === "number") return key === "bytes" ? `${Math.max(1, Math.round(v / 1024)).toLocaleString("nl-NL")} kB` : v.toLocaleString("nl-NL");
  if (Array.isArray(v)) return v.map((x) => (typeof x === "string" ? (FIELD_NAMES[x] ?? formatValue(key, x)) : formatValue(key, x))).join(", ");
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("from" in o && "to" in o && Object.keys(o).length === 2) return `${formatValue(key, o.from)} → ${formatValue(key, o.to)}`;
    return `(${describeDetails(o)})`;
  }
  const s = String(v);
  const coded = VALUES[key]?.[s];
  if (coded) return coded;
  if (ISO_DATE.test(s)) return formatDutchDate(s);
  if (ISO_INSTANT.test(s)) {
    const d = new Date(s);
    if (!Number.isNaN(d.getTime())) return new Intl.DateTimeFormat("nl-NL", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" }).format(d);
  }
  return s;
}

/** An audit row's details as one Dutch line: "label: value; …", without ids and hashes. */
export function describeDetails(details: Record<string, unknown> | null | undefined): string {
  return Object.entries(details ?? {})
    .filter(([k]) => !HIDDEN.test(k))
    .map(([k, v]) => `${AUDIT_DETAIL_LABELS[k] ?? "overig"}: ${formatValue(k, v)}`)
    .join("; ");
}

export function describeAction(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? "Andere handeling";
}
