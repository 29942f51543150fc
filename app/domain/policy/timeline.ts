import type { Role } from "../roles.ts";
import type { EventStatus } from "../timeline/vocabulary.ts";

// Permissions (domain.md §2). Pure rules, not enforced by the mutations above: the UI uses them
// to offer what is possible, and a server-side check of writes should call these same functions.

/** The investigation roles (app/domain/roles.ts); any other string is treated as "no rights". */
export type TimelineRole = Role | (string & {});
export type EventAction = "edit" | "delete" | "dispute" | "comment";
export const EVENT_ACTIONS: readonly EventAction[] = ["edit", "delete", "dispute", "comment"];

/** The lane's member organisation; null/undefined when the party is unknown. */
export type PartyOwnership = { organisationId?: string | null } | null | undefined;

function ownsLane(userOrganisationId: string | null | undefined, party: PartyOwnership): boolean {
  return !!userOrganisationId && !!party?.organisationId && party.organisationId === userOrganisationId;
}

/**
 * What a user may do with an event on `party`'s lane:
 * procesbegeleider and onderzoeker everything; a ketenpartner everything on their own
 * organisation's lane, and elsewhere only dispute (status betwist, with reason) and comment;
 * a toezichthouder (or an unknown role) nothing.
 */
export function allowedEventActions(
  role: TimelineRole,
  userOrganisationId: string | null | undefined,
  party: PartyOwnership,
): EventAction[] {
  switch (role) {
    case "procesbegeleider":
    case "onderzoeker":
      return [...EVENT_ACTIONS];
    case "ketenpartner":
      return ownsLane(userOrganisationId, party) ? [...EVENT_ACTIONS] : ["dispute", "comment"];
    default:
      return [];
  }
}

/** Whether the user may edit (and add) events on this party's lane. */
export function canEditEvent(
  role: TimelineRole,
  userOrganisationId: string | null | undefined,
  party: PartyOwnership,
): boolean {
  return allowedEventActions(role, userOrganisationId, party).includes("edit");
}

/** Whether the user may set this status: editors any status, disputers only "betwist". */
export function canSetEventStatus(
  role: TimelineRole,
  userOrganisationId: string | null | undefined,
  party: PartyOwnership,
  status: EventStatus,
): boolean {
  const actions = allowedEventActions(role, userOrganisationId, party);
  return actions.includes("edit") || (status === "betwist" && actions.includes("dispute"));
}

/** Parties (lanes) and periods shape the whole timeline: only the investigation's own team. */
export function canManageTimelineStructure(role: TimelineRole): boolean {
  return role === "procesbegeleider" || role === "onderzoeker";
}
