// Deterministic synthetic timeline for the timeline-view benchmark: N events over 15 parties in
// the six standard domains plus one custom domain, 4 periods over 2.5 years. A mix like a real
// reconstruction: mostly day-precise facts, some with a time, some known only to the month
// (approximate), a few with a duration; flags and statuses in realistic proportions.
import type { ChartEvent, ChartParty, ChartPeriod } from "~/components/timeline/chart-mapping";

export interface GeneratedTimeline {
  parties: ChartParty[];
  periods: ChartPeriod[];
  events: ChartEvent[];
}

const PARTIES: [string, string][] = [
  ["JGZ Dijkhaven", "Gezondheid"],
  ["Huisartsenpraktijk De Linde", "Gezondheid"],
  ["GGZ Rivierland", "Gezondheid"],
  ["Basisschool De Vlinderboom", "Onderwijs"],
  ["Leerplicht gemeente Dijkhaven", "Onderwijs"],
  ["Wijkteam Noord", "Gezin"],
  ["Stichting Jeugdhulp De Brug", "Gezin"],
  ["Gecertificeerde instelling Jeugdbescherming", "Gezin"],
  ["Vrouwenopvang Het Baken", "Veiligheid"],
  ["Veilig Thuis Dijkhaven", "Veiligheid"],
  ["Politie basisteam Dijkhaven-Noord", "Veiligheid"],
  ["Woningcorporatie Havenstaete", "Wonen"],
  ["Werk en Inkomen gemeente Dijkhaven", "Werk en Inkomen"],
  ["Kredietbank Dijkhaven", "Werk en Inkomen"],
  ["Reclassering Nederland", "Justitie"],
];

const PERIODS: [string, string, string][] = [
  ["1. Verblijf in de vrouwenopvang", "2021-10", "2022-05"],
  ["2. Zelfstandig wonen, geen hulpverlening", "2022-06", "2022-12"],
  ["3. Wijkteam en dreigende huisuitzetting", "2023-01", "2023-07"],
  ["4. Gezinsbegeleiding en signalen van huiselijk geweld", "2023-08", "2024-03"],
];

const WHAT = [
  "Huisbezoek bij moeder",
  "Telefonisch contact met moeder",
  "Overleg met school over kind 1",
  "Zorgmelding ontvangen",
  "Multidisciplinair overleg",
  "Aanmelding bij jeugdhulp",
  "Besluit over vervolg",
  "Contact met vader",
  "Gesprek met kind 1",
  "Brief over betalingsachterstand",
  "Afspraak niet nagekomen",
  "Overdracht aan wijkteam",
  "Signaal zorgen over kind 2",
  "Evaluatie hulpplan",
  "Consult op het spreekuur",
];
const KINDS = ["contact", "huisbezoek", "overleg", "melding_signaal", "besluit", "aanmelding", "overdracht", "afwijzing", "incident", "overig"];

/** mulberry32: small deterministic PRNG. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

export function generateTimeline(count = 2000, seed = 4): GeneratedTimeline {
  const random = rng(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const parties = PARTIES.map(([name, domain], i) => ({ id: `partij-${i + 1}`, name, domain }));
  const periods = PERIODS.map(([label, start, end], i) => ({ id: `periode-${i + 1}`, label, start, end }));
  const from = Date.UTC(2021, 9, 1);
  const to = Date.UTC(2024, 2, 31);
  const events: ChartEvent[] = [];
  for (let i = 0; i < count; i++) {
    const d = new Date(from + random() * (to - from));
    const y = d.getUTCFullYear();
    const m = pad(d.getUTCMonth() + 1);
    const day = pad(d.getUTCDate());
    const r = random();
    let start: string;
    let end: string | undefined;
    let approximate = false;
    if (r < 0.1) {
      start = `${y}-${m}`;
      approximate = random() < 0.7;
    } else if (r < 0.25) {
      start = `${y}-${m}-${day}T${pad(8 + Math.floor(random() * 10))}:${pad(Math.floor(random() * 4) * 15)}`;
    } else {
      start = `${y}-${m}-${day}`;
    }
    if (r >= 0.1 && random() < 0.06) {
      const e = new Date(d.getTime() + (3 + random() * 80) * 86_400_000);
      end = `${e.getUTCFullYear()}-${pad(e.getUTCMonth() + 1)}-${pad(e.getUTCDate())}`;
      start = start.slice(0, 10);
    }
    const statusR = random();
    events.push({
      id: `gebeurtenis-${i + 1}`,
      title: `${pick(WHAT)} (${i + 1})`,
      party: pick(parties).id,
      start,
      ...(end ? { end } : {}),
      approximate,
      kind: pick(KINDS),
      flags: {
        signaal: random() < 0.12,
        kritiekMoment: random() < 0.03,
        overdracht: random() < 0.08,
        opschaling: random() < 0.02,
      },
      status: statusR < 0.8 ? "bevestigd" : statusR < 0.95 ? "concept" : "betwist",
    });
  }
  return { parties, periods, events };
}
