import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as dutch from "@zxcvbn-ts/language-nl-be";

// Password rule for every place a password is chosen (reset, invitation, change): a minimum length
// plus zxcvbn's estimate, which checks against common and leaked passwords, Dutch and English words,
// names, keyboard patterns, dates and the user's own details. Seeding bypasses it.

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;
/** zxcvbn score 0–4; 3 means "safely unguessable" against online attacks with a slow hash. */
export const MIN_SCORE = 3;

let factory: ZxcvbnFactory | null = null;
function zxcvbn(): ZxcvbnFactory {
  // Built once, on first use: loading the dictionaries takes a moment.
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...dutch.dictionary },
    graphs: common.adjacencyGraphs,
    useLevenshteinDistance: true,
  });
  return factory;
}

// Our own wording (formal "u"), keyed by zxcvbn's feedback keys.
const WARNINGS: Record<string, string> = {
  straightRow: "Een rij toetsen naast elkaar is makkelijk te raden.",
  keyPattern: "Korte toetsenbordpatronen zijn makkelijk te raden.",
  simpleRepeat: "Herhaalde tekens zoals ‘aaa’ zijn makkelijk te raden.",
  extendedRepeat: "Herhaalde patronen zoals ‘abcabcabc’ zijn makkelijk te raden.",
  sequences: "Reeksen zoals ‘abc’ of ‘123’ zijn makkelijk te raden.",
  recentYears: "Recente jaartallen zijn makkelijk te raden.",
  dates: "Datums zijn makkelijk te raden.",
  topTen: "Dit is een van de meest gebruikte wachtwoorden.",
  topHundred: "Dit wachtwoord wordt heel veel gebruikt.",
  common: "Dit wachtwoord wordt veel gebruikt.",
  similarToCommon: "Dit lijkt op een veelgebruikt wachtwoord.",
  wordByItself: "Een los woord is makkelijk te raden.",
  namesByThemselves: "Losse voor- en achternamen zijn makkelijk te raden.",
  commonNames: "Veelvoorkomende namen zijn makkelijk te raden.",
  userInputs: "Gebruik niet uw naam, e-mailadres of de naam van deze toepassing.",
  pwned: "Dit wachtwoord komt voor in een bekend datalek.",
};

const SUGGESTIONS: Record<string, string> = {
  l33t: "Vervangingen zoals ‘@’ voor ‘a’ helpen weinig.",
  reverseWords: "Een omgekeerd woord helpt weinig.",
  allUppercase: "Alleen hoofdletters helpt weinig.",
  capitalization: "Een hoofdletter aan het begin helpt weinig.",
  dates: "Vermijd datums en jaartallen die bij u horen.",
  recentYears: "Vermijd recente jaartallen.",
  associatedYears: "Vermijd jaartallen die bij u horen.",
  sequences: "Vermijd reeksen.",
  repeated: "Vermijd herhaalde woorden en tekens.",
  longerKeyboardPattern: "Vermijd toetsenbordpatronen.",
  anotherWord: "Voeg een paar ongewone woorden toe.",
  useWords: "Gebruik een zin van een paar ongewone woorden.",
  noNeed: "Een lange zin van gewone woorden is sterker dan leestekens en cijfers.",
  pwned: "Gebruikt u dit wachtwoord ook ergens anders? Wijzig het daar ook.",
};

export type PasswordCheck = { ok: true; score: number } | { ok: false; message: string };

/**
 * Checks a new password. `userInputs` are the user's own details (name, e-mail address): a password
 * built from them is weak for this user.
 */
export function checkPassword(password: string, userInputs: string[] = []): PasswordCheck {
  if (password.length < MIN_PASSWORD_LENGTH)
    return { ok: false, message: `Kies een wachtwoord van minstens ${MIN_PASSWORD_LENGTH} tekens.` };
  if (password.length > MAX_PASSWORD_LENGTH) return { ok: false, message: `Hooguit ${MAX_PASSWORD_LENGTH} tekens.` };
  const inputs = ["ketenlijn", ...userInputs.flatMap((s) => s.toLowerCase().split(/[\s@.]+/)).filter((s) => s.length >= 3)];
  const result: ZxcvbnResult = zxcvbn().check(password, inputs);
  if (result.score >= MIN_SCORE) return { ok: true, score: result.score };
  const parts = ["Dit wachtwoord is te makkelijk te raden."];
  if (result.feedback.warning && WARNINGS[result.feedback.warning]) parts.push(WARNINGS[result.feedback.warning]);
  const suggestion = result.feedback.suggestions.map((s) => SUGGESTIONS[s]).find(Boolean);
  parts.push(suggestion ?? "Kies bijvoorbeeld een zin van vier of meer ongewone woorden.");
  return { ok: false, message: parts.join(" ") };
}
