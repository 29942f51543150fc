// What the report builder needs besides the Y.Doc: the relational data, loaded by
// server/report/load.server.ts. Plain data; dates as ISO strings.
import type { ItemStatus, ReportAudience } from "./model.ts";

export interface ReportInvestigation {
  id: string;
  title: string;
  kind: string; // calamiteit | geweldsincident | incident
  legalFrame: string;
  reportingCriterion: string;
  calamityDate: string | null; // YYYY-MM-DD
  reportedDate: string | null; // YYYY-MM-DD
  supervisor: string; // toezicht_wmo | igj
  supervisorMunicipality: string | null;
  providers: string;
  analysisMethod: string; // metadata; the document's own method choice wins when set
}

/** Bijlage 1 item 1a. Only passed for the toezichthouder's version. */
export interface ReportClientIdentity {
  name: string;
  dateOfBirth: string | null;
  sex: string;
  indication: string;
}

/** Item 1c: a member of the calamiteitencommissie. */
export interface CommitteeMember {
  id: string;
  name: string;
  function: string;
  organisation: string;
  background: string;
  /** How involved the member was in the calamity / the care (free text, e.g. "niet betrokken"). */
  involvement: string;
  independence: "extern" | "intern_niet_betrokken" | "intern_betrokken";
  position: number;
}

export const INDEPENDENCE_LABELS: Record<CommitteeMember["independence"], string> = {
  extern: "Extern, onafhankelijk",
  intern_niet_betrokken: "Intern, niet betrokken bij de zorg",
  intern_betrokken: "Intern, betrokken bij de zorg",
};

/** Item 4a: a gesprek; the verslag itself is in the Y.Doc (`interview:<id>`). */
export interface ReportInterview {
  id: string;
  personFunction: string;
  initials: string;
  organisation: string;
  relation: string;
  heldOn: string; // YYYY-MM-DD
  interviewers: string;
}

/** A signed reaction from a comment round, with its disposition (appendix "reacties"). */
export interface ReportReaction {
  roundTitle: string;
  roundKind: "interview" | "draft_report";
  signerName: string;
  signerRole: string;
  signedOn: string; // YYYY-MM-DD
  pointerLabel: string;
  text: string;
  late: boolean;
  /** Who was invited (the toezichthouder's version prints it beside the signer). */
  inviteeName?: string;
  /** The signature's control hash (sha-256 over text, version, pointer and signer), as the printable view shows it. */
  signatureHash?: string;
  /** How the signer proved to be the invitee: the mailed one-time code, or their signed-in account. */
  signedWith?: "code" | "session" | null;
  disposition: { kind: "verwerkt" | "terzijde"; note: string; decidedOn: string } | null;
}

export interface ReportInput {
  audience: ReportAudience;
  investigation: ReportInvestigation;
  /** null for the ketenpartners' version, and when none has been recorded. */
  client: ReportClientIdentity | null;
  /** Status of item 1a for a version without the identity itself, so the outline can still show it. */
  clientStatus?: ItemStatus;
  committee: CommitteeMember[];
  interviews: ReportInterview[];
  reactions: ReportReaction[];
  /**
   * The signed reactions are left out on purpose (the ketenpartners' copy of a submitted version,
   * read by members who may not open every round; ADR 0012): Bijlage A says so instead of "none".
   */
  reactionsWithheld?: boolean;
  /** "Versie 3" for a submitted version, "Werkversie" for a download of the current state. */
  versionLabel: string;
  status: "concept" | "definitief";
  /** Today in Europe/Amsterdam, YYYY-MM-DD. */
  today: string;
  /** Who wrote the report (the procesbegeleider(s) and onderzoekers), for the title page and the file's metadata. */
  authors?: string[];
  /** Who to contact about the report: the procesbegeleider, "name, e-mail". */
  contact?: string | null;
  /** Item 4e: the protocols and guidelines attached as files, in upload order (issue 15). */
  attachments?: { filename: string; uploadedOn: string }[];
}
