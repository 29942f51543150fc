// Vocabulary of comment rounds (domain.md §3, seed 002 steps 5 and 6). Browser-safe.

export const ROUND_KINDS = {
  interview: {
    label: "Gespreksverslag",
    termWeeks: 2,
    focus: "feitelijke onjuistheden in het verslag",
    source: "002 stap 5: reactie op het verslag van horen binnen 2 weken",
  },
  draft_report: {
    label: "Conceptrapport",
    termWeeks: 4,
    focus: "de inhoud van het conceptrapport",
    source: "002 stap 6: reactie op het conceptrapport binnen 4 weken, ondertekend",
  },
} as const;
export type RoundKind = keyof typeof ROUND_KINDS;
export const ROUND_KIND_KEYS = Object.keys(ROUND_KINDS) as RoundKind[];

export const ROUND_STATES = {
  open: "Open",
  closed: "Gesloten, afhandeling loopt",
  complete: "Afgerond",
} as const;
export type RoundState = keyof typeof ROUND_STATES;

export const DISPOSITIONS = {
  verwerkt: "Verwerkt",
  terzijde: "Gemotiveerd terzijde gelegd",
} as const;
export type DispositionKind = keyof typeof DISPOSITIONS;

/** Suggestions for "functie of relatie tot de casus" (free text is allowed). */
export const RELATION_SUGGESTIONS = [
  "nabestaande",
  "cliënt",
  "wettelijk vertegenwoordiger",
  "geïnterviewde",
  "aanbieder",
  "ketenpartner",
] as const;

/** The personal link stays readable this long after the deadline (or a late allowance). */
export const LINK_GRACE_DAYS = 3;
/** Reminder this many werkdagen before the deadline, to invitees who have not reacted. */
export const REMINDER_WERKDAGEN = 3;

export const DECLARATION_TEXT =
  "Ik verklaar dat deze reactie van mij is, dat ik haar naar waarheid heb geschreven en dat ik haar hiermee onderteken.";
