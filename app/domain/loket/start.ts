// "Leeronderzoek starten": the investigation form pre-filled from a melding (pure).
import { CRITERIA } from "./fields.ts";

export interface MeldingForStart {
  seq: number;
  receivedOn: string;
  eventDate: string | null;
  legalFrame: string;
  criterion: string;
  category: string;
  meldplicht: boolean;
  supervisor: string | null;
  supervisorReportedOn: string | null;
  reportingOrganisation: string;
}

const FRAME_TO_INVESTIGATION: Record<string, string> = {
  wmo: "wmo",
  jeugdwet: "jeugdwet",
  // The investigation has one kader; with both the Jeugdwet usually leads (000 §3). Editable in the form.
  wmo_jeugdwet: "jeugdwet",
  zvw: "zvw",
  wlz: "wlz",
  forensisch: "forensisch",
  geen: "wmo",
};

/** Values for the investigation form (InvestigationForm's field names); the user checks and completes them. */
export function investigationDraftFromMelding(m: MeldingForStart, categoryLabel: string, reference: string): Record<string, string> {
  const criterion = CRITERIA.find((c) => c.id === m.criterion);
  const kind = m.meldplicht ? "calamiteit" : m.criterion === "4" || m.criterion === "5" ? "geweldsincident" : "incident";
  const legalFrame = FRAME_TO_INVESTIGATION[m.legalFrame] ?? "wmo";
  const supervisor = m.supervisor ?? (legalFrame === "jeugdwet" ? "igj" : "toezicht_wmo");
  const month = new Intl.DateTimeFormat("nl-NL", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${m.eventDate ?? m.receivedOn}T12:00:00Z`),
  );
  return {
    title: `${categoryLabel}, ${month} (melding ${reference})`.slice(0, 200),
    kind,
    legalFrame,
    reportingCriterion: criterion?.investigationCriterion ?? "maatschappelijke_onrust",
    calamityDate: m.eventDate ?? m.receivedOn,
    reportedDate: m.supervisorReportedOn ?? (m.meldplicht ? m.receivedOn : ""),
    supervisor,
    supervisorMunicipality: "",
    providers: m.reportingOrganisation,
    analysisMethod: "prisma",
    phase: "beoordeling",
  };
}
