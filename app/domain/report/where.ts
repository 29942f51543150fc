// Where each kind of report content is filled in: the report page links there from the outline.
// Every link names an element on its target page (the part after #) that exists once the page has
// rendered; the investigation layout scrolls to it and gives it focus (HashTarget).
import type { ChecklistItem, DataSource } from "./checklist.ts";

export interface FillInLink {
  /** Path below /onderzoeken/<id>; "" is the overview. */
  path: string;
  label: string;
}

/** The timeline's status filter in the URL (`?status=…`), read by the Tijdlijn page. */
export const OPEN_FACTS_FILTER = "niet-bevestigd";

const DATA_LINKS: Record<DataSource, FillInLink> = {
  client_identity: { path: "client#h-client", label: "Cliëntgegevens invullen" },
  incident_dates: { path: "gegevens#f-calamityDate", label: "Datums bij Gegevens invullen" },
  committee: { path: "rapport/commissie#h-commissie", label: "Commissie samenstellen" },
  professionals: { path: "tijdlijn#ws-h-list", label: "Functies en initialen op de tijdlijn" },
  interviews: { path: "gesprekken#h-gesprekken", label: "Naar Gesprekken" },
  method: { path: "analyse#analyse-methode", label: "Methode kiezen bij Analyse" },
  timeline: { path: "tijdlijn#ws-h-list", label: "Naar de tijdlijn" },
  root_causes: { path: "analyse#analyse-boom", label: "Naar de analyse" },
  measures: { path: "analyse#analyse-maatregelen", label: "Naar de verbetermaatregelen" },
  borging: { path: "analyse#analyse-maatregelen", label: "Borging bij de maatregelen" },
};

export interface FillInContext {
  /** Facts on the timeline that are not yet confirmed or are disputed (5a). */
  openFacts?: number;
}

/** The places an item is filled in: its structured data's page, and its narrative section on the report page. */
export function fillInLinks(item: ChecklistItem, context: FillInContext = {}): FillInLink[] {
  const out: FillInLink[] = [];
  if (item.data === "timeline" && context.openFacts) {
    const n = context.openFacts;
    out.push({ path: `tijdlijn?status=${OPEN_FACTS_FILTER}#ws-h-list`, label: `${n === 1 ? "Het niet bevestigde of betwiste feit" : `De ${n} niet bevestigde of betwiste feiten`} tonen` });
  } else if (item.data) out.push(DATA_LINKS[item.data]);
  if (item.narrative && item.id !== "7a") out.push({ path: `rapport#onderdeel-${item.id}`, label: "Tekst schrijven" });
  if (item.id === "7a") out.push({ path: "analyse#analyse-conclusies", label: "Conclusies schrijven" });
  return out;
}
