// Where each kind of report content is filled in: the report page links there from the outline.
import type { ChecklistItem, DataSource } from "./checklist.ts";

export interface FillInLink {
  /** Path below /onderzoeken/<id>; "" is the overview. */
  path: string;
  label: string;
}

const DATA_LINKS: Record<DataSource, FillInLink> = {
  client_identity: { path: "client", label: "Cliëntgegevens invullen" },
  incident_dates: { path: "gegevens", label: "Datums bij Gegevens invullen" },
  committee: { path: "rapport/commissie", label: "Commissie samenstellen" },
  professionals: { path: "tijdlijn", label: "Functies en initialen op de tijdlijn" },
  interviews: { path: "gesprekken", label: "Naar Gesprekken" },
  method: { path: "analyse#analyse-methode", label: "Methode kiezen bij Analyse" },
  timeline: { path: "tijdlijn", label: "Naar de tijdlijn" },
  root_causes: { path: "analyse", label: "Naar de analyse" },
  measures: { path: "analyse#analyse-maatregelen", label: "Naar de verbetermaatregelen" },
  borging: { path: "analyse#analyse-maatregelen", label: "Borging bij de maatregelen" },
};

/** The places an item is filled in: its structured data's page, and its narrative section on the report page. */
export function fillInLinks(item: ChecklistItem): FillInLink[] {
  const out: FillInLink[] = [];
  if (item.data) out.push(DATA_LINKS[item.data]);
  if (item.narrative && item.id !== "7a") out.push({ path: `rapport#onderdeel-${item.id}`, label: "Tekst schrijven" });
  if (item.id === "7a") out.push({ path: "analyse#analyse-conclusies", label: "Conclusies schrijven" });
  return out;
}
