// Form schemas of interviews and comment rounds, with Dutch messages. Used by the actions
// (authoritative) and the pages (field errors).
import { z } from "zod";
import { parseFormDate } from "../forms.ts";

const requiredDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .transform((s, c) => {
      const d = parseFormDate(s);
      if (!d) {
        c.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return d;
    });

export const interviewSchema = z.object({
  personFunction: z.string({ error: "Noem de functie of rol van de gesproken persoon." }).trim().min(2, "Noem de functie of rol van de gesproken persoon.").max(120, "Hooguit 120 tekens."),
  initials: z.string().trim().max(8, "Hooguit 8 tekens (initialen).").default(""),
  organisation: z.string().trim().max(200, "Hooguit 200 tekens.").default(""),
  relation: z.string().trim().max(200, "Hooguit 200 tekens.").default(""),
  heldOn: requiredDate("Vul de datum van het gesprek in (dd-mm-jjjj)."),
  interviewers: z.string().trim().max(300, "Hooguit 300 tekens.").default(""),
});
export type InterviewInput = z.output<typeof interviewSchema>;

export const linkInviteeSchema = z.object({
  name: z.string({ error: "Vul de volledige naam in." }).trim().min(2, "Vul de volledige naam in.").max(200, "Hooguit 200 tekens."),
  email: z
    .string({ error: "Vul een geldig e-mailadres in." })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Vul een geldig e-mailadres in." }).max(254, "Vul een geldig e-mailadres in.")),
  relation: z.string({ error: "Noem de functie of relatie tot de casus." }).trim().min(2, "Noem de functie of relatie tot de casus, bijvoorbeeld nabestaande.").max(100, "Hooguit 100 tekens."),
});
export type LinkInviteeInput = z.output<typeof linkInviteeSchema>;

export const documentChoiceSchema = z
  .string({ error: "Kies het document voor de ronde." })
  .regex(/^(draft_report|interview:[0-9a-f-]{36})$/i, "Kies het document voor de ronde.");

export const extensionSchema = z.object({
  date: requiredDate("Vul de nieuwe uiterste datum in (dd-mm-jjjj)."),
  reason: z.string({ error: "Geef de reden van de verlenging." }).trim().min(5, "Geef de reden van de verlenging (minstens 5 tekens).").max(1000, "Hooguit 1000 tekens."),
});

export const lateAllowanceSchema = z.object({
  inviteeId: z.uuid({ error: "Onbekende persoon." }),
  until: requiredDate("Vul in tot wanneer een reactie na de termijn mag (dd-mm-jjjj)."),
  reason: z.string({ error: "Geef de reden." }).trim().min(5, "Geef de reden (minstens 5 tekens).").max(1000, "Hooguit 1000 tekens."),
});

export const REACTION_MAX = 20_000;

export const reactionDraftSchema = z.object({
  reactionId: z.union([z.literal(""), z.uuid()]).default(""),
  pointer: z.string().max(120).default("general"),
  text: z.string().max(REACTION_MAX, `Uw reactie mag hooguit ${REACTION_MAX} tekens hebben.`).default(""),
  versionHash: z.string().max(64).default(""),
  correctsId: z.union([z.literal(""), z.uuid()]).default(""),
});
export type ReactionDraftInput = z.output<typeof reactionDraftSchema>;

export const signatureSchema = z.object({
  text: z.string().trim().min(1, "Schrijf eerst uw reactie.").max(REACTION_MAX, `Uw reactie mag hooguit ${REACTION_MAX} tekens hebben.`),
  signerName: z
    .string({ error: "Vul uw volledige naam in." })
    .trim()
    .min(3, "Vul uw volledige naam in (voor- en achternaam).")
    .max(200, "Hooguit 200 tekens.")
    .refine((s) => /\S+\s+\S+/.test(s), "Vul uw volledige naam in (voor- en achternaam)."),
  signerRole: z.string({ error: "Noem uw functie of uw relatie tot de casus." }).trim().min(2, "Noem uw functie of uw relatie tot de casus.").max(200, "Hooguit 200 tekens."),
  declaration: z.literal("on", { error: "Vink de verklaring aan om te ondertekenen." }),
});

export const dispositionSchema = z
  .object({
    reactionId: z.uuid({ error: "Onbekende reactie." }),
    kind: z.enum(["verwerkt", "terzijde"], { error: "Kies wat er met de reactie is gedaan." }),
    note: z.string().trim().max(4000, "Hooguit 4000 tekens.").default(""),
  })
  .superRefine((v, c) => {
    if (v.kind === "verwerkt" && v.note.length < 3)
      c.addIssue({ code: "custom", path: ["note"], message: "Geef aan waar de reactie is verwerkt, bijvoorbeeld het onderdeel of de alinea." });
    if (v.kind === "terzijde" && v.note.length < 10)
      c.addIssue({ code: "custom", path: ["note"], message: "Motiveer waarom de reactie terzijde is gelegd (minstens 10 tekens)." });
  });
