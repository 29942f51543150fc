// The demo case's report texts (gezin Noord): the narrative sections of Bijlage 1 as the committee
// might have written them halfway through the investigation, consistent with the demo timeline
// (app/domain/timeline/demo-timeline.ts) and analysis. Some sections are left open on purpose, so
// the report page shows every status: 5d and 7d still hold an open point (in concept), 7e and 7f
// are not written yet (leeg). Professionals appear by function and initials; the family only as
// "moeder", "vader", "kind 1" and "kind 2". Pure: writes TipTap-shaped Y.XmlElements (paragraphs,
// subheadings, bullet lists) into the `section:<itemId>` fragments of the given doc.
import * as Y from "yjs";
import { sectionFragmentName } from "../rounds/freeze.ts";

type Block = string | { h: string } | { ul: string[] };

const SECTIONS: Record<string, Block[]> = {
  "3": [
    "Alle betrokken medewerkers waren bevoegd en, gelet op hun opleiding, in beginsel bekwaam voor hun rol. De gezinsbegeleider (N.A.) is hbo-opgeleid (SPH) en SKJ-geregistreerd; de wijkcoach (J.B.) is hbo-opgeleid (MWD) en werkte anderhalf jaar in het wijkteam. De jeugdverpleegkundige (H.T.) en de jeugdarts (B.v.L.) zijn BIG-geregistreerd. De gedragswetenschapper (E.V.) en de psycholoog (M.H.) van De Brug zijn als GZ-psycholoog geregistreerd.",
    { h: "Reflectie" },
    "De commissie ziet geen tekort in opleidingsniveau, wel in toepassing. De wijkcoach en de gezinsbegeleider hadden de Meldcode huiselijk geweld en kindermishandeling in hun opleiding gehad, maar oefenden er in de praktijk niet mee; het risicotaxatie-instrument was in het wijkteam niet bekend. De leerkracht (D.A.) wist na het huisbezoek niet bij wie zij haar zorgen kon melden. Bekwaamheid op het herkennen en wegen van signalen van huiselijk geweld verdient daarom aandacht in alle betrokken organisaties, niet alleen bij de jeugdhulp.",
  ],
  "4b": [
    "De commissie heeft moeder niet meer kunnen spreken. Vader is via zijn advocaat uitgenodigd voor een gesprek; hij heeft daar niet op gereageerd. De grootmoeder van moeder, bij wie kind 1 na de calamiteit tijdelijk verblijft, is als nabestaande gesproken over het verloop van de hulp en over de nazorg voor kind 1.",
    "Kind 1 is, gezien de leeftijd en de gebeurtenissen, niet door de commissie gesproken. De jeugdbeschermer die nu bij kind 1 betrokken is, heeft in het gesprek met de grootmoeder meegedacht over wat kind 1 wel en niet moet weten.",
    "De grootmoeder krijgt het conceptrapport ter reactie; haar ondertekende reactie wordt als bijlage bij het rapport gevoegd.",
  ],
  "4c": [
    "Het onderzoek bestond uit drie delen:",
    {
      ul: [
        "Dossieronderzoek: elke betrokken organisatie leverde haar feiten aan op de gezamenlijke tijdlijn in Ketenlijn, met de bron (dossier, gesprek of het feitenrelaas van de gemeente).",
        "Gesprekken met de betrokken medewerkers, steeds met twee leden van de commissie; van elk gesprek is een verslag gemaakt dat de gesproken persoon binnen twee weken op feitelijke onjuistheden kon controleren.",
        "Twee reflectiebijeenkomsten: een met de betrokken professionals over de tijdlijn en de kritieke momenten, en een met de leidinggevenden en bestuurders over de oorzaken en de verbetermaatregelen.",
      ],
    },
  ],
  "4d": [
    "De commissie heeft de volgende bronnen geraadpleegd:",
    {
      ul: [
        "het feitenrelaas van de gemeente Dijkhaven;",
        "de dossiers van Wijkteam Noord, Stichting Jeugdhulp De Brug, Vrouwenopvang Het Baken en Veilig Thuis Dijkhaven;",
        "het digitaal dossier JGZ van kind 2 en de huisartsendossiers van moeder en kind 1 (met toestemming van de grootmoeder als nabestaande);",
        "het leerlingdossier van kind 1, de verzuimmeldingen en het verslag van het zorgoverleg op school;",
        "de politiemutaties en het proces-verbaal van aangifte (via de ketenpartner politie, voor zover gedeeld);",
        "de beschikkingen van Werk en Inkomen en het klantdossier van de Kredietbank.",
      ],
    },
    "Per feit op de tijdlijn staat de bron vermeld; het overzicht van bronnen is als bijlage opgenomen.",
  ],
  "4e": [
    "Betrokken richtlijnen en protocollen (als bijlage meegestuurd):",
    {
      ul: [
        "Meldcode huiselijk geweld en kindermishandeling (afwegingskader per beroepsgroep);",
        "Werkinstructie zorgmeldingen van de politie aan Veilig Thuis;",
        "Protocol uitstroom Vrouwenopvang Het Baken (versie 2021);",
        "Werkwijze niet-verschijnen JGZ Dijkhaven;",
        "Werkwijze opschaling en doorzettingsmacht Wijkteam Noord;",
        "Richtlijn Samenwerking en afstemming (Richtlijnen jeugdhulp en jeugdbescherming).",
      ],
    },
  ],
  "4f": [
    "Ja. De commissie heeft een externe deskundige op het gebied van huiselijk geweld (gedragswetenschapper bij een Veilig Thuis-organisatie in een andere regio) geraadpleegd bij het wegen van de kritieke momenten in de periode augustus 2023 – januari 2024. De deskundige las de tijdlijn en de conceptanalyse en besprak die met de voorzitter; zij was niet betrokken bij de zorg voor het gezin.",
  ],
  "5b": [
    "Voor kind 1 gold vanaf juli 2023 een jeugdhulpbesluit van de gemeente Dijkhaven voor intensieve ambulante gezinsbegeleiding bij De Brug. Moeder had geen Wmo-voorziening; zij kreeg ondersteuning van het wijkteam als algemene voorziening.",
    "De doelen in het plan van aanpak van De Brug waren:",
    {
      ul: [
        "een stabiel inkomen en het voorkomen van huisuitzetting;",
        "rust en structuur in huis voor kind 1 en kind 2;",
        "later: opvoedondersteuning en aandacht voor de gezondheid van moeder.",
      ],
    },
    "Veiligheid was geen apart doel in het plan, ook niet nadat moeder in oktober 2023 over het geweld vertelde.",
  ],
  "5c": [
    "Het gezin woonde sinds mei 2022 zelfstandig in een eengezinswoning van Woningcorporatie Havenstaete in Dijkhaven-Noord. De begeleiding vond plaats in de woning (huisbezoeken) en telefonisch. Kind 1 ging naar Basisschool De Vlinderboom; kind 2 was thuis en kwam na augustus 2023 niet meer op het consultatiebureau.",
    "Het gezin leefde vanaf september 2022 lange tijd zonder vast inkomen, met een oplopende huurschuld en twee aangekondigde ontruimingen. Het sociale netwerk was klein: moeder had contact met haar grootmoeder en, wisselend, met vader.",
  ],
  "5d": [
    "De jeugdverpleegkundige vulde in april 2023 het risicotaxatie-instrument van de JGZ in voor kind 2 (uitkomst: matige zorg). Wijkteam Noord en De Brug hebben geen risicotaxatie gemaakt. De Brug besloot in december 2023 een veiligheidstaxatie te plannen zodra de uitkering rond was; die is er niet meer gekomen.",
    "Een signaleringsplan of veiligheidsplan was er na het vertrek uit de opvang niet. PM: navragen bij Veilig Thuis of na de zorgmelding van 31 oktober 2023 een veiligheidsplan met De Brug is afgesproken.",
  ],
  "5e": [
    "De Meldcode huiselijk geweld en kindermishandeling was bij alle betrokken organisaties bekend, maar is na de politie-inzetten in oktober 2023 door geen van hen doorlopen. De politie maakte na het eerste incident in oktober 2023 geen zorgmelding op; de reden daarvoor is niet terug te vinden.",
    "Het protocol uitstroom van de opvang schreef een overdracht aan het wijkteam voor als de cliënt daarmee instemt; moeder wilde dat niet en er is geen andere afspraak gemaakt. De werkwijze niet-verschijnen van de JGZ is na de gemiste afspraken van kind 2 niet gevolgd.",
  ],
  "5f": [
    "Er was geen vorm van toezicht op het gezin: alle hulp was vrijwillig. De gezinsbegeleider van De Brug kwam wekelijks op huisbezoek en was op werkdagen telefonisch bereikbaar. Buiten kantoortijden was De Brug bereikbaar via de crisisdienst; het gezin had dat nummer, maar heeft het niet gebruikt.",
    "Na de overdracht van de zorgmelding door Veilig Thuis op 31 oktober 2023 ging Veilig Thuis ervan uit dat De Brug de veiligheid volgde; De Brug zag dat niet als een opdracht tot toezicht.",
  ],
  "5g": [
    "De afstemming tussen de hulpverleners was beperkt. Er is in de onderzochte periode geen enkel overleg geweest waarin alle betrokken organisaties samen het gezin bespraken. Overdrachten gingen per formulier of per brief (opvang naar huisarts, wijkteam naar De Brug); het overdrachtsdossier van het wijkteam kwam pas in oktober 2023 bij De Brug aan.",
    "School, leerplicht, JGZ en Werk en Inkomen wisten niet van elkaars betrokkenheid. Het sociale netwerk (de grootmoeder) is door geen van de hulpverleners betrokken.",
  ],
  "5h": [
    "Er was contact met het gezin, maar de regie was niet belegd. Het wijkteam had de regie tot de overdracht in juli 2023; daarna ging iedereen ervan uit dat De Brug die had, terwijl De Brug zich vooral op inkomen en woning richtte.",
    "Er is twee keer intern opgeschaald: de wijkcoach vroeg in april 2023 de teamleider om doorzettingsmacht richting Werk en Inkomen (de teamleider besloot af te wachten), en de gezinsbegeleider schaalde in december 2023 op naar de gedragswetenschapper. Extern is niet opgeschaald: geen van de organisaties heeft Veilig Thuis geconsulteerd of een melding gedaan voordat het ziekenhuis dat deed.",
  ],
  "5i": [
    "Na de melding van het ziekenhuis startte Veilig Thuis direct een onderzoek, in afstemming met de politie en De Brug. De politie is een onderzoek naar de toedracht gestart; het Openbaar Ministerie is ingelicht. Kind 1 werd tijdelijk bij familie ondergebracht. De Raad voor de Kinderbescherming is gevraagd een beschermingsonderzoek te doen.",
    "Aangifte is gedaan door het ziekenhuis (datum, plaats en de betrokken functionaris zijn bekend bij de procesbegeleider en staan in het rapport aan de toezichthouder).",
  ],
  "6": [
    "Er is geen melding gedaan in het Waarschuwingsregister Zorg & Welzijn. Het register is bedoeld voor medewerkers die ontslagen zijn wegens ernstig grensoverschrijdend gedrag; de commissie heeft geen aanwijzingen gevonden voor zulk gedrag van een van de betrokken medewerkers.",
  ],
  "7d": [
    "Na de calamiteit heeft De Brug de betrokken gezinsbegeleider en psycholoog een gesprek met de bedrijfsmaatschappelijk werker aangeboden; beiden hebben dat aangenomen. Wijkteam Noord heeft een teambijeenkomst voor collegiale opvang gehouden, met de vertrouwenspersoon erbij. Voor kind 1 is via de jeugdbescherming traumabehandeling aangevraagd.",
    "Nazorg aan de grootmoeder: nog aan te vullen na het gesprek met de jeugdbeschermer.",
  ],
};

