import type { Role } from "./roles.ts";

/**
 * The one place that decides permissions. Every loader, action and the websocket asks it.
 * Pure: callers load the membership, this decides.
 */
export const INVESTIGATION_ACTIONS = [
  "investigation.view",
  "investigation.edit",
  "client.view",
  "client.edit",
  "members.view",
  "members.manage",
  "deadlines.view",
  "deadlines.edit",
  "audit.view",
  "workspace.read",
  "workspace.write",
  "analysis.write",
  "assessment.record",
  "interviews.view",
  "interviews.edit",
  "rounds.view",
  "rounds.manage",
  "rounds.react",
  // The zelfonderzoek report (issue 6).
  "report.view",
  "report.export",
  "report.submit",
  "report.versions.view",
  "report.versions.download",
  "report.requests.create",
  "report.requests.handle",
  // Versions and assessments beyond the supervisor (issue 15): comparing two versions; every
  // assessment and request (ketenpartners see only the assessments shared with them); the
  // ketenpartners' variant of a submitted version; sharing an assessment with the ketenpartners.
  "report.versions.compare",
  "report.assessments.view_all",
  "report.requests.view",
  "report.versions.download_partners",
  "assessment.share",
  "committee.edit",
  // Data-subject rights and retention (issue 16): export, restrict, erase, close the investigation.
  "privacy.manage",
] as const;
export type InvestigationAction = (typeof INVESTIGATION_ACTIONS)[number];

/**
 * The live workspace: the Yjs document (websocket), the pages that show it, and the report outline
 * built from it. A toezichthouder has these only when the procesbegeleider invited them into the
 * workspace (`workspaceAccess`); everyone else who has them, has them by role.
 */
export const WORKSPACE_ACTIONS: ReadonlySet<InvestigationAction> = new Set<InvestigationAction>([
  "workspace.read",
  "interviews.view",
  "rounds.view",
  "report.view",
]);

const ALLOWED: Record<Role, ReadonlySet<InvestigationAction>> = {
  procesbegeleider: new Set<InvestigationAction>([
    "investigation.view",
    "investigation.edit",
    "client.view",
    "client.edit",
    "members.view",
    "members.manage",
    "deadlines.view",
    "deadlines.edit",
    "audit.view",
    "workspace.read",
    "workspace.write",
    "analysis.write",
    "interviews.view",
    "interviews.edit",
    "rounds.view",
    "rounds.manage",
    "report.view",
    "report.export",
    "report.submit",
    "report.versions.view",
    "report.versions.download",
    "report.requests.handle",
    "report.versions.compare",
    "report.assessments.view_all",
    "report.requests.view",
    "report.versions.download_partners",
    "assessment.share",
    "committee.edit",
    "privacy.manage",
  ]),
  onderzoeker: new Set<InvestigationAction>([
    "investigation.view",
    "members.view",
    "deadlines.view",
    "workspace.read",
    "workspace.write",
    "analysis.write",
    "interviews.view",
    "interviews.edit",
    "rounds.view",
    "rounds.react",
    "report.view",
    "report.export",
    // The committee sees which versions went out and how they were assessed; the stored .docx
    // itself contains the client's identity, so downloading it is not theirs.
    "report.versions.view",
    "report.assessments.view_all",
    "report.requests.view",
    "report.versions.download_partners",
    "committee.edit",
  ]),
  ketenpartner: new Set<InvestigationAction>([
    "investigation.view",
    "members.view",
    "deadlines.view",
    "workspace.read",
    "workspace.write",
    "interviews.view",
    "rounds.view",
    "rounds.react",
    "report.view",
    "report.export",
    // The submitted versions of their investigation, read-only: the list and the ketenpartners'
    // variant (ADR 0012); of the assessments only those the procesbegeleider shared.
    "report.versions.view",
    "report.versions.download_partners",
  ]),
  // Assigned to the investigation: the overview, the submitted versions, assessments and requests.
  // The workspace actions (WORKSPACE_ACTIONS) are added only with workspaceAccess.
  toezichthouder: new Set<InvestigationAction>([
    "investigation.view",
    "members.view",
    "deadlines.view",
    "assessment.record",
    "report.versions.view",
    "report.versions.download",
    "report.versions.compare",
    "report.assessments.view_all",
    "report.requests.view",
    "report.requests.create",
  ]),
};

export interface Actor {
  userId: string;
  canCreateInvestigations: boolean;
}

export interface Membership {
  role: Role;
  organisationId: string | null;
  /**
   * A toezichthouder invited into the live workspace (read only). Ignored for other roles.
   * Absent counts as false: a caller that forgets to load it grants less, never more.
   */
  workspaceAccess?: boolean;
}

/** null membership = not a member: nothing is allowed, and callers answer 404. */
export function can(membership: Membership | null, action: InvestigationAction): boolean {
  if (!membership) return false;
  if (ALLOWED[membership.role]?.has(action)) return true;
  return membership.role === "toezichthouder" && membership.workspaceAccess === true && WORKSPACE_ACTIONS.has(action);
}

/**
 * Exporting the report: the ketenpartners' version (without client identity) with `report.export`;
 * the toezichthouder's version contains the client's identity (Bijlage 1 item 1a), so it also
 * needs `client.view`.
 */
export function canExport(membership: Membership | null, audience: "toezichthouder" | "ketenpartners"): boolean {
  if (!can(membership, "report.export")) return false;
  return audience === "ketenpartners" || can(membership, "client.view");
}

export function canCreateInvestigation(actor: Actor | null): boolean {
  return !!actor && actor.canCreateInvestigations;
}

// The incidentenloket (issue 10; ADR 0018). Account-wide, like the right to create investigations:
// a loketmedewerker registers, screens and follows up every melding and sees the overviews
// across investigations. Other signed-in accounts may submit a melding and see only their own
// submissions; an account that acts as toezichthouder anywhere sees no meldingen at all.
export const LOKET_ACTIONS = [
  "melding.submit",
  "melding.register",
  "melding.list_all",
  "melding.screen",
  "melding.identity",
  "melding.start_investigation",
  "loket.export",
  "loket.overview",
] as const;
export type LoketAction = (typeof LOKET_ACTIONS)[number];

export interface LoketActor {
  userId: string;
  isLoket: boolean;
  /** Holds a toezichthouder membership in some investigation (and is no loketmedewerker). */
  isSupervisor: boolean;
}

export function canLoket(actor: LoketActor | null, action: LoketAction): boolean {
  if (!actor) return false;
  if (actor.isLoket) return true;
  return action === "melding.submit" && !actor.isSupervisor;
}

/** What the actor sees of one melding: everything (the loket), their own submission, or nothing (404). */
export function meldingView(actor: LoketActor | null, melding: { submittedBy: string | null }): "full" | "own" | null {
  if (!actor) return null;
  if (actor.isLoket) return "full";
  if (!actor.isSupervisor && melding.submittedBy === actor.userId) return "own";
  return null;
}
