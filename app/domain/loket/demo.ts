// Two years of fictional meldingen for the demo, spread like seed 000's tables (2021: 198 meldingen
// of which 36 adviesvragen and 27 calamities; 2022: 261 / 86 / 19), plus a few this year in the
// inbox. Deterministic: the same "today" gives the same demo. Pure; db/seed-loket.ts writes it.
import { addDays } from "../calendar-date.ts";
import { CATEGORY_CRITERION } from "./fields.ts";

/** Per category: how many in the year before last, and last year. */
export const DEMO_CATEGORY_COUNTS: Record<string, [number, number]> = {
  calamiteit_meldplicht: [8, 5],
  overlijden_natuurlijk: [10, 12],
  overlijden_langdurig_woning: [3, 2],
  suicide: [6, 7],
  suicidepoging: [8, 9],
  overlijden_niet_natuurlijk: [6, 5],
  ggg_fysiek: [28, 30],
  ggg_seksueel: [14, 15],
  ggg_verbaal: [12, 14],
  ggg_professionals: [14, 18],
  vermissing_minderjarige: [22, 18],
  vermissing_meerderjarige: [1, 5],
  dreigende_pandsluiting: [9, 12],
  onrust_wachten_op_zorg: [3, 3],
  onrust_overig: [18, 20],
  advies_vastgelopen: [21, 52],
  advies_overig: [11, 28],
  advies_regio: [4, 6],
};
export const DEMO_CALAMITIES: [number, number] = [27, 19];

export const DEMO_REPORTERS: { name: string; weight: [number, number] }[] = [
  { name: "Wijkteam Noord", weight: [14, 14] },
  { name: "Wijkteam Zuid", weight: [10, 10] },
  { name: "Wijkteam Oost", weight: [8, 8] },
  { name: "Stichting Jeugdhulp De Brug", weight: [10, 9] },
  { name: "Zorggroep Havenstad", weight: [9, 9] },
  { name: "Beschermd Wonen De Kade", weight: [8, 8] },
  { name: "Maatschappelijke Opvang Dijkhaven", weight: [6, 7] },
  { name: "GGZ Delta Dijkhaven", weight: [9, 6] },
  { name: "Jeugdbescherming Dijkhaven (GI)", weight: [9, 6] },
  { name: "Crisis Interventie Team", weight: [3, 10] },
  { name: "Directie Veiligheid gemeente Dijkhaven", weight: [5, 5] },
  { name: "Basisschool De Vlinder", weight: [2, 3] },
  { name: "Reclassering Dijkhaven", weight: [2, 2] },
  { name: "Publieksreacties gemeente Dijkhaven", weight: [2, 3] },
];

const DESCRIPTIONS: Record<string, string[]> = {
  calamiteit_meldplicht: ["Ernstig letsel bij een cliënt tijdens de geboden begeleiding; aanbieder heeft gemeld bij de toezichthouder.", "Medicatiefout met ziekenhuisopname van een cliënt in beschermd wonen."],
  overlijden_natuurlijk: ["Cliënt met ambulante begeleiding overleden; vragen over de frequentie van de huisbezoeken.", "Overlijden van een cliënt in een Wmo-voorziening kort na intake."],
  overlijden_langdurig_woning: ["Cliënt langere tijd na overlijden in de woning aangetroffen; begeleiding was afgeschaald."],
  suicide: ["Suïcide van een volwassen cliënt met Wmo-begeleiding.", "Jongere met jeugdhulp overleden door suïcide."],
  suicidepoging: ["Poging tot suïcide van een cliënt in de maatschappelijke opvang.", "Jongere na suïcidepoging opgenomen; jeugdhulp ambulant betrokken."],
  overlijden_niet_natuurlijk: ["Overlijden in een woonvoorziening waarbij een niet-natuurlijke dood niet is uitgesloten."],
  ggg_fysiek: ["Fysiek geweld tussen twee bewoners op een verblijfslocatie.", "Jongere slaat een groepsgenoot; letsel behandeld bij de huisartsenpost."],
  ggg_seksueel: ["Vermoeden van seksueel grensoverschrijdend gedrag tussen jongeren op een leefgroep.", "Melding van ongewenste seksuele toenadering door een medebewoner."],
  ggg_verbaal: ["Aanhoudende bedreigingen tussen bewoners van een beschermde woonvorm.", "Psychisch grensoverschrijdend gedrag binnen een pleeggezin gemeld."],
  ggg_professionals: ["Medewerker bedreigd en geduwd door een cliënt tijdens een huisbezoek.", "Begeleider gewond geraakt bij een escalatie op de groep."],
  vermissing_minderjarige: ["Jongere (15) meer dan 48 uur vermist uit een gesloten jeugdzorginstelling.", "Kind (11) vermist na schooltijd; Veilig Thuis betrokken."],
  vermissing_meerderjarige: ["Volwassen cliënt met hoog veiligheidsrisico vermist uit een woonvoorziening."],
  dreigende_pandsluiting: ["Dreigende woningsluiting op last van de burgemeester; minderjarige kinderen in het gezin.", "Aangekondigde pandsluiting; gezin met jeugdhulp in beeld."],
  onrust_wachten_op_zorg: ["Cliënt verwondt zichzelf in afwachting van een passend zorgaanbod; buurt in onrust."],
  onrust_overig: ["Mediabericht over een incident bij een zorglocatie; vragen uit de gemeenteraad.", "Onrust in de wijk na een incident rond een woonvoorziening."],
  advies_vastgelopen: ["Adviesvraag: gezin met kinderen zonder onderdak, geen passende plek in de opvang.", "Vastgelopen casus: meerdere aanbieders, niemand heeft de regie."],
  advies_overig: ["Adviesvraag over het melden van een bijna-incident.", "Vraag van een school over het te volgen proces na een incident."],
  advies_regio: ["Melding uit een regiogemeente over regionaal ingekochte zorg, doorgezet naar de verantwoordelijke gemeente."],
};

