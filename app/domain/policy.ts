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
] as const;
export type InvestigationAction = (typeof INVESTIGATION_ACTIONS)[number];

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
  ]),
  toezichthouder: new Set<InvestigationAction>([
    "investigation.view",
    "members.view",
    "deadlines.view",
    "workspace.read",
    "assessment.record",
    "interviews.view",
    "rounds.view",
  ]),
};

export interface Actor {
  userId: string;
  canCreateInvestigations: boolean;
}

export interface Membership {
  role: Role;
  organisationId: string | null;
}

/** null membership = not a member: nothing is allowed, and callers answer 404. */
export function can(membership: Membership | null, action: InvestigationAction): boolean {
  if (!membership) return false;
  return ALLOWED[membership.role]?.has(action) ?? false;
}

export function canCreateInvestigation(actor: Actor | null): boolean {
  return !!actor && actor.canCreateInvestigations;
}
