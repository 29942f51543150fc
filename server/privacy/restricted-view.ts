// Restriction (AVG art. 18, ADR 0012) on the rounds and interview pages: a restricted person's
// name, e-mail address and the details that identify them are left out of what the loaders send,
// for everyone but the procesbegeleider (privacy.manage), who must still be able to see whom a
// restriction concerns and lift it. The rows themselves stay (the verslag, counts, dispositions).
import { can, type Membership } from "../../app/domain/policy.ts";
import type { FrozenDocument } from "../../app/domain/rounds/frozen.ts";
import type { Database } from "../../db/client.ts";
import { restrictedPersons } from "./persons.ts";

export const RESTRICTED_PERSON = "Persoon met beperkte verwerking";
export const RESTRICTED_INTERVIEW_TITLE = "Verslag van een gesprek (verwerking beperkt)";

export interface HiddenPersons {
  interviewee(interviewId: string | null | undefined): boolean;
  reactant(email: string): boolean;
}

const NONE: HiddenPersons = { interviewee: () => false, reactant: () => false };

/** Whom this member may not see: nobody for the procesbegeleider, else the restricted persons. */
export async function hiddenPersonsFor(db: Database, membership: Membership, investigationId: string): Promise<HiddenPersons> {
  if (can(membership, "privacy.manage")) return NONE;
  const restricted = await restrictedPersons(db, investigationId);
  if (restricted.size === 0) return NONE;
  return {
    interviewee: (id) => !!id && restricted.has(`interviewee:${id}`),
    reactant: (email) => restricted.has(`reactant:${email.toLowerCase()}`),
  };
}

/** A round's title as this member may see it (an interview round names the interviewee). */
export function roundTitleFor(hidden: HiddenPersons, round: { interviewId: string | null; title: string }): string {
  return hidden.interviewee(round.interviewId) ? RESTRICTED_INTERVIEW_TITLE : round.title;
}

/** The frozen verslag of an interview round without the facts that identify the interviewee. */
export function redactFrozenInterview(frozen: FrozenDocument): FrozenDocument {
  const identifying = new Set(["Gesproken met", "Organisatie", "Relatie tot de casus"]);
  return {
    ...frozen,
    title: RESTRICTED_INTERVIEW_TITLE,
    facts: frozen.facts.map((f) => (identifying.has(f.label) ? { ...f, value: f.label === "Gesproken met" ? RESTRICTED_PERSON : "—" } : f)),
  };
}
