// A fictional PRISMA analysis of the demo case (gezin Noord), for demos, screenshots and browser
// tests: a causal tree of 60+ nodes with ECM codes, themes, evidence from the demo timeline,
// recovery factors and measures. Pure: writes through the analysis model into the given doc.
import type * as Y from "yjs";
import {
  addChild,
  addEvidence,
  addRecovery,
  addTop,
  createMeasure,
  setEcm,
  setNoMeasureReason,
  setThemes,
  type EditContext,
} from "./index.ts";

interface Spec {
  l: string;
  ecm?: string;
  th?: string[];
  ev?: string[];
  c?: Spec[];
}

const TREE: Spec = {
  l: "Kind 2 opgenomen met ernstig letsel; moeder overleden",
  ev: ["Melding ziekenhuis: kind 2 opgenomen met ernstig letsel"],
  c: [
    {
      l: "Signalen van huiselijk geweld niet samengebracht",
      c: [
        {
          l: "Zorgmelding politie bleef bij één organisatie",
          c: [
            { l: "Zorgmelding aan Veilig Thuis niet verzonden", ecm: "HRI", th: ["informatiedeling"], ev: ["Zorgmelding aan Veilig Thuis niet verzonden"] },
            { l: "Werkinstructie zorgmelding onduidelijk over wie doorstuurt", ecm: "OP", th: ["informatiedeling", "zorg_veiligheid"] },
          ],
        },
        {
          l: "Gezinsbegeleider kende de geweldsgeschiedenis niet",
          c: [
            { l: "Overdrachtsdossier zonder politie-informatie", ecm: "OEX", th: ["casusregie_overdracht"], ev: ["Overdrachtsdossier verstuurd aan De Brug"] },
            { l: "Geen vaste vraag naar huiselijk geweld bij intake", ecm: "OP", th: ["zorg_veiligheid"], ev: ["Intake gezinsbegeleiding De Brug"] },
            { l: "Moeder vertelde pas laat over het geweld", ecm: "PRF", ev: ["Moeder vertelt de gezinsbegeleider over het geweld"] },
          ],
        },
        {
          l: "Geen gezamenlijke risicotaxatie",
          c: [
            { l: "Risicotaxatie-instrument niet bekend bij wijkteam", ecm: "OK", th: ["zorg_veiligheid"] },
            { l: "Geen afspraak wie risicotaxatie maakt", ecm: "OP", th: ["rollen_onbekend"] },
          ],
        },
      ],
    },
    {
      l: "Geen regie op het gezin na vertrek uit de opvang",
      c: [
        {
          l: "Vertrek zonder warme overdracht",
          c: [
            { l: "Opvang had geen overdrachtsprotocol bij uitstroom", ecm: "OP", th: ["casusregie_overdracht"], ev: ["Vertrek uit de opvang zonder warme overdracht"] },
            { l: "Woningaanbod kwam onverwacht snel", ecm: "OEX", ev: ["Urgentie toegekend en woning aangeboden"] },
          ],
        },
        {
          l: "Niemand voelde zich eigenaar van het gezin",
          c: [
            { l: "Rollen van wijkteam en jeugdhulp niet afgesproken", ecm: "HRC", th: ["rollen_onbekend", "casusregie_overdracht"] },
            { l: "Casusregie niet belegd in het zorgoverleg", ecm: "OM", th: ["casusregie_overdracht"], ev: ["Zorgoverleg school over kind 1"] },
            {
              l: "Wisselende wijkcoaches door personeelstekort",
              c: [
                { l: "Vacatures wijkteam langdurig open", ecm: "OM" },
                { l: "Geen vaste vervanger per gezin", ecm: "OP", th: ["casusregie_overdracht"] },
              ],
            },
          ],
        },
        {
          l: "Overdracht wijkteam → De Brug zonder gezamenlijk gesprek",
          c: [
            { l: "Overdracht per brief is gebruikelijk", ecm: "OC", th: ["casusregie_overdracht"], ev: ["Wijkteam draagt het gezin over aan De Brug"] },
            { l: "Geen controle of overdracht is aangekomen", ecm: "HRV", th: ["casusregie_overdracht"] },
          ],
        },
      ],
    },
    {
      l: "Zorgen over kind 2 niet opgeschaald",
      c: [
        {
          l: "Gemiste afspraken JGZ zonder vervolg",
          c: [
            { l: "Geen nieuwe oproep na twee keer niet verschijnen", ecm: "HRM", th: ["escalatie"], ev: ["Kind 2 niet verschenen; geen nieuwe oproep", "Tweede afspraak consultatiebureau gemist"] },
            { l: "Werkwijze niet-verschijnen niet afgestemd met wijkteam", ecm: "OP", th: ["escalatie", "informatiedeling"] },
          ],
        },
        {
          l: "Teamleider besloot af te wachten",
          c: [
            {
              l: "Escalatieroute naar Veilig Thuis onbekend",
              ev: ["Teamleider besluit af te wachten"],
              c: [
                { l: "Meldcode niet geoefend in het team", ecm: "HKK", th: ["escalatie"] },
                { l: "Consultatie Veilig Thuis niet laagdrempelig", ecm: "OEX", th: ["escalatie", "zorg_veiligheid"] },
              ],
            },
            { l: "Productiedruk boven veiligheid in teamoverleg", ecm: "OM", th: ["escalatie"] },
          ],
        },
        {
          l: "Gedragswetenschapper pas laat betrokken",
          c: [
            { l: "Opschaling gedragswetenschapper pas na geweldsmelding", ecm: "HRQ", th: ["escalatie"], ev: ["Gezinsbegeleider schaalt op naar gedragswetenschapper"] },
          ],
        },
      ],
    },
    {
      l: "Bestaanszekerheid stond voortdurend onder druk",
      c: [
        {
          l: "Bijstand beëindigd zonder contact met hulpverleners",
          c: [
            { l: "Geen signaal aan wijkteam bij beëindiging uitkering", ecm: "OEX", th: ["informatiedeling"], ev: ["Bijstandsuitkering beëindigd"] },
            { l: "Brieven niet begrepen door moeder", ecm: "PRF" },
          ],
        },
        {
          l: "Afwijzing bijstand op vermoeden van samenwonen",
          c: [
            { l: "Onderzoek naar samenwonen zonder huisbezoek", ecm: "HRV", ev: ["Bijstandsaanvraag afgewezen: vermoeden van samenwonen"] },
            { l: "Beleidsregel liet geen ruimte voor maatwerk", ecm: "OP", th: ["vrijwillig_drang_dwang"] },
          ],
        },
        {
          l: "Dreigende huisuitzetting",
          c: [
            { l: "Vroegsignalering huurachterstand zonder vervolg", ecm: "OEX", th: ["informatiedeling"], ev: ["Eerste huurachterstand gesignaleerd"] },
            { l: "Schuldhulp kon zonder inkomen niet starten", ecm: "OP", ev: ["Schuldhulp kan zonder inkomen niet starten"] },
          ],
        },
      ],
    },
    {
      l: "Signalen van school bleven binnen de school",
      c: [
        {
          l: "Verzuim kind 1 alleen aan leerplicht gemeld",
          c: [
            { l: "Leerplicht en wijkteam wisselen geen informatie uit", ecm: "OEX", th: ["informatiedeling"], ev: ["Melding ongeoorloofd verzuim kind 1"] },
            { l: "Privacyzorgen weerhielden school van delen", ecm: "HKK", th: ["informatiedeling"] },
          ],
        },
        {
          l: "Zorgen over armoede niet doorgezet",
          c: [
            { l: "Leerkracht wist niet bij wie te melden", ecm: "HRC", th: ["rollen_onbekend"], ev: ["Leerkracht op huisbezoek; zorgen over armoede"] },
            { l: "Geen zorgcoördinator op school", ecm: "OM" },
          ],
        },
        { l: "Zorgoverleg zonder ouder en zonder wijkteam", ecm: "OC", th: ["rollen_onbekend"], ev: ["Zorgoverleg school over kind 1"] },
      ],
    },
    {
      l: "Hulp bleef vrijwillig terwijl moeder het aanbod afwees",
      c: [
        { l: "Afwijzing gesprekken maatschappelijk werk niet besproken", ecm: "HRI", th: ["vrijwillig_drang_dwang"], ev: ["Aanbod gesprekken met maatschappelijk werker afgewezen"] },
        { l: "Geen afweging drang of dwang vastgelegd", ecm: "OC", th: ["vrijwillig_drang_dwang"] },
        { l: "GGZ-beoordeling zonder informatie van de opvang", ecm: "HEX", ev: ["GGZ ziet geen aanleiding voor behandeling"] },
      ],
    },
  ],
};

