// Form schemas of the report pages (committee, submitting, assessing, requests), with Dutch
// messages. Used by the actions; the pages show the messages next to the fields.
import { z } from "zod";
import { ASSESSMENT_ASPECTS, VERSION_STATUSES } from "../../app/domain/report/version-labels.ts";

const text = (max: number) => z.string().trim().max(max, `Hooguit ${max} tekens.`).default("");

export const committeeMemberSchema = z.object({
  name: text(200),
  function: z.string({ error: "Noem de functie van het commissielid." }).trim().min(2, "Noem de functie van het commissielid.").max(200, "Hooguit 200 tekens."),
  organisation: text(200),
  background: text(2000),
  involvement: z
    .string({ error: "Beschrijf de mate van betrokkenheid bij de calamiteit." })
    .trim()
    .min(2, "Beschrijf de mate van betrokkenheid bij de calamiteit, bijvoorbeeld 'niet betrokken bij de zorg'.")
    .max(2000, "Hooguit 2000 tekens."),
  independence: z.enum(["extern", "intern_niet_betrokken", "intern_betrokken"], { error: "Kies hoe onafhankelijk dit lid is." }),
});
export type CommitteeMemberInput = z.output<typeof committeeMemberSchema>;

export const submitVersionSchema = z.object({
  status: z.enum(VERSION_STATUSES, { error: "Kies of dit een concept of de definitieve versie is." }),
  note: text(2000),
  /** A checkbox: submitting an incomplete report as definitief needs an explicit yes. */
  confirmIncomplete: z.preprocess((v) => v === "on" || v === "true", z.boolean()).default(false),
  /** The toezichthouder's request for additions this version answers ("" = none). */
  answersRequestId: z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    z.coerce.number({ error: "Kies een verzoek uit de lijst." }).int("Kies een verzoek uit de lijst.").positive("Kies een verzoek uit de lijst.").nullable(),
  ).default(null),
});
export type SubmitVersionInput = z.output<typeof submitVersionSchema>;

const verdict = (label: string) => z.enum(["voldoende", "onvoldoende"], { error: `Kies voldoende of onvoldoende voor ${label}.` });

export const assessmentSchema = z
  .object({
    versionId: z.uuid({ error: "Kies de versie die u beoordeelt." }),
    onderzoeksopzet: verdict("de onderzoeksopzet"),
    onderzoeksopzetRemark: text(2000),
    navolgbaarheid: verdict("de navolgbaarheid"),
    navolgbaarheidRemark: text(2000),
    verbetermaatregelen: verdict("de verbetermaatregelen"),
    verbetermaatregelenRemark: text(2000),
    verslag: z
      .string({ error: "Schrijf een kort verslag van de beoordeling." })
      .trim()
      .min(10, "Schrijf een kort verslag van de beoordeling (minstens 10 tekens).")
      .max(10_000, "Hooguit 10.000 tekens."),
  })
  .superRefine((v, c) => {
    for (const aspect of ASSESSMENT_ASPECTS) {
      if (v[aspect] === "onvoldoende" && v[`${aspect}Remark`] === "")
        c.addIssue({ code: "custom", path: [`${aspect}Remark`], message: "Licht toe waarom dit onvoldoende is." });
    }
  });
export type AssessmentInput = z.output<typeof assessmentSchema>;

/**
 * The field errors of an assessment, all at once (issue 15): zod runs the "onvoldoende needs a
 * remark" rule only when every field parses, so on its own it would show that error only on a
 * second submit. The rule is checked on the raw values too and merged in.
 */
export function assessmentFieldErrors(values: Record<string, string>, parsedErrors: Record<string, string>): Record<string, string> {
  const errors = { ...parsedErrors };
  for (const aspect of ASSESSMENT_ASPECTS) {
    const key = `${aspect}Remark`;
    if (values[aspect] === "onvoldoende" && (values[key] ?? "").trim() === "" && !errors[key]) errors[key] = "Licht toe waarom dit onvoldoende is.";
  }
  return errors;
}

export const requestSchema = z.object({
  versionId: z.union([z.literal(""), z.uuid({ error: "Kies een versie uit de lijst." })]).default(""),
  text: z
    .string({ error: "Beschrijf welke aanvulling u vraagt." })
    .trim()
    .min(5, "Beschrijf welke aanvulling u vraagt (minstens 5 tekens).")
    .max(5000, "Hooguit 5000 tekens."),
});
export type RequestInput = z.output<typeof requestSchema>;

export const handleRequestSchema = z.object({
  requestId: z.coerce.number({ error: "Onbekend verzoek." }).int("Onbekend verzoek.").positive("Onbekend verzoek."),
  note: z
    .string({ error: "Beschrijf hoe het verzoek is afgehandeld." })
    .trim()
    .min(3, "Beschrijf hoe het verzoek is afgehandeld.")
    .max(5000, "Hooguit 5000 tekens."),
});

export const shareAssessmentSchema = z.object({ assessmentId: z.uuid({ error: "Onbekende beoordeling." }) });
