import type { Role } from "~/domain/roles.ts";
import type { Party, Period, TimelineEvent } from "~/domain/timeline/schema.ts";

/** A validated entry of the document, as the views use it. */
export interface Valid<T> {
  id: string;
  value: T;
}
export type PartyEntry = Valid<Party>;
export type PeriodEntry = Valid<Period>;
export type EventEntry = Valid<TimelineEvent>;

/** An entry that failed validation: shown as "ongeldige invoer", never crashes the page. */
export interface InvalidEntry {
  id: string;
  errors: string[];
  raw: unknown;
}

/** The signed-in user as the Tijdlijn page knows them (from the route loader). */
export interface WorkspaceUser {
  id: string;
  name: string;
  role: Role;
  organisationId: string | null;
  /** workspace.write: false for the toezichthouder (the server enforces the same). */
  canWrite: boolean;
}

export interface Organisation {
  id: string;
  name: string;
}

export type { PresencePeer } from "~/components/collab/types.ts";
