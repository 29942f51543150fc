// Form schemas of the incidentenloket, with Dutch messages. Shared by actions (authoritative) and pages.
import { z } from "zod";
import { fieldErrors, parseFormDate } from "../forms.ts";
import { keysOf } from "../investigation-fields.ts";
import {
  CATEGORY_CRITERION,
  CHANNELS,
  DECISIONS,
  IMPACTS,
  LOKET_FRAMES,
  LOKET_SUPERVISORS,
  STATUSES,
  SUPERVISOR_DECISIONS,
  URGENCIES,
  type Impact,
} from "./fields.ts";

const choice = <T extends Record<string, string>>(o: T, message: string) => z.enum(keysOf(o), { error: message });
const optionalChoice = <T extends Record<string, string>>(o: T, message: string) =>
  z.union([z.literal(""), z.enum(keysOf(o))], { error: message }).transform((v) => (v === "" ? null : v));

const date = (label: string, required: boolean) =>
  z
    .string({ error: `${label}: vul een datum in.` })
    .trim()
    .transform((s, c) => {
      if (s === "") {
        if (required) c.addIssue({ code: "custom", message: `${label}: vul een datum in.` });
        return null;
      }
      const d = parseFormDate(s);
      if (!d) {
        c.addIssue({ code: "custom", message: `${label}: vul een bestaande datum in (dd-mm-jjjj).` });
        return z.NEVER;
      }
      return d;
    });

// A checkbox posts "aan" when ticked and nothing otherwise; anything else counts as not ticked.
const checkbox = z.string().optional().transform((v) => v === "aan");

const meldingObject = z.object({
  receivedOn: date("Ontvangen op", true),
  channel: choice(CHANNELS, "Kies hoe de melding binnenkwam."),
  reportingOrganisation: z
    .string({ error: "Vul de meldende organisatie in." })
    .trim()
    .min(2, "Vul de meldende organisatie in.")
    .max(120, "De naam van de organisatie mag hooguit 120 tekens hebben."),
  legalFrame: choice(LOKET_FRAMES, "Kies het wettelijk kader."),
  category: z
    .string({ error: "Kies het meldcriterium en de categorie." })
    .refine((v) => v in CATEGORY_CRITERION, "Kies het meldcriterium en de categorie."),
  meldplicht: checkbox,
  impact_personeel: checkbox,
  impact_publiek: checkbox,
  impact_pers: checkbox,
  impact_politiek: checkbox,
  eventDate: date("Datum voorval", false),
  description: z
    .string({ error: "Beschrijf kort wat er is gebeurd." })
    .trim()
    .min(10, "Beschrijf kort wat er is gebeurd (minstens 10 tekens).")
    .max(2000, "De omschrijving mag hooguit 2000 tekens hebben."),
  urgency: choice(URGENCIES, "Kies de urgentie."),
  clientName: z.string().trim().max(200, "Hooguit 200 tekens.").default(""),
  clientBirthDate: date("Geboortedatum cliënt", false),
});

