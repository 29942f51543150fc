import type { Role } from "../roles.ts";

/** A ketenpartner is one person on behalf of one organisation: inviting one needs the organisation. */
export function roleNeedsOrganisation(role: Role): boolean {
  return role === "ketenpartner";
}

/** Only a toezichthouder can be invited into (or given) read access to the live workspace. */
export function roleMayHaveWorkspaceAccess(role: Role): boolean {
  return role === "toezichthouder";
}

/** Joining (or becoming) procesbegeleider of an investigation also lets the account create investigations. */
export function roleGrantsCreateInvestigations(role: Role): boolean {
  return role === "procesbegeleider";
}
