// The items of Bijlage 1 (domain.md §4) with their stable ids; the draft report's sections are the
// Y.XmlFragments `section:<id>` in the investigation's Y.Doc. Kept here until the report template
// in templates/ exists; then this list should be read from there (one list, one place).

export interface ReportItem {
  id: string;
  group: number;
  heading: string;
}

export const REPORT_GROUPS: Record<number, string> = {
  1: "Gegevens van de cliënt/bewoner/aanvrager",
  2: "Betrokken beroepskrachten",
  3: "Bevoegd- en bekwaamheid",
  4: "Wijze waarop het onderzoek is verricht",
  5: "Beschrijving van de feiten",
  6: "Melding in het Waarschuwingsregister Zorg & Welzijn",
  7: "Analyse van de bevindingen",
};

export const REPORT_ITEMS: readonly ReportItem[] = [
  { id: "1a", group: 1, heading: "Naam, geboortedatum, geslacht, Wmo-indicatie" },
  { id: "1b", group: 1, heading: "Datum calamiteit en datum van melden bij de toezichthouder" },
  { id: "1c", group: 1, heading: "Samenstelling van de calamiteitencommissie" },
  { id: "2", group: 2, heading: "Betrokken beroepskrachten bij de calamiteit" },
  { id: "3", group: 3, heading: "Bevoegd- en bekwaamheid van betrokken medewerkers en een reflectie daarop" },
  { id: "4a", group: 4, heading: "Welke medewerkers zijn geïnterviewd" },
  { id: "4b", group: 4, heading: "Wie zijn verder betrokken (cliënt, wettelijk vertegenwoordiger, nabestaande)" },
  { id: "4c", group: 4, heading: "Op welke wijze" },
  { id: "4d", group: 4, heading: "Welke informatiebronnen zijn geraadpleegd" },
  { id: "4e", group: 4, heading: "Welke (interne) richtlijnen en protocollen zijn betrokken" },
  { id: "4f", group: 4, heading: "Is een externe deskundige geraadpleegd" },
  { id: "4g", group: 4, heading: "Welke analysemethode is toegepast" },
  { id: "5a", group: 5, heading: "Tijdlijn / chronologisch feitenrelaas" },
  { id: "5b", group: 5, heading: "Indicatie en doelen uit het zorgplan" },
  { id: "5c", group: 5, heading: "Locatie en context van de ondersteuning" },
  { id: "5d", group: 5, heading: "Risicotaxatie en/of signaleringsplan" },
  { id: "5e", group: 5, heading: "Waren relevante protocollen bekend en zijn ze toegepast" },
  { id: "5f", group: 5, heading: "Vorm van toezicht op de cliënt / bereikbaarheid van de aanbieder" },
  { id: "5g", group: 5, heading: "Afstemming tussen zorgverleners, met ketenpartners en sociaal netwerk" },
  { id: "5h", group: 5, heading: "Contact, regie en opschaling" },
  { id: "5i", group: 5, heading: "Acties na de calamiteit" },
  { id: "6", group: 6, heading: "Melding in het Waarschuwingsregister Zorg & Welzijn" },
  { id: "7a", group: 7, heading: "Conclusies" },
  { id: "7b", group: 7, heading: "Verbetermaatregelen" },
  { id: "7c", group: 7, heading: "Borging van de maatregelen" },
  { id: "7d", group: 7, heading: "Nazorg aan betrokkenen en betrokken zorgverleners" },
  { id: "7e", group: 7, heading: "Reactie van cliënt, vertegenwoordiger of nabestaande op de afhandeling en de nazorg" },
  { id: "7f", group: 7, heading: "Acties en reactie van de bestuurder" },
];

/** Item 1a (client identity) never enters the shared workspace nor a reactant's copy (domain.md §4). */
export const RESTRICTED_ITEMS = new Set(["1a"]);