/** Item ids the demo fills. */
export const DEMO_REPORT_SECTIONS = Object.keys(SECTIONS);

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

function element(block: Block): Y.XmlElement {
  if (typeof block === "string") return paragraph(block);
  if ("h" in block) {
    const h = new Y.XmlElement<{ level: number }>("heading");
    h.setAttribute("level", 3); // a number, as TipTap stores it
    h.insert(0, [new Y.XmlText(block.h)]);
    return h as unknown as Y.XmlElement;
  }
  const list = new Y.XmlElement("bulletList");
  list.insert(
    0,
    block.ul.map((text) => {
      const li = new Y.XmlElement("listItem");
      li.insert(0, [paragraph(text)]);
      return li;
    }),
  );
  return list;
}

/**
 * Writes the demo report texts into `doc`, one transaction. Meant for empty sections (it appends).
 * Returns the entity ids of the fragments written ("section:3", …) for the update log.
 */
export function fillDemoReport(doc: Y.Doc, origin: unknown = null): string[] {
  const written: string[] = [];
  doc.transact(() => {
    for (const [itemId, blocks] of Object.entries(SECTIONS)) {
      const fragment = doc.getXmlFragment(sectionFragmentName(itemId));
      fragment.insert(fragment.length, blocks.map(element));
      written.push(sectionFragmentName(itemId));
    }
  }, origin);
  return written;
}
