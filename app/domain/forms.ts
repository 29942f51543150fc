import { z } from "zod";
import { parseCalendarDate } from "./calendar-date.ts";
import {
  ANALYSIS_METHODS,
  KINDS,
  LEGAL_FRAMES,
  PHASES,
  REPORTING_CRITERIA,
  SUPERVISORS,
  keysOf,
} from "./investigation-fields.ts";
import { roleMayHaveWorkspaceAccess, roleNeedsOrganisation } from "./policy/members.ts";
import { ROLES } from "./roles.ts";

/** Accepts the browser's date input (jjjj-mm-dd) and typed Dutch dates (dd-mm-jjjj). */
export function parseFormDate(s: string): string | null {
  const dutch = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(s);
  if (dutch) return parseCalendarDate(`${dutch[3]}-${dutch[2].padStart(2, "0")}-${dutch[1].padStart(2, "0")}`);
  return parseCalendarDate(s);
}

// Form schemas with Dutch messages. Shared by actions (authoritative) and pages (field errors).

const choice = <T extends Record<string, string>>(o: T, message: string) =>
  z.enum(keysOf(o), { error: message });

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .transform((s, c) => {
      if (s === "") return null;
      const d = parseFormDate(s);
      if (!d) {
        c.addIssue({ code: "custom", message: `${label}: vul een bestaande datum in (dd-mm-jjjj).` });
        return z.NEVER;
      }
      return d;
    });

/** Cross-field checks run even when a field failed, so every error shows on the first submit. */
const ALWAYS = { when: () => true } as const;
const isDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** The investigation's metadata; `today` (jjjj-mm-dd, Amsterdam) refuses dates in the future. */
export const investigationSchemaFor = (today: string) => z
  .object({
    title: z.string().trim().min(3, "Geef het onderzoek een titel van minstens 3 tekens.").max(200, "De titel mag hooguit 200 tekens hebben."),
    kind: choice(KINDS, "Kies het soort voorval."),
    legalFrame: choice(LEGAL_FRAMES, "Kies het wettelijk kader."),
    reportingCriterion: choice(REPORTING_CRITERIA, "Kies het meldcriterium."),
    calamityDate: optionalDate("Datum calamiteit"),
    reportedDate: optionalDate("Datum melding"),
    supervisor: choice(SUPERVISORS, "Kies de toezichthouder."),
    supervisorMunicipality: z.string().trim().max(100, "Hooguit 100 tekens.").default(""),
    providers: z.string().trim().max(500, "Hooguit 500 tekens.").default(""),
    analysisMethod: choice(ANALYSIS_METHODS, "Kies een analysemethode."),
    phase: choice(PHASES, "Kies de fase."),
  })
  .superRefine((v, c) => {
    if (v.supervisor === "toezicht_wmo" && (v.supervisorMunicipality ?? "") === "")
      c.addIssue({ code: "custom", path: ["supervisorMunicipality"], message: "Noem de gemeente van de Toezicht Wmo." });
    if (isDate(v.calamityDate) && v.calamityDate > today)
      c.addIssue({ code: "custom", path: ["calamityDate"], message: "De datum van de calamiteit ligt in de toekomst. Vul de dag in waarop de calamiteit plaatsvond." });
    if (isDate(v.reportedDate) && v.reportedDate > today)
      c.addIssue({ code: "custom", path: ["reportedDate"], message: "De datum van de melding ligt in de toekomst. Vul deze pas in als er gemeld is." });
    else if (isDate(v.calamityDate) && isDate(v.reportedDate) && v.reportedDate < v.calamityDate)
      c.addIssue({ code: "custom", path: ["reportedDate"], message: "De melding kan niet vóór de calamiteit liggen." });
  }, ALWAYS);
export type InvestigationInput = z.infer<ReturnType<typeof investigationSchemaFor>>;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl." }));

