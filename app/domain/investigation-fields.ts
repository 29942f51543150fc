// Vocabularies of an investigation's metadata, with their Dutch labels.

export const KINDS = { calamiteit: "Calamiteit", geweldsincident: "Geweldsincident", incident: "Incident" } as const;
export const LEGAL_FRAMES = { wmo: "Wmo 2015", jeugdwet: "Jeugdwet", wmo_jeugdwet: "Wmo 2015 en Jeugdwet", zvw: "Zvw", wlz: "Wlz", forensisch: "Forensisch" } as const;
// The incidentenloket's reporting criteria (domain.md §8, seed 001).
export const REPORTING_CRITERIA = {
  meldplicht_calamiteit: "Wettelijke meldplicht: calamiteit",
  natuurlijk_overlijden_bijzonder: "Natuurlijk overlijden met een bijzonderheid",
  suicide_onnatuurlijk: "(Poging tot) suïcide of vermoeden van niet-natuurlijk overlijden",
  ernstig_geweld: "Ernstig geweld of grensoverschrijdend gedrag",
  geweld_medewerkers: "Geweld tegen medewerkers",
  vermissing: "Vermissing met risico",
  maatschappelijke_onrust: "Andere situatie die (mogelijk) maatschappelijke onrust veroorzaakt",
} as const;
export const SUPERVISORS = { toezicht_wmo: "Toezicht Wmo (gemeente)", igj: "Inspectie Gezondheidszorg en Jeugd (IGJ)" } as const;
export const ANALYSIS_METHODS = { sire: "SIRE", prisma: "PRISMA", tripod_beta: "Tripod Beta", dam: "DAM", other: "Andere methode" } as const;
// Westerkwartier protocol (seed 002) steps, in order.
export const PHASES = {
  melden: "Melden",
  ontvangst: "Ontvangst",
  beoordeling: "Beoordeling",
  informeren: "Informeren",
  onderzoek: "Onderzoek",
  afronding: "Afronding",
} as const;

export type Kind = keyof typeof KINDS;
export type LegalFrame = keyof typeof LEGAL_FRAMES;
export type ReportingCriterion = keyof typeof REPORTING_CRITERIA;
export type Supervisor = keyof typeof SUPERVISORS;
export type AnalysisMethod = keyof typeof ANALYSIS_METHODS;
export type Phase = keyof typeof PHASES;

export const keysOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
