// A fictional but realistic integrated timeline for demos and tests, modelled on the structure of
// the inspectorates' life-course reconstruction (seed 004: four periods, a dozen organisations in
// six domains, signals that were or were not acted on, handovers, one escalation). All names of
// organisations, places and professionals are invented; the family appears only as "moeder",
// "vader", "kind 1" and "kind 2". Deterministic apart from the generated uuids.
import * as Y from "yjs";
import { createEvent, createParty, createPeriod, type EventInput } from "./mutations.ts";
import type { EventFlags, Source } from "./schema.ts";
import type { EventKind, EventStatus } from "./vocabulary.ts";

export interface DemoTimelineOptions {
  /** Member organisations of the two demo ketenpartners: a = Wijkteam Noord, b = Stichting Jeugdhulp De Brug. */
  organisationIds: { a: string; b: string };
  /** Recorded as createdBy / updatedBy. */
  userId: string;
  /** Transaction origin (all of it is one transaction). */
  origin?: unknown;
  /** createdAt / updatedAt of the first event (later ones follow at one-second steps); fixed by default so the demo is reproducible. */
  now?: Date;
}

export interface DemoTimelineResult {
  partyIds: Record<DemoPartyKey, string>;
  periodIds: string[];
  eventIds: string[];
}

const DEFAULT_NOW = new Date("2024-03-01T09:00:00.000Z");

const PARTIES = [
  { key: "jgz", name: "JGZ Dijkhaven (consultatiebureau)", domain: "Gezondheid" },
  { key: "huisarts", name: "Huisartsenpraktijk De Linde", domain: "Gezondheid" },
  { key: "ggz", name: "GGZ Rivierland", domain: "Gezondheid" },
  { key: "school", name: "Basisschool De Vlinderboom", domain: "Onderwijs" },
  { key: "leerplicht", name: "Leerplicht gemeente Dijkhaven", domain: "Onderwijs" },
  { key: "wijkteam", name: "Wijkteam Noord", domain: "Gezin", org: "a" },
  { key: "debrug", name: "Stichting Jeugdhulp De Brug", domain: "Gezin", org: "b" },
  { key: "opvang", name: "Vrouwenopvang Het Baken", domain: "Veiligheid" },
  { key: "veiligthuis", name: "Veilig Thuis Dijkhaven", domain: "Veiligheid" },
  { key: "politie", name: "Politie basisteam Dijkhaven-Noord", domain: "Veiligheid" },
  { key: "corporatie", name: "Woningcorporatie Havenstaete", domain: "Wonen" },
  { key: "wi", name: "Afdeling Werk en Inkomen gemeente Dijkhaven", domain: "Werk en Inkomen" },
  { key: "schuldhulp", name: "Kredietbank Dijkhaven (schuldhulpverlening)", domain: "Werk en Inkomen" },
] as const;
export type DemoPartyKey = (typeof PARTIES)[number]["key"];

const PERIODS = [
  { label: "1. Verblijf in de vrouwenopvang", start: "2021-10", end: "2022-05" },
  { label: "2. Zelfstandig wonen, geen hulpverlening", start: "2022-06", end: "2022-12" },
  { label: "3. Wijkteam en dreigende huisuitzetting", start: "2023-01", end: "2023-07" },
  { label: "4. Gezinsbegeleiding De Brug en signalen van huiselijk geweld", start: "2023-08", end: "2024-01" },
];

// Compact notation keeps 70 facts readable: flags as letters (s = signaal, k = kritiek moment,
// o = overdracht, e = opschaling), sources as [type, reference].
interface DemoEvent {
  d: string;
  end?: string;
  ca?: boolean;
  p: DemoPartyKey;
  k: EventKind;
  t: string;
  x: string;
  who: [string, string];
  src: [Source["type"], string][];
  ld: string[];
  f?: string;
  st?: EventStatus;
  why?: string;
}

const FEITENRELAAS = "Feitenrelaas gemeente Dijkhaven";