export interface MeldingInput {
  receivedOn: string;
  channel: keyof typeof CHANNELS;
  reportingOrganisation: string;
  legalFrame: keyof typeof LOKET_FRAMES;
  criterion: string;
  category: string;
  meldplicht: boolean;
  impacts: Impact[];
  eventDate: string | null;
  description: string;
  urgency: keyof typeof URGENCIES;
  clientName: string;
  clientBirthDate: string | null;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/**
 * The register form. Every error shows on the first submit: field checks and the checks across
 * fields run together (a zod refinement on the object would wait for the fields to pass first).
 */
export function parseMeldingForm(posted: Record<string, string>, today: string): FormResult<MeldingInput> {
  // Optional fields a client left out count as empty.
  const values: Record<string, string> = { eventDate: "", clientName: "", clientBirthDate: "", ...posted };
  const parsed = meldingObject.safeParse(values);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  const received = parseFormDate((values.receivedOn ?? "").trim());
  const event = parseFormDate((values.eventDate ?? "").trim());
  if (received && received > today) errors.receivedOn ??= "Ontvangen op kan niet in de toekomst liggen.";
  if (received && event && event > received) errors.eventDate ??= "Het voorval kan niet na de ontvangst van de melding liggen.";
  const name = (values.clientName ?? "").trim();
  const description = (values.description ?? "").toLowerCase();
  if (name.length >= 3 && description.includes(name.toLowerCase()))
    errors.description ??= "Noem de cliënt niet in de omschrijving: de naam staat alleen in het afgeschermde veld hieronder.";
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
  const v = parsed.data;
  return {
    ok: true,
    data: {
      receivedOn: v.receivedOn!,
      channel: v.channel,
      reportingOrganisation: v.reportingOrganisation,
      legalFrame: v.legalFrame,
      criterion: CATEGORY_CRITERION[v.category],
      category: v.category,
      meldplicht: v.meldplicht,
      impacts: (Object.keys(IMPACTS) as Impact[]).filter((k) => v[`impact_${k}`]),
      eventDate: v.eventDate,
      description: v.description,
      urgency: v.urgency,
      clientName: v.clientName,
      clientBirthDate: v.clientBirthDate,
    },
  };
}

const screeningObject = z.object({
  status: choice(STATUSES, "Kies de status."),
  decision: optionalChoice(DECISIONS, "Kies een geldig besluit."),
  screeningNote: z.string().trim().max(2000, "De notitie mag hooguit 2000 tekens hebben.").default(""),
  supervisor: optionalChoice(LOKET_SUPERVISORS, "Kies een geldige toezichthouder."),
  supervisorDecision: optionalChoice(SUPERVISOR_DECISIONS, "Kies een geldig besluit van de toezichthouder."),
  supervisorReportedOn: date("Gemeld bij toezichthouder op", false),
  supervisorOutcome: z.string().trim().max(2000, "De uitkomst mag hooguit 2000 tekens hebben.").default(""),
});
export type ScreeningInput = z.output<typeof screeningObject>;

/** Screening and follow-up: "afgehandeld" needs a decision; "leeronderzoek gestart" comes only from starting one. */
export function parseScreeningForm(posted: Record<string, string>, current: { decision: string | null }): FormResult<ScreeningInput> {
  const values: Record<string, string> = { decision: "", screeningNote: "", supervisor: "", supervisorDecision: "", supervisorReportedOn: "", supervisorOutcome: "", ...posted };
  const parsed = screeningObject.safeParse(values);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  const decision = values.decision ?? "";
  if (values.status === "afgehandeld" && decision === "")
    errors.decision ??= "Kies een besluit: een afgehandelde melding heeft een besluit.";
  if (decision === "leeronderzoek" && current.decision !== "leeronderzoek")
    errors.decision ??= "Gebruik “Leeronderzoek starten” om een leeronderzoek te starten; dan wordt het onderzoek ook aangemaakt.";
  if (current.decision === "leeronderzoek" && decision !== "leeronderzoek")
    errors.decision ??= "Er is al een leeronderzoek gestart vanuit deze melding; dat besluit blijft staan.";
  if ((values.supervisorDecision ?? "") !== "" && (values.supervisor ?? "") === "")
    errors.supervisor ??= "Kies de toezichthouder bij wie het besluit hoort.";
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, data: parsed.data };
}

/** The register's filters, from the query string; unknown values are ignored (no error page for a bad link). */
export interface RegisterFilter {
  year: number | null;
  legalFrame: string | null;
  criterion: string | null;
  category: string | null;
  organisation: string | null;
  status: string | null;
  q: string;
}

export function parseRegisterFilter(params: URLSearchParams): RegisterFilter {
  const pick = (key: string, allowed: Record<string, unknown>) => {
    const v = params.get(key) ?? "";
    return v in allowed ? v : null;
  };
  const year = Number(params.get("jaar") ?? "");
  const criteria = Object.fromEntries(Object.values(CATEGORY_CRITERION).map((c) => [c, true]));
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null,
    legalFrame: pick("kader", LOKET_FRAMES),
    criterion: pick("criterium", criteria),
    category: pick("categorie", CATEGORY_CRITERION),
    organisation: /^[0-9a-f-]{36}$/.test(params.get("partij") ?? "") ? params.get("partij") : null,
    status: pick("status", STATUSES),
    q: (params.get("q") ?? "").trim().slice(0, 100),
  };
}