const RECOVERY: { l: string; type: "gepland" | "ongepland"; ev?: string[] }[] = [
  { l: "Wijkcoach regelde uitstel van de ontruiming", type: "ongepland", ev: ["Wijkcoach regelt uitstel van de ontruiming"] },
  { l: "School meldde ongeoorloofd verzuim", type: "gepland", ev: ["Melding ongeoorloofd verzuim kind 1"] },
  { l: "De Brug schoot één maand huur voor", type: "ongepland", ev: ["De Brug schiet één maand huur voor"] },
  { l: "Huisarts verwees moeder naar de GGZ", type: "gepland", ev: ["Consult moeder: uitputting; verwijzing naar GGZ"] },
];

export interface DemoAnalysisResult {
  topId: string;
  nodeIds: string[];
  rootCauseIds: string[];
  measureIds: string[];
}

/** Fills an empty analysis; events are looked up by title in the doc's `events` map (missing ones are skipped). */
export function fillDemoAnalysis(doc: Y.Doc, ctx: EditContext): DemoAnalysisResult {
  const byTitle = new Map<string, string>();
  for (const [id, e] of doc.getMap("events").entries()) {
    const title = (e as Y.Map<unknown>).get?.("title");
    if (typeof title === "string") byTitle.set(title, id);
  }
  const nodeIds: string[] = [];
  const rootCauseIds: string[] = [];
  const labelToId = new Map<string, string>();
  const cite = (id: string, ev?: string[]) => {
    for (const t of ev ?? []) {
      const eid = byTitle.get(t);
      if (eid) addEvidence(doc, ctx, id, eid);
    }
  };
  const build = (spec: Spec, parent: string | null): string => {
    const id = parent === null ? addTop(doc, ctx, { label: spec.l }) : addChild(doc, ctx, parent, { label: spec.l });
    nodeIds.push(id);
    labelToId.set(spec.l, id);
    cite(id, spec.ev);
    for (const c of spec.c ?? []) build(c, id);
    if (!spec.c?.length && parent !== null) {
      rootCauseIds.push(id);
      if (spec.ecm) setEcm(doc, ctx, id, spec.ecm);
      if (spec.th?.length) setThemes(doc, ctx, id, spec.th);
    }
    return id;
  };
  const topId = build(TREE, null);
  for (const r of RECOVERY) {
    const id = addRecovery(doc, ctx, { label: r.l, recoveryType: r.type });
    nodeIds.push(id);
    cite(id, r.ev);
  }
  const m = (title: string, causes: string[], fields: Record<string, string> = {}) =>
    createMeasure(doc, ctx, { title, rootCauses: causes.map((c) => labelToId.get(c)!).filter(Boolean), ...fields });
  const measureIds = [
    m("Werkinstructie zorgmelding: politie stuurt altijd door naar Veilig Thuis en het wijkteam", ["Zorgmelding aan Veilig Thuis niet verzonden", "Werkinstructie zorgmelding onduidelijk over wie doorstuurt"], {
      ownerOrganisation: "Politie Eenheid Noord",
      ownerFunction: "Teamchef wijkzorg",
      deadline: "2027-03-01",
      measurableResult: "100% van de zorgmeldingen huiselijk geweld binnen 3 werkdagen bij Veilig Thuis (steekproef per kwartaal)",
      borgingHow: "Kwartaalrapportage zorgmeldingen in het ketenoverleg",
      borgingWho: "Ketenregisseur zorg en veiligheid",
      borgingWhen: "2027-09-01",
    }),
    m("Warme overdracht bij uitstroom uit de opvang: altijd een driegesprek met het wijkteam", ["Opvang had geen overdrachtsprotocol bij uitstroom", "Overdracht per brief is gebruikelijk"], {
      ownerOrganisation: "Vrouwenopvang Het Baken",
      ownerFunction: "Teammanager",
      deadline: "2027-02-01",
    }),
    m("Casusregie vastleggen in elk zorgoverleg", ["Casusregie niet belegd in het zorgoverleg", "Rollen van wijkteam en jeugdhulp niet afgesproken"]),
  ];
  setNoMeasureReason(doc, ctx, labelToId.get("Woningaanbod kwam onverwacht snel")!, "Gunstig voor het gezin; geen maatregel nodig, wel meegenomen in de warme overdracht.");
  return { topId, nodeIds, rootCauseIds, measureIds };
}