const EVENTS: DemoEvent[] = [
  // Periode 1: verblijf in de vrouwenopvang (okt 2021 – mei 2022)
  {
    d: "2021-10-14T23:40", p: "politie", k: "incident",
    t: "Politie bij woning na melding huiselijk geweld",
    x: "Buren melden geschreeuw. Agenten treffen moeder aan met letsel in het gezicht; kind 1 was in de woning en heeft het geweld gezien. Vader wordt aangehouden. Er wordt een zorgmelding voor Veilig Thuis opgemaakt.",
    who: ["Hoofdagent", "M.K."], src: [["dossier", "Politiemutatie 14-10-2021"]], ld: ["veiligheid", "gezin"], f: "s",
  },
  {
    d: "2021-10-15", p: "veiligthuis", k: "melding_signaal",
    t: "Zorgmelding politie ontvangen en opgepakt",
    x: "Veilig Thuis ontvangt de zorgmelding en belt dezelfde dag met moeder. Moeder wil met kind 1 de woning verlaten. Moeder is zwanger.",
    who: ["Medewerker triage", "A.S."], src: [["dossier", "Dossier Veilig Thuis, triageverslag 15-10-2021"]], ld: ["veiligheid"], f: "s",
  },
  {
    d: "2021-10-18", p: "veiligthuis", k: "aanmelding",
    t: "Aanmelding bij Vrouwenopvang Het Baken",
    x: "Veilig Thuis regelt een plek in de vrouwenopvang voor moeder en kind 1 en draagt de casus over. Veilig Thuis sluit het dossier na de plaatsing.",
    who: ["Casusregisseur", "A.S."], src: [["dossier", "Dossier Veilig Thuis, overdrachtsformulier"]], ld: ["veiligheid", "wonen"], f: "o",
  },
  {
    d: "2021-10-19", p: "opvang", k: "aanmelding",
    t: "Opname moeder en kind 1 in de opvang",
    x: "Intakegesprek met moeder. Vastgelegd: zwangerschap, geweld door vader, geen eigen inkomen, kind 1 (5 jaar) moet naar een school in de buurt van de opvang.",
    who: ["Ambulant hulpverlener", "L.V."], src: [["dossier", "Dossier Het Baken, intakeverslag 19-10-2021"]], ld: ["veiligheid", "wonen", "gezin"], f: "o",
  },
  {
    d: "2021-10-19", end: "2022-05-20", p: "opvang", k: "overig",
    t: "Verblijf in de vrouwenopvang",
    x: "Moeder en kind 1 (en na de geboorte kind 2) verblijven in Het Baken.",
    who: ["Ambulant hulpverlener", "L.V."], src: [["feitenrelaas", `${FEITENRELAAS}, p. 2`]], ld: ["wonen"],
  },
  {
    d: "2021-11", ca: true, p: "opvang", k: "overleg",
    t: "Hulpplan opgesteld",
    x: "Doelen: zelfstandigheid van moeder, opvoedondersteuning en verwerking van het huiselijk geweld. De rol van vader wordt niet in het plan opgenomen.",
    who: ["Ambulant hulpverlener", "L.V."], src: [["dossier", "Dossier Het Baken, hulpplan"]], ld: ["gezin", "opvoeding", "psychisch_welbevinden"],
  },
  {
    d: "2021-11-08", p: "wi", k: "aanmelding",
    t: "Aanvraag bijstandsuitkering met hulp van de opvang",
    x: "Moeder vraagt met hulp van de ambulant hulpverlener een bijstandsuitkering aan.",
    who: ["Consulent inkomen", "P.d.W."], src: [["dossier", "Aanvraagformulier bijstand 08-11-2021"]], ld: ["werk_en_inkomen"],
  },
  {
    d: "2021-12-02", p: "wi", k: "besluit",
    t: "Bijstand toegekend onder voorwaarde van een opleiding",
    x: "De uitkering wordt toegekend op voorwaarde dat moeder uiterlijk bij het nieuwe schooljaar een opleiding start. Een ontheffing vanwege de zorg voor jonge kinderen wordt niet overwogen.",
    who: ["Consulent inkomen", "P.d.W."], src: [["dossier", "Beschikking 02-12-2021"]], ld: ["werk_en_inkomen", "onderwijs"],
  },
  {
    d: "2021-12-09", p: "opvang", k: "overig",
    t: "Geboorte kind 2",
    x: "Moeder bevalt van kind 2. De opvang meldt moeder en beide kinderen aan bij de jeugdgezondheidszorg, met vermelding van het huiselijk geweld.",
    who: ["Ambulant hulpverlener", "L.V."], src: [["dossier", "Dossier Het Baken, rapportage december 2021"]], ld: ["gezondheid", "gezin"], f: "o",
  },
  {
    d: "2021-12-20", p: "jgz", k: "huisbezoek",
    t: "Huisbezoek jeugdverpleegkundige na de geboorte",
    x: "De jeugdverpleegkundige bezoekt moeder en kind 2 in de opvang. Groei en verzorging zijn goed. Afspraak: vervolg op het consultatiebureau; bij niet verschijnen wordt de opvang geïnformeerd.",
    who: ["Jeugdverpleegkundige", "H.T."], src: [["dossier", "Digitaal dossier JGZ kind 2"]], ld: ["gezondheid", "opvoeding"],
  },
  {
    d: "2022-01-17", p: "jgz", k: "contact",
    t: "Moeder en kind 2 niet verschenen op het consultatiebureau",
    x: "Moeder en kind 2 komen niet op de afspraak. Er wordt een nieuwe afspraak gestuurd; de opvang wordt niet geïnformeerd, anders dan afgesproken.",
    who: ["Jeugdarts", "B.v.L."], src: [["dossier", "Digitaal dossier JGZ kind 2"]], ld: ["gezondheid"], f: "s",
  },
  {
    d: "2022-02-14", p: "jgz", k: "contact",
    t: "Tweede afspraak consultatiebureau gemist",
    x: "Opnieuw niet verschenen. De opvang gaat ervan uit dat moeder de afspraken nakomt.",
    who: ["Jeugdarts", "B.v.L."], src: [["dossier", "Digitaal dossier JGZ kind 2"], ["interview", "Interview ambulant hulpverlener Het Baken, 14-03-2024"]], ld: ["gezondheid"], f: "s",
  },
  {
    d: "2022-02-21", p: "opvang", k: "aanmelding",
    t: "Opvang vraagt GGZ om nader onderzoek bij moeder",
    x: "De hulpverlener vermoedt dat moeder meer hulp nodig heeft bij de verwerking van het geweld en meldt haar via de huisarts van de opvang aan bij GGZ Rivierland.",
    who: ["Ambulant hulpverlener", "L.V."], src: [["dossier", "Dossier Het Baken, verwijsbrief"]], ld: ["psychisch_welbevinden"], f: "o",
  },
  {
    d: "2022-03-09", p: "ggz", k: "besluit",
    t: "GGZ ziet geen aanleiding voor behandeling",
    x: "Na een diagnostisch gesprek ziet GGZ Rivierland geen indicatie voor specialistische behandeling en adviseert steun vanuit de basisvoorzieningen.",
    who: ["GZ-psycholoog", "R.M."], src: [["dossier", "Dossier Het Baken, brief GGZ"]], ld: ["psychisch_welbevinden"], f: "k",
    st: "betwist", why: "GGZ Rivierland: het advies was traumabehandeling via de huisarts, niet 'geen aanleiding'; zie brief van 15-03-2022.",
  },
  {
    d: "2022-04", ca: true, p: "opvang", k: "contact",
    t: "Contact tussen moeder en vader hersteld",
    x: "Moeder vertelt dat zij weer contact heeft met vader en dat hij de kinderen wil zien. De risico's hiervan voor moeder en de kinderen worden niet besproken; het veiligheidsplan wordt niet aangepast.",
    who: ["Ambulant hulpverlener", "L.V."], src: [["interview", "Interview ambulant hulpverlener Het Baken, 14-03-2024"]], ld: ["veiligheid", "gezin"], f: "sk",
  },
  {
    d: "2022-04-25", p: "corporatie", k: "besluit",
    t: "Urgentie toegekend en woning aangeboden",
    x: "Op basis van de urgentieverklaring biedt Havenstaete moeder een eengezinswoning aan in Dijkhaven-Noord.",
    who: ["Woonconsulent", "E.H."], src: [["dossier", "Huurdersdossier Havenstaete"]], ld: ["wonen"],
  },
  {
    d: "2022-05-20", p: "opvang", k: "overdracht",
    t: "Vertrek uit de opvang zonder warme overdracht",
    x: "Moeder verhuist met kind 1 en kind 2 naar de eigen woning. De opvang biedt aanmelding bij het wijkteam aan voor praktische steun; moeder wil dat niet. Er is geen overdracht naar wijkteam of huisarts en geen afspraak over nazorg.",
    who: ["Ambulant hulpverlener", "L.V."], src: [["dossier", "Dossier Het Baken, afsluitverslag"], ["interview", "Interview teamleider Het Baken, 14-03-2024"]], ld: ["wonen", "gezin"], f: "ok",
  },
  {
    d: "2022-05-30", p: "school", k: "aanmelding",
    t: "Kind 1 ingeschreven op Basisschool De Vlinderboom",
    x: "De vorige school stuurt een onderwijskundig rapport zonder informatie over de thuissituatie of het verblijf in de opvang.",
    who: ["Intern begeleider", "S.B."], src: [["dossier", "Leerlingdossier kind 1"]], ld: ["onderwijs"], f: "o",
  },

  // Periode 2: zelfstandig wonen, geen hulpverlening (jun – dec 2022)
  {
    d: "2022-06-13", p: "huisarts", k: "aanmelding",
    t: "Moeder en kinderen ingeschreven bij de huisarts",
    x: "Van de vorige huisarts komen geen bijzonderheden mee; de huisarts weet niet van de opvang en het huiselijk geweld.",
    who: ["Doktersassistent", "I.K."], src: [["dossier", "Huisartsendossier moeder"]], ld: ["gezondheid"], f: "o",
  },
  {
    d: "2022-06-27", p: "huisarts", k: "contact",
    t: "Consult moeder: hoofdpijn en slecht slapen",
    x: "Moeder noemt stress. De huisarts schrijft pijnstilling voor en vraagt niet door naar de thuissituatie.",
    who: ["Huisarts", "K.W."], src: [["dossier", "Huisartsendossier moeder"]], ld: ["gezondheid", "psychisch_welbevinden"], f: "s",
  },
  {
    d: "2022-07-11", p: "wi", k: "contact",
    t: "Brief: verzoek om bewijs van inschrijving opleiding",
    x: "Werk en Inkomen vraagt schriftelijk naar de start van de opleiding.",
    who: ["Consulent inkomen", "P.d.W."], src: [["dossier", "Brief 11-07-2022"]], ld: ["werk_en_inkomen"],
  },
  {
    d: "2022-08", ca: true, p: "wi", k: "contact",
    t: "Geen reactie op herinnering",
    x: "Moeder reageert niet op de herinneringsbrief. Er volgt geen telefoontje of huisbezoek.",
    who: ["Consulent inkomen", "P.d.W."], src: [["interview", "Interview consulent Werk en Inkomen, 20-03-2024"]], ld: ["werk_en_inkomen"], f: "s",
    st: "concept",
  },
  {
    d: "2022-09-01", p: "wi", k: "besluit",
    t: "Bijstandsuitkering beëindigd",
    x: "De uitkering wordt beëindigd omdat niet aan de voorwaarde is voldaan. Het gezin heeft vanaf dat moment geen inkomen.",
    who: ["Consulent inkomen", "P.d.W."], src: [["dossier", "Beschikking 01-09-2022"]], ld: ["werk_en_inkomen", "financien"], f: "k",
  },
  {
    d: "2022-09-12", p: "jgz", k: "contact",
    t: "Kind 2 niet verschenen; geen nieuwe oproep",
    x: "Kind 2 komt opnieuw niet op het consultatiebureau. Er volgt geen huisbezoek en geen signalering in de verwijsindex; de dossiers van kind 1 en kind 2 zijn niet gekoppeld.",
    who: ["Jeugdverpleegkundige", "H.T."], src: [["dossier", "Digitaal dossier JGZ kind 2"]], ld: ["gezondheid", "opvoeding"], f: "sk",
  },
  {
    d: "2022-09-26", p: "school", k: "melding_signaal",
    t: "Kind 1 vaak te laat en zonder lunch",
    x: "De leerkracht noteert dat kind 1 geregeld te laat komt en geen eten bij zich heeft. Besproken met de intern begeleider; geen contact met moeder.",
    who: ["Leerkracht groep 3", "D.A."], src: [["dossier", "Leerlingdossier kind 1, notities leerkracht"]], ld: ["onderwijs", "opvoeding"], f: "s",
  },
  {
    d: "2022-10-10", p: "corporatie", k: "melding_signaal",
    t: "Eerste huurachterstand gesignaleerd",
    x: "Twee maanden huurachterstand. Havenstaete stuurt een betalingsherinnering.",
    who: ["Medewerker incasso", "F.B."], src: [["dossier", "Huurdersdossier Havenstaete"]], ld: ["wonen", "financien"], f: "s",
  },
  {
    d: "2022-10-31", p: "corporatie", k: "huisbezoek",
    t: "Huisbezoek corporatie: niemand thuis",
    x: "De woonconsulent treft niemand thuis en laat een briefje achter. Er komt geen reactie.",
    who: ["Woonconsulent", "E.H."], src: [["dossier", "Huurdersdossier Havenstaete"]], ld: ["wonen"],
  },
  {
    d: "2022-11-14", p: "huisarts", k: "aanmelding",
    t: "Verwijzing kind 1 naar jeugdhulp vanwege gedrag",
    x: "Moeder vraagt hulp omdat kind 1 thuis boos en onrustig is. De huisarts verwijst naar Stichting Jeugdhulp De Brug en gaat niet na of de aanmelding tot stand komt.",
    who: ["Huisarts", "K.W."], src: [["dossier", "Huisartsendossier kind 1, verwijsbrief"]], ld: ["opvoeding", "gezondheid"], f: "so",
  },
  {
    d: "2022-11-21", p: "corporatie", k: "aanmelding",
    t: "Aanmelding bij schuldhulpverlening (vroegsignalering)",
    x: "Havenstaete meldt het gezin aan bij de Kredietbank vanwege de oplopende huurachterstand.",
    who: ["Medewerker incasso", "F.B."], src: [["dossier", "Aanmeldformulier vroegsignalering"]], ld: ["financien", "wonen"], f: "o",
  },
  {
    d: "2022-11-30", p: "schuldhulp", k: "afwijzing",
    t: "Schuldhulp kan zonder inkomen niet starten",
    x: "In een telefoongesprek adviseert de Kredietbank moeder eerst weer bijstand aan te vragen en daarna terug te komen. Moeder neemt daarna geen contact meer op; de Kredietbank belt niet terug.",
    who: ["Schuldhulpverlener", "O.Y."], src: [["dossier", "Klantdossier Kredietbank"], ["interview", "Interview schuldhulpverlener, 21-03-2024"]], ld: ["financien", "werk_en_inkomen"], f: "sk",
  },
  {
    d: "2022-12-05", p: "schuldhulp", k: "overdracht",
    t: "Advies aan corporatie: meld het gezin aan bij het wijkteam",
    x: "De Kredietbank sluit de aanmelding en adviseert Havenstaete het gezin bij Wijkteam Noord aan te melden.",
    who: ["Schuldhulpverlener", "O.Y."], src: [["dossier", "Klantdossier Kredietbank"]], ld: ["financien"], f: "o",
  },
  {
    d: "2022-12-19", p: "corporatie", k: "besluit",
    t: "Deurwaarder ingeschakeld voor ontbinding huurovereenkomst",
    x: "Vanwege vier maanden achterstand start Havenstaete via de deurwaarder de procedure tot ontbinding van de huurovereenkomst.",
    who: ["Medewerker incasso", "F.B."], src: [["dossier", "Huurdersdossier Havenstaete"]], ld: ["wonen", "financien"], f: "s",
  },
  {
    d: "2022-12-28", p: "debrug", k: "afwijzing",
    t: "Verwijzing kind 1 gesloten zonder aanmelding",
    x: "Moeder heeft zich na de verwijzing niet gemeld. De Brug sluit de verwijzing na zes weken.",
    who: ["Medewerker aanmelding", "W.J."], src: [["dossier", "Aanmeldregistratie De Brug"]], ld: ["opvoeding"], f: "sk",
    st: "betwist", why: "De Brug: de huisarts is op 03-01-2023 per brief geïnformeerd over het sluiten; de beschrijving suggereert dat er geen terugkoppeling was.",
  },

  // Periode 3: wijkteam en dreigende huisuitzetting (jan – jul 2023)
  {
    d: "2023-01-09", p: "wijkteam", k: "aanmelding",
    t: "Aanmelding door Havenstaete bij Wijkteam Noord",
    x: "De corporatie meldt het gezin aan vanwege huurachterstand en dreigende ontbinding van de huurovereenkomst.",
    who: ["Wijkcoach", "J.B."], src: [["dossier", "Dossier Wijkteam Noord, aanmelding"]], ld: ["wonen", "financien"], f: "o",
  },
  {
    d: "2023-01-16", p: "wijkteam", k: "huisbezoek",
    t: "Eerste huisbezoek wijkcoach",
    x: "Hulpvraag van moeder: inkomen en huurschuld. De woning is karig ingericht. De situatie van kind 1 en kind 2 en de rol van vader worden niet uitgevraagd.",
    who: ["Wijkcoach", "J.B."], src: [["dossier", "Dossier Wijkteam Noord, verslag huisbezoek"], ["interview", "Interview wijkcoach, 12-03-2024"]], ld: ["financien", "wonen", "gezin"], f: "s",
  },
  {
    d: "2023-01-23", p: "wi", k: "aanmelding",
    t: "Nieuwe bijstandsaanvraag met hulp van de wijkcoach",
    x: "Moeder vraagt opnieuw bijstand aan. Werk en Inkomen legt een zoektermijn van vier weken op.",
    who: ["Consulent inkomen", "T.R."], src: [["dossier", "Aanvraagformulier bijstand 23-01-2023"]], ld: ["werk_en_inkomen"],
  },
  {
    d: "2023-01-23", end: "2023-02-20", p: "wi", k: "besluit",
    t: "Zoektermijn van vier weken",
    x: "Gedurende de zoektermijn wordt de aanvraag niet in behandeling genomen. Een dringende reden om hiervan af te wijken wordt niet onderzocht.",
    who: ["Consulent inkomen", "T.R."], src: [["feitenrelaas", `${FEITENRELAAS}, p. 6`]], ld: ["werk_en_inkomen", "financien"], f: "k",
  },
  {
    d: "2023-02-06", p: "corporatie", k: "besluit",
    t: "Huisuitzetting aangekondigd",
    x: "De deurwaarder kondigt de ontruiming aan voor maart 2023.",
    who: ["Medewerker incasso", "F.B."], src: [["dossier", "Aankondiging ontruiming 06-02-2023"]], ld: ["wonen"], f: "sk",
  },
  {
    d: "2023-02-13", p: "wijkteam", k: "overleg",
    t: "Wijkcoach regelt uitstel van de ontruiming",
    x: "Na overleg met Havenstaete wordt de ontruiming opgeschort op voorwaarde van een betalingsregeling zodra er inkomen is.",
    who: ["Wijkcoach", "J.B."], src: [["dossier", "Dossier Wijkteam Noord, journaal"]], ld: ["wonen"],
  },
  {
    d: "2023-02", ca: true, p: "wi", k: "besluit",
    t: "Voorschot op de uitkering verstrekt",
    x: "In afwachting van het besluit op de aanvraag krijgt moeder een voorschot.",
    who: ["Consulent inkomen", "T.R."], src: [["dossier", "Betaaloverzicht voorschotten"]], ld: ["werk_en_inkomen"],
  },
  {
    d: "2023-03", ca: true, p: "wijkteam", k: "contact",
    t: "Moeder vertelt over het verblijf in de opvang",
    x: "Het wijkteam was niet op de hoogte van het huiselijk geweld en de opvang. Er wordt geen contact gezocht met Het Baken of Veilig Thuis.",
    who: ["Wijkcoach", "J.B."], src: [["interview", "Interview wijkcoach, 12-03-2024"]], ld: ["veiligheid", "gezin"], f: "sk",
  },
  {
    d: "2023-03-20", p: "wijkteam", k: "contact",
    t: "Aanbod gesprekken met maatschappelijk werker afgewezen",
    x: "De wijkcoach biedt gesprekken aan over stress en het verleden. Moeder wil eerst het geldprobleem opgelost zien. Het aanbod wordt niet herhaald.",
    who: ["Wijkcoach", "J.B."], src: [["dossier", "Dossier Wijkteam Noord, journaal"]], ld: ["psychisch_welbevinden"], f: "s",
  },
  {
    d: "2023-04-03", p: "jgz", k: "huisbezoek",
    t: "Huisbezoek JGZ: zorgen over ontwikkeling kind 2",
    x: "De jeugdverpleegkundige vult het risicotaxatie-instrument in: matige zorg. Vervolgafspraak over drie maanden. Informatie over kind 1 wordt niet betrokken.",
    who: ["Jeugdverpleegkundige", "H.T."], src: [["dossier", "Digitaal dossier JGZ kind 2, risicotaxatie"]], ld: ["gezondheid", "opvoeding"], f: "s",
  },
  {
    d: "2023-04-17", p: "wijkteam", k: "overleg",
    t: "Wijkcoach schaalt op naar teamleider",
    x: "Omdat het besluit op de bijstandsaanvraag uitblijft en een nieuwe ontruiming dreigt, vraagt de wijkcoach de teamleider om doorzettingsmacht richting Werk en Inkomen.",
    who: ["Wijkcoach", "J.B."], src: [["dossier", "Dossier Wijkteam Noord, opschalingsformulier"]], ld: ["werk_en_inkomen", "wonen"], f: "e",
  },
  {
    d: "2023-04-24", p: "wijkteam", k: "besluit",
    t: "Teamleider besluit af te wachten",
    x: "De teamleider zet geen doorzettingsmacht in en spreekt af het besluit van Werk en Inkomen af te wachten.",
    who: ["Teamleider", "C.P."], src: [["interview", "Interview teamleider Wijkteam Noord, 13-03-2024"]], ld: ["werk_en_inkomen"], f: "k",
  },
  {
    d: "2023-05-08", p: "school", k: "overleg",
    t: "Zorgoverleg school over kind 1",
    x: "Zorgen over verzuim, vermoeidheid en kleding. Besloten wordt af te wachten; moeder wordt niet uitgenodigd en andere betrokkenen worden niet gevraagd.",
    who: ["Intern begeleider", "S.B."], src: [["dossier", "Leerlingdossier kind 1, verslag zorgoverleg"]], ld: ["onderwijs", "opvoeding"], f: "sk",
  },
  {
    d: "2023-05-22", p: "leerplicht", k: "melding_signaal",
    t: "Melding ongeoorloofd verzuim kind 1",
    x: "School meldt zestien uur ongeoorloofd verzuim in vier weken.",
    who: ["Leerplichtambtenaar", "G.O."], src: [["dossier", "Verzuimmelding DUO 22-05-2023"]], ld: ["onderwijs"], f: "s",
  },
  {
    d: "2023-06-05", p: "leerplicht", k: "contact",
    t: "Gesprek leerplicht met moeder",
    x: "Moeder noemt geldzorgen en stress. Afspraak: kind 1 gaat weer elke dag naar school. Geen doorverwijzing en geen contact met het wijkteam.",
    who: ["Leerplichtambtenaar", "G.O."], src: [["dossier", "Verslag verzuimgesprek"]], ld: ["onderwijs", "financien"], f: "s",
  },
  {
    d: "2023-06-19", p: "corporatie", k: "besluit",
    t: "Tweede aankondiging huisuitzetting",
    x: "Omdat de betalingsregeling niet van start is gegaan, kondigt de deurwaarder opnieuw de ontruiming aan.",
    who: ["Medewerker incasso", "F.B."], src: [["dossier", "Aankondiging ontruiming 19-06-2023"]], ld: ["wonen", "financien"], f: "sk",
  },
  {
    d: "2023-07-10", p: "wijkteam", k: "overdracht",
    t: "Wijkteam draagt het gezin over aan De Brug",
    x: "Vanwege de stapeling van problemen verwijst het wijkteam naar intensieve gezinsbegeleiding bij De Brug. De overdracht gaat per formulier; er is geen gezamenlijk overdrachtsgesprek met moeder.",
    who: ["Wijkcoach", "J.B."], src: [["dossier", "Dossier Wijkteam Noord, overdrachtsformulier"]], ld: ["gezin"], f: "ok",
  },
  {
    d: "2023-07-27", p: "wi", k: "afwijzing",
    t: "Bijstandsaanvraag afgewezen: vermoeden van samenwonen",
    x: "Na zes maanden wordt de aanvraag afgewezen omdat vader vaak in de woning zou verblijven.",
    who: ["Consulent inkomen", "T.R."], src: [["dossier", "Beschikking 27-07-2023"]], ld: ["werk_en_inkomen", "financien"], f: "k",
  },

  // Periode 4: gezinsbegeleiding De Brug en signalen van huiselijk geweld (aug 2023 – jan 2024)
  {
    d: "2023-08-07", p: "debrug", k: "aanmelding",
    t: "Intake gezinsbegeleiding De Brug",
    x: "De Brug start 'blanco': de informatie van het wijkteam is nog niet ontvangen. Moeder noemt geld, woning en vermoeidheid als problemen.",
    who: ["Gezinsbegeleider", "N.A."], src: [["dossier", "Dossier De Brug, intakeverslag"], ["interview", "Interview gezinsbegeleider De Brug, 19-03-2024"]], ld: ["gezin", "financien"], f: "o",
  },
  {
    d: "2023-08-14", p: "wijkteam", k: "overdracht",
    t: "Overdrachtsdossier verstuurd aan De Brug",
    x: "Het wijkteam stuurt het dossier per beveiligde mail aan De Brug.",
    who: ["Wijkcoach", "J.B."], src: [["dossier", "Dossier Wijkteam Noord, journaal"]], ld: ["gezin"], f: "o",
    st: "betwist", why: "De Brug: het dossier is pas in oktober 2023 ontvangen, na herhaald verzoek.",
  },
  {
    d: "2023-08-21", p: "jgz", k: "contact",
    t: "Kind 2 niet verschenen; daarna niet meer opgeroepen",
    x: "Na deze gemiste afspraak wordt kind 2 niet meer opgeroepen en raakt het uit beeld bij de jeugdgezondheidszorg.",
    who: ["Jeugdverpleegkundige", "H.T."], src: [["dossier", "Digitaal dossier JGZ kind 2"]], ld: ["gezondheid"], f: "sk",
  },
  {
    d: "2023-08-28", p: "debrug", k: "overleg",
    t: "Plan van aanpak: eerst inkomen en woning",
    x: "Andere leefgebieden (opvoeding, veiligheid, gezondheid) komen later aan bod. Het plan wordt niet afgestemd met school, JGZ of Werk en Inkomen.",
    who: ["Gezinsbegeleider", "N.A."], src: [["dossier", "Dossier De Brug, plan van aanpak"]], ld: ["financien", "wonen"], f: "k",
  },
  {
    d: "2023-09-11", p: "debrug", k: "contact",
    t: "Hulp bij bezwaar tegen afwijzing bijstand",
    x: "De gezinsbegeleider helpt moeder met het bezwaar en een verzoek om een voorlopige voorziening bij de rechter.",
    who: ["Gezinsbegeleider", "N.A."], src: [["dossier", "Dossier De Brug, journaal"]], ld: ["werk_en_inkomen", "justitie"],
  },
  {
    d: "2023-09-18", p: "debrug", k: "besluit",
    t: "De Brug schiet één maand huur voor",
    x: "Om een ontruiming te voorkomen en omdat er onvoldoende eten en luiers in huis zijn, schiet De Brug één maand huur voor en vraagt een bijdrage aan een fonds voor bijzondere noden.",
    who: ["Gezinsbegeleider", "N.A."], src: [["dossier", "Dossier De Brug, journaal"]], ld: ["financien", "wonen"], f: "s",
  },
  {
    d: "2023-09-25", p: "wi", k: "afwijzing",
    t: "Aanvraag voorschot levensonderhoud afgewezen",
    x: "Een aanvraag voor een voorschot voor de eerste levensbehoeften wordt afgewezen zolang het bezwaar loopt.",
    who: ["Consulent inkomen", "T.R."], src: [["dossier", "Beschikking 25-09-2023"]], ld: ["werk_en_inkomen", "financien"], f: "k",
  },
  {
    d: "2023-10-06T22:15", p: "politie", k: "incident",
    t: "Politie bij woning: ruzie tussen moeder en vader",
    x: "Moeder verklaart dat vader haar heeft geduwd en dat kind 1 en kind 2 thuis waren. Het voornemen om een zorgmelding bij Veilig Thuis te doen wordt genoteerd.",
    who: ["Agent", "R.d.J."], src: [["dossier", "Politiemutatie 06-10-2023"]], ld: ["veiligheid", "gezin"], f: "s",
  },
  {
    d: "2023-10-09", p: "politie", k: "melding_signaal",
    t: "Zorgmelding aan Veilig Thuis niet verzonden",
    x: "De zorgmelding wordt niet opgemaakt. De reden is in het dossier niet terug te vinden.",
    who: ["Agent", "R.d.J."], src: [["dossier", "Politiemutatie 06-10-2023, afhandeling"]], ld: ["veiligheid"], f: "k",
    st: "concept",
  },
  {
    d: "2023-10-16", p: "debrug", k: "contact",
    t: "Moeder vertelt de gezinsbegeleider over het geweld",
    x: "De gezinsbegeleider helpt moeder met de aanvraag van een straatverbod. De veiligheid van kind 1 en kind 2 wordt niet getaxeerd; er volgt geen melding bij Veilig Thuis.",
    who: ["Gezinsbegeleider", "N.A."], src: [["dossier", "Dossier De Brug, journaal"], ["interview", "Interview gezinsbegeleider De Brug, 19-03-2024"]], ld: ["veiligheid", "gezin", "justitie"], f: "sk",
  },
  {
    d: "2023-10-30T19:40", p: "politie", k: "incident",
    t: "Tweede politie-inzet; aangifte tegen vader",
    x: "Vader staat ondanks afspraken voor de deur en bedreigt moeder. Moeder doet aangifte. Dit keer wordt een zorgmelding naar Veilig Thuis verstuurd.",
    who: ["Hoofdagent", "M.K."], src: [["dossier", "Proces-verbaal aangifte 30-10-2023"]], ld: ["veiligheid", "justitie"], f: "so",
  },
  {
    d: "2023-10-31", p: "veiligthuis", k: "melding_signaal",
    t: "Zorgmelding ontvangen; overgedragen aan De Brug",
    x: "Veilig Thuis ziet lopende hulp en draagt de melding over aan De Brug met de afspraak dat De Brug de veiligheid volgt. Een eigen veiligheidsbeoordeling van de kinderen vindt niet plaats.",
    who: ["Medewerker triage", "Y.E."], src: [["dossier", "Dossier Veilig Thuis, triageverslag 31-10-2023"]], ld: ["veiligheid"], f: "ok",
  },
  {
    d: "2023-11-06", p: "debrug", k: "huisbezoek",
    t: "Huisbezoek met psycholoog van De Brug",
    x: "De psycholoog schrikt van de leefsituatie: weinig eten, geen eigen bed voor kind 2. Er worden geen acties afgesproken.",
    who: ["Psycholoog", "M.H."], src: [["interview", "Interview psycholoog De Brug, 19-03-2024"]], ld: ["opvoeding", "wonen", "gezondheid"], f: "sk",
  },
  {
    d: "2023-11-13", p: "wi", k: "besluit",
    t: "Rechter: afwijzing bijstand onterecht",
    x: "De voorzieningenrechter oordeelt dat de afwijzing onvoldoende was onderbouwd. Werk en Inkomen neemt de aanvraag opnieuw in behandeling en verstrekt voorschotten.",
    who: ["Juridisch medewerker", "S.L."], src: [["dossier", "Uitspraak voorzieningenrechter 13-11-2023"]], ld: ["werk_en_inkomen", "justitie"],
  },
  {
    d: "2023-11-20", p: "school", k: "huisbezoek",
    t: "Leerkracht op huisbezoek; zorgen over armoede",
    x: "De leerkracht schrikt van de armoedige leefsituatie. Na intern overleg wordt besloten geen melding bij Veilig Thuis te doen, omdat 'armoede alleen' volgens de school geen reden is.",
    who: ["Leerkracht groep 4", "D.A."], src: [["interview", "Interview leerkracht en intern begeleider, 18-03-2024"]], ld: ["onderwijs", "opvoeding", "financien"], f: "sk",
  },
  {
    d: "2023-11", ca: true, p: "debrug", k: "contact",
    t: "Nieuwe partner van moeder woont in",
    x: "De gezinsbegeleider hoort dat de nieuwe partner van moeder bij het gezin woont. Over hem is bij De Brug, school en JGZ weinig bekend.",
    who: ["Gezinsbegeleider", "N.A."], src: [["interview", "Interview gezinsbegeleider De Brug, 19-03-2024"]], ld: ["gezin", "veiligheid"], f: "s",
    st: "concept",
  },
  {
    d: "2023-12-04", p: "debrug", k: "overleg",
    t: "Gezinsbegeleider schaalt op naar gedragswetenschapper",
    x: "Vanwege zorgen over de nieuwe partner en de stress van moeder. Besluit: een veiligheidstaxatie plannen zodra de uitkering rond is.",
    who: ["Gedragswetenschapper", "E.V."], src: [["dossier", "Dossier De Brug, verslag MDO"]], ld: ["veiligheid", "opvoeding"], f: "ek",
  },
  {
    d: "2023-12-11", p: "school", k: "melding_signaal",
    t: "Kind 1 veelvuldig ongeoorloofd afwezig",
    x: "Het verzuim wordt intern besproken maar niet gemeld bij leerplicht en niet met moeder besproken.",
    who: ["Intern begeleider", "S.B."], src: [["dossier", "Leerlingdossier kind 1, absentieregistratie"]], ld: ["onderwijs"], f: "sk",
  },
  {
    d: "2023-12-18", p: "wi", k: "besluit",
    t: "Bijstandsuitkering toegekend",
    x: "Na ruim een jaar zonder vast inkomen wordt de uitkering toegekend.",
    who: ["Consulent inkomen", "T.R."], src: [["dossier", "Beschikking 18-12-2023"]], ld: ["werk_en_inkomen"],
  },
  {
    d: "2024-01-03", p: "huisarts", k: "aanmelding",
    t: "Consult moeder: uitputting; verwijzing naar GGZ",
    x: "Moeder is uitgeput en somber. De huisarts verwijst naar GGZ Rivierland; over de kinderen wordt niet gesproken.",
    who: ["Huisarts", "K.W."], src: [["dossier", "Huisartsendossier moeder"]], ld: ["psychisch_welbevinden", "gezondheid"], f: "so",
  },
  {
    d: "2024-01-08", p: "ggz", k: "aanmelding",
    t: "Aanmelding ontvangen; wachttijd tien weken",
    x: "Moeder komt op de wachtlijst. Er is geen overbruggingszorg en geen contact met de huisarts of De Brug.",
    who: ["Medewerker aanmelding", "T.d.G."], src: [["dossier", "Aanmeldregistratie GGZ Rivierland"]], ld: ["psychisch_welbevinden"], f: "s",
  },
  {
    d: "2024-01-22", p: "veiligthuis", k: "melding_signaal",
    t: "Melding ziekenhuis: kind 2 opgenomen met ernstig letsel",
    x: "Het ziekenhuis meldt dat kind 2 met ernstig, mogelijk toegebracht letsel is opgenomen. Veilig Thuis start direct onderzoek en stemt af met politie en De Brug. De calamiteit wordt gemeld bij de toezichthouder.",
    who: ["Gedragswetenschapper", "Y.E."], src: [["dossier", "Dossier Veilig Thuis, melding 22-01-2024"], ["feitenrelaas", `${FEITENRELAAS}, p. 11`]], ld: ["veiligheid", "gezondheid"], f: "ke",
  },
  {
    d: "2024-01-22", p: "politie", k: "incident",
    t: "Politie start onderzoek naar de toedracht",
    x: "Na de melding van het ziekenhuis start de politie een onderzoek. Kind 1 wordt tijdelijk bij familie ondergebracht.",
    who: ["Rechercheur", "L.S."], src: [["dossier", "Proces-verbaal 22-01-2024"]], ld: ["veiligheid", "justitie"], f: "e",
  },
];

