import type { Role } from "../roles.ts";

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

/** Roles that make an account a supervisor for the loket (LoketActor.isSupervisor): it then sees no meldingen. */
export const LOKET_SUPERVISOR_ROLES: readonly Role[] = ["toezichthouder"];
/** Outside the loket, the leeroverzicht covers the investigations in which the account has one of these roles. */
export const LEEROVERZICHT_ROLES: readonly Role[] = ["procesbegeleider"];
