// Vocabulary of submitted report versions and the toezichthouder's assessment (domain.md §5).
// Browser-safe: shared by the pages and the server.

export const VERSION_STATUSES = ["concept", "definitief"] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
export const VERSION_STATUS_LABELS: Record<VersionStatus, string> = { concept: "Concept", definitief: "Definitief" };

/** The three aspects the toezichthouder judges (000 §5.2). */
export const ASSESSMENT_ASPECTS = ["onderzoeksopzet", "navolgbaarheid", "verbetermaatregelen"] as const;
export type AssessmentAspect = (typeof ASSESSMENT_ASPECTS)[number];
export const ASPECT_LABELS: Record<AssessmentAspect, { label: string; hint: string }> = {
  onderzoeksopzet: { label: "Onderzoeksopzet", hint: "Kwaliteit van de opzet: commissie, betrokkenen gehoord, bronnen, methode." },
  navolgbaarheid: { label: "Navolgbaarheid", hint: "Analyse, conclusies en eventuele nalatigheid volgen uit de feiten." },
  verbetermaatregelen: { label: "Verbetermaatregelen", hint: "Sluiten aan op de oorzaken; SMART, met tijdpad, uitvoering en borging." },
};

export const VERDICTS = ["voldoende", "onvoldoende"] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_LABELS: Record<Verdict, string> = { voldoende: "Voldoende", onvoldoende: "Onvoldoende" };

/** The first characters of a SHA-256, enough to compare by eye. */
export function shortSha(hash: string): string {
  return hash.slice(0, 12);
}