const FLAG_LETTERS: Record<string, keyof EventFlags> = {
  s: "signaal",
  k: "kritiekMoment",
  o: "overdracht",
  e: "opschaling",
};

/**
 * Writes the demo parties, periods and events into `doc` in one transaction. Meant for an empty
 * investigation (it adds, it does not clear). Wijkteam Noord is linked to organisation `a`,
 * Stichting Jeugdhulp De Brug to `b`, so their ketenpartners can edit their own lanes.
 */
export function fillDemoTimeline(doc: Y.Doc, opts: DemoTimelineOptions): DemoTimelineResult {
  const now = opts.now ?? DEFAULT_NOW;
  const ctx = { userId: opts.userId, origin: opts.origin, now };
  // One second apart, so facts with the same date keep the order written here (compareEvents
  // falls back to createdAt before the random id).
  const createdAt = (i: number) => new Date(now.getTime() + i * 1000);
  const result: DemoTimelineResult = {
    partyIds: {} as Record<DemoPartyKey, string>,
    periodIds: [],
    eventIds: [],
  };
  doc.transact(() => {
    PARTIES.forEach((p, order) => {
      const organisationId = "org" in p ? opts.organisationIds[p.org] : undefined;
      result.partyIds[p.key] = createParty(
        doc,
        { name: p.name, domain: p.domain, order, ...(organisationId ? { organisationId } : {}) },
        ctx,
      );
    });
    for (const period of PERIODS) result.periodIds.push(createPeriod(doc, period, ctx));
    EVENTS.forEach((e, i) => {
      const flags: Partial<EventFlags> = {};
      for (const letter of e.f ?? "") flags[FLAG_LETTERS[letter]] = true;
      const input: EventInput = {
        title: e.t,
        party: result.partyIds[e.p],
        start: e.d,
        approximate: e.ca ?? false,
        ...(e.end ? { end: e.end } : {}),
        description: e.x,
        actorFunction: e.who[0],
        actorInitials: e.who[1],
        kind: e.k,
        sources: e.src.map(([type, reference]) => ({ type, reference })),
        lifeDomains: e.ld,
        flags,
        status: e.st ?? "bevestigd",
        ...(e.why ? { statusReason: e.why } : {}),
      };
      result.eventIds.push(createEvent(doc, input, { ...ctx, now: createdAt(i) }));
    });
  }, opts.origin ?? null);
  return result;
}

/** Number of demo events, for tests and seed scripts. */
export const DEMO_EVENT_COUNT = EVENTS.length;
