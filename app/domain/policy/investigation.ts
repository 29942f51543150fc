import type { Role } from "../roles.ts";

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

export function canCreateInvestigation(actor: Actor | null): boolean {
  return !!actor && actor.canCreateInvestigations;
}
