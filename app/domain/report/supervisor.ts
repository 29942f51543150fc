// Who supervises this case, as the report names them: the Toezicht Wmo (with its municipality)
// for Wmo care, the Inspectie Gezondheidszorg en Jeugd for Jeugdwet care, both when the calamity
// falls under both laws (seed 000 §5.2). Pure and browser-safe.
import { SUPERVISORS } from "../investigation-fields.ts";

export interface SupervisedCase {
  supervisor: string; // toezicht_wmo | igj
  supervisorMunicipality: string | null;
  legalFrame: string;
}

function one(key: string, municipality: string | null): string {
  const name = SUPERVISORS[key as keyof typeof SUPERVISORS] ?? key;
  // The municipality belongs to the Toezicht Wmo only (a stale one under the IGJ is not printed).
  return key === "toezicht_wmo" && municipality?.trim() ? `${name}, ${municipality.trim()}` : name;
}

/** The supervisors of the case, in the order the report names them. */
export function caseSupervisors(c: SupervisedCase): string[] {
  if (c.legalFrame === "wmo_jeugdwet") return [one("toezicht_wmo", c.supervisorMunicipality), one("igj", null)];
  return [one(c.supervisor, c.supervisorMunicipality)];
}

/** "Toezicht Wmo (gemeente), Westerkwartier" / "Inspectie Gezondheidszorg en Jeugd (IGJ)" / both with "en". */
export function caseSupervisorLabel(c: SupervisedCase): string {
  return caseSupervisors(c).join(" en ");
}