export interface DemoMelding {
  receivedOn: string;
  eventDate: string;
  channel: string;
  reportingOrganisation: string;
  legalFrame: string;
  criterion: string;
  category: string;
  meldplicht: boolean;
  impacts: string[];
  description: string;
  urgency: string;
  status: string;
  decision: string | null;
  decidedOn: string | null;
  supervisor: string | null;
  supervisorDecision: string | null;
  supervisorReportedOn: string | null;
  supervisorOutcome: string;
  /** Marked for the seed to start a (bare) leeronderzoek from. */
  startInvestigation: boolean;
}

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(rnd: () => number, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1][0];
}

const CALAMITY_ELIGIBLE = new Set(["overlijden_natuurlijk", "suicide", "suicidepoging", "overlijden_niet_natuurlijk", "ggg_fysiek", "ggg_seksueel", "vermissing_minderjarige"]);

function frameFor(rnd: () => number, category: string): string {
  if (category.startsWith("advies")) return weighted(rnd, [["geen", 3], ["wmo", 4], ["jeugdwet", 4], ["wmo_jeugdwet", 1]]);
  if (category.startsWith("vermissing_minder")) return "jeugdwet";
  return weighted(rnd, [["wmo", 40], ["jeugdwet", 38], ["wmo_jeugdwet", 5], ["zvw", 5], ["wlz", 4], ["forensisch", 5], ["geen", 3]]);
}

function decisionFor(rnd: () => number, category: string, meldplicht: boolean): string {
  if (category.startsWith("advies")) return category === "advies_vastgelopen" ? weighted(rnd, [["advies", 3], ["procescoordinatie", 2]]) : "advies";
  if (category === "dreigende_pandsluiting") return "procescoordinatie";
  if (meldplicht) return weighted(rnd, [["procescoordinatie", 3], ["advies", 2]]);
  return weighted(rnd, [["geen_actie", 5], ["advies", 4], ["procescoordinatie", 1]]);
}