export const loginSchema = z.object({
  email: z.string().trim().min(1, "Vul uw e-mailadres in.").pipe(email),
  password: z.string().min(1, "Vul uw wachtwoord in."),
});

// The same minimum as app/domain/password-strength.ts (not imported: that module carries the
// dictionaries, which should not end up in the browser bundle). The strength check runs in the actions.
export const MIN_PASSWORD = 12;
export const newPasswordSchema = z
  .object({
    password: z.string().min(MIN_PASSWORD, `Kies een wachtwoord van minstens ${MIN_PASSWORD} tekens.`).max(200, "Hooguit 200 tekens."),
    passwordRepeat: z.string(),
  })
  .refine((v) => v.password === v.passwordRepeat, { path: ["passwordRepeat"], message: "De wachtwoorden zijn niet gelijk.", ...ALWAYS });

export const acceptInvitationSchema = z
  .object({
    name: z.string().trim().min(2, "Vul uw naam in.").max(120, "Hooguit 120 tekens."),
    password: z.string().min(MIN_PASSWORD, `Kies een wachtwoord van minstens ${MIN_PASSWORD} tekens.`).max(200, "Hooguit 200 tekens."),
    passwordRepeat: z.string(),
  })
  .refine((v) => v.password === v.passwordRepeat, { path: ["passwordRepeat"], message: "De wachtwoorden zijn niet gelijk.", ...ALWAYS });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Vul uw huidige wachtwoord in."),
    password: z.string().min(MIN_PASSWORD, `Kies een wachtwoord van minstens ${MIN_PASSWORD} tekens.`).max(200, "Hooguit 200 tekens."),
    passwordRepeat: z.string(),
  })
  .refine((v) => v.password === v.passwordRepeat, { path: ["passwordRepeat"], message: "De wachtwoorden zijn niet gelijk.", ...ALWAYS });

export const forgotPasswordSchema = z.object({ email });

export const inviteSchema = z.object({
  email,
  role: z.enum(ROLES, { error: "Kies een rol." }),
  organisation: z.string().trim().max(120, "Hooguit 120 tekens.").default(""),
  // A checkbox: "aan" when ticked, absent otherwise.
  workspaceAccess: z.literal("aan", { error: "Kies aan of uit." }).optional().transform((v) => v === "aan"),
}).superRefine((v, c) => {
  if (roleNeedsOrganisation(v.role) && (v.organisation ?? "") === "")
    c.addIssue({ code: "custom", path: ["organisation"], message: "Een ketenpartner vertegenwoordigt een organisatie: vul die in." });
  if (v.workspaceAccess && !roleMayHaveWorkspaceAccess(v.role))
    c.addIssue({
      code: "custom",
      path: ["workspaceAccess"],
      message: "Alleen voor een toezichthouder: de andere rollen hebben de werkruimte al vanuit hun rol.",
    });
}, ALWAYS);

export const clientIdentitySchema = z.object({
  name: z.string().trim().max(200, "Hooguit 200 tekens.").default(""),
  dateOfBirth: optionalDate("Geboortedatum"),
  sex: z.enum(["", "vrouw", "man", "anders", "onbekend"], { error: "Kies een geldige waarde." }).default(""),
  indication: z.string().trim().max(2000, "Hooguit 2000 tekens.").default(""),
});

export const deadlineChangeSchema = z.object({
  key: z.string().min(1).max(60),
  date: z.string().trim().min(1, "Vul een datum in.").transform((s, c) => {
    const d = parseFormDate(s);
    if (!d) {
      c.addIssue({ code: "custom", message: "Vul een bestaande datum in (dd-mm-jjjj)." });
      return z.NEVER;
    }
    return d;
  }),
  reason: z.string().trim().min(5, "Geef een reden voor de wijziging (minstens 5 tekens).").max(500, "Hooguit 500 tekens."),
});

export const uuidParam = z.string().uuid();

/** zod issues → { field: first message } for showing next to each field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_form";
    out[key] ??= issue.message;
  }
  return out;
}
