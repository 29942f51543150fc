// Vocabularies of the incidentenloket (seed 000, 001; domain.md §10) with their Dutch labels.
// The criteria and categories are data (templates/loket-criteria.json) so they can grow.
import { z } from "zod";
import criteriaJson from "../../../templates/loket-criteria.json";
import { REPORTING_CRITERIA, type ReportingCriterion } from "../investigation-fields.ts";

export const CHANNELS = { email: "E-mail", telefoon: "Telefoon", formulier: "Formulier", ambtshalve: "Ambtshalve" } as const;
export const LOKET_FRAMES = {
  wmo: "Wmo",
  jeugdwet: "Jeugdwet",
  wmo_jeugdwet: "Wmo en Jeugdwet",
  zvw: "Zvw",
  wlz: "Wlz",
  forensisch: "Forensisch",
  geen: "Geen",
} as const;
export const URGENCIES = { normaal: "Normaal", hoog: "Hoog", spoed: "Spoed" } as const;
export const STATUSES = { nieuw: "Nieuw", in_screening: "In screening", afgehandeld: "Afgehandeld" } as const;
export const DECISIONS = {
  geen_actie: "Geen actie",
  advies: "Advies gegeven",
  procescoordinatie: "Procescoördinatie",
  leeronderzoek: "Leeronderzoek gestart",
} as const;
/** The 4 P's: impact on personeel, publiek, pers, politiek (000 §2). */
export const IMPACTS = { personeel: "Personeel", publiek: "Publiek", pers: "Pers", politiek: "Politiek" } as const;
export const LOKET_SUPERVISORS = { toezicht_wmo: "Toezicht Wmo", igj: "Inspectie Gezondheidszorg en Jeugd (IGJ)" } as const;
export const SUPERVISOR_DECISIONS = {
  zelfonderzoek: "Zelfonderzoek gevraagd",
  eigen_onderzoek: "Eigen onderzoek",
  geen: "Geen onderzoek",
} as const;

export type Channel = keyof typeof CHANNELS;
export type LoketFrame = keyof typeof LOKET_FRAMES;
export type Urgency = keyof typeof URGENCIES;
export type MeldingStatus = keyof typeof STATUSES;
export type Decision = keyof typeof DECISIONS;
export type Impact = keyof typeof IMPACTS;

const id = z.string().regex(/^[a-z0-9_]+$/);
const criteriaFileSchema = z
  .object({
    version: z.number().int().positive(),
    criteria: z
      .array(
        z.object({
          id,
          label: z.string().min(1),
          investigationCriterion: z.enum(Object.keys(REPORTING_CRITERIA) as [ReportingCriterion, ...ReportingCriterion[]]),
          categories: z.array(z.object({ id, label: z.string().min(1) })).min(1),
        }),
      )
      .min(1),
  })
  .superRefine((f, c) => {
    const ids = f.criteria.flatMap((k) => k.categories.map((x) => x.id));
    if (new Set(ids).size !== ids.length) c.addIssue({ code: "custom", message: "categorie-id dubbel" });
  });

export interface Criterion {
  id: string;
  label: string;
  investigationCriterion: ReportingCriterion;
  categories: { id: string; label: string }[];
}

export const CRITERIA: Criterion[] = criteriaFileSchema.parse(criteriaJson).criteria;
export const CATEGORY_LABELS: Record<string, string> = Object.fromEntries(CRITERIA.flatMap((c) => c.categories.map((x) => [x.id, x.label])));
export const CRITERION_LABELS: Record<string, string> = Object.fromEntries(CRITERIA.map((c) => [c.id, `${c.id}. ${c.label}`]));
/** category id → criterion id */
export const CATEGORY_CRITERION: Record<string, string> = Object.fromEntries(CRITERIA.flatMap((c) => c.categories.map((x) => [x.id, c.id])));

/** A melding's reference as staff say it: M-2026-0042 (year of receipt, sequence). */
export function meldingReference(receivedOn: string, seq: number): string {
  return `M-${receivedOn.slice(0, 4)}-${String(seq).padStart(4, "0")}`;
}