/** The demo meldingen for the two calendar years before `today`'s, and a few of this year. */
export function generateDemoMeldingen(today: string, seed = 2021): DemoMelding[] {
  const rnd = prng(seed);
  const thisYear = Number(today.slice(0, 4));
  const out: DemoMelding[] = [];
  for (const [yi, year] of [thisYear - 2, thisYear - 1].entries()) {
    const cats = Object.entries(DEMO_CATEGORY_COUNTS).flatMap(([c, n]) => Array<string>(n[yi]).fill(c));
    let calamitiesLeft = DEMO_CALAMITIES[yi] - DEMO_CATEGORY_COUNTS.calamiteit_meldplicht[yi];
    let startsLeft = 2;
    for (const category of cats) {
      const dayOfYear = Math.floor(rnd() * 365);
      const receivedOn = addDays(`${year}-01-01`, dayOfYear);
      const meldplicht = category === "calamiteit_meldplicht" || (CALAMITY_ELIGIBLE.has(category) && calamitiesLeft > 0 && rnd() < 0.4 && calamitiesLeft-- > 0);
      out.push(build(rnd, category, receivedOn, meldplicht, year, yi, () => (meldplicht && startsLeft > 0 && (category === "suicide" || category === "calamiteit_meldplicht") ? (startsLeft--, true) : false)));
    }
    // Top up the calamities the random pass left over, so the year's figure is exact.
    for (const m of out.filter((x) => x.receivedOn.startsWith(String(year)) && !x.meldplicht && CALAMITY_ELIGIBLE.has(x.category))) {
      if (calamitiesLeft <= 0) break;
      m.meldplicht = true;
      setSupervisor(rnd, m);
      calamitiesLeft--;
    }
  }
  // This year: a few, the newest still in the inbox or in screening.
  const recent = ["ggg_professionals", "vermissing_minderjarige", "advies_vastgelopen", "suicidepoging", "onrust_overig", "ggg_fysiek"];
  recent.forEach((category, i) => {
    const receivedOn = addDays(today, -(recent.length - i) * 4);
    const m = build(rnd, category, receivedOn, false, thisYear, 1, () => false);
    if (i >= recent.length - 3) Object.assign(m, { status: i === recent.length - 1 ? "nieuw" : "in_screening", decision: null, decidedOn: null });
    out.push(m);
  });
  return out.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn));
}

function setSupervisor(rnd: () => number, m: DemoMelding) {
  m.supervisor = m.legalFrame === "jeugdwet" ? "igj" : "toezicht_wmo";
  m.supervisorReportedOn = addDays(m.eventDate, 2);
  m.supervisorDecision = weighted(rnd, [["zelfonderzoek", 14], ["eigen_onderzoek", 3], ["geen", 3]]);
  m.supervisorOutcome =
    m.supervisorDecision === "zelfonderzoek"
      ? "Zelfonderzoek ontvangen en door de toezichthouder beoordeeld; dossier gesloten."
      : m.supervisorDecision === "eigen_onderzoek"
        ? "De toezichthouder doet eigen onderzoek."
        : "Geen onderzoek: de toezichthouder volgt de maatregelen van de aanbieder.";
}

/** yi: 0 for the year before last, 1 for last year (and this year): which column of the weights. */
function build(rnd: () => number, category: string, receivedOn: string, meldplicht: boolean, year: number, yi: number, start: () => boolean): DemoMelding {
  const eventDate = addDays(receivedOn, -Math.floor(rnd() * 3));
  const texts = DESCRIPTIONS[category];
  const legalFrame = frameFor(rnd, category);
  const m: DemoMelding = {
    receivedOn,
    eventDate: eventDate < `${year}-01-01` ? receivedOn : eventDate,
    channel: weighted(rnd, [["email", 60], ["telefoon", 30], ["formulier", 6], ["ambtshalve", 4]]),
    reportingOrganisation: weighted(rnd, DEMO_REPORTERS.map((r) => [r.name, r.weight[yi]] as [string, number])),
    legalFrame,
    criterion: CATEGORY_CRITERION[category],
    category,
    meldplicht,
    impacts: (["personeel", "publiek", "pers", "politiek"] as const).filter((_, i) => rnd() < [0.25, 0.15, 0.08, 0.05][i]),
    description: texts[Math.floor(rnd() * texts.length)],
    urgency: meldplicht ? weighted(rnd, [["hoog", 2], ["spoed", 1]]) : weighted(rnd, [["normaal", 8], ["hoog", 2]]),
    status: "afgehandeld",
    decision: null,
    decidedOn: null,
    supervisor: null,
    supervisorDecision: null,
    supervisorReportedOn: null,
    supervisorOutcome: "",
    startInvestigation: false,
  };
  m.decision = decisionFor(rnd, category, meldplicht);
  m.decidedOn = addDays(receivedOn, 1 + Math.floor(rnd() * 5));
  if (meldplicht) setSupervisor(rnd, m);
  if (start()) Object.assign(m, { startInvestigation: true, decision: "leeronderzoek" });
  return m;
}
