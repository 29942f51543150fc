// Dates as people type them in Dutch spreadsheets and feitenrelazen, turned into partial ISO
// dates. Strict about impossible dates (31-02-2014), lenient about notation.
import { DUTCH_MONTH_NAMES, formatPartialDate, partialDateFromParts, type Precision } from "./partial-date.ts";

export type DutchDateResult =
  | {
      ok: true;
      /** Canonical partial ISO date, e.g. "2014-03-12T10:30". */
      value: string;
      precision: Precision;
      approximate: boolean;
      /** Set when the text was vaguer than the value (e.g. "zomer 2013" → ca. 2013). Dutch. */
      note?: string;
    }
  | { ok: false; /** Dutch, lower-case start, e.g. "datum '31-02-2014' bestaat niet". */ error: string };

// Dutch names and abbreviations, plus English ones because exports of English software turn up too.
const MONTHS: Record<string, number> = {};
DUTCH_MONTH_NAMES.forEach((name, i) => (MONTHS[name] = i + 1));
const MONTH_ALIASES: [string, number][] = [
  ["jan", 1], ["feb", 2], ["febr", 2], ["mrt", 3], ["mar", 3], ["maa", 3], ["apr", 4],
  ["jun", 6], ["jul", 7], ["aug", 8], ["sep", 9], ["sept", 9], ["okt", 10], ["oct", 10],
  ["nov", 11], ["dec", 12],
  ["january", 1], ["february", 2], ["march", 3], ["may", 5], ["june", 6], ["july", 7],
  ["august", 8], ["october", 10],
];
for (const [alias, month] of MONTH_ALIASES) MONTHS[alias] = month;

/** Month number for a Dutch (or English) month name or abbreviation, with or without dot. */
export function parseMonthName(text: string): number | null {
  return MONTHS[text.trim().toLowerCase().replace(/\.$/, "")] ?? null;
}

const APPROXIMATE_PREFIX = /^(?:ca\.?|circa|~|±|\+\/-|omstreeks|ongeveer|rond)\s*/i;
const WEEKDAY_PREFIX =
  /^(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\.?,?\s+(?=\d)/i;
// A time at the end, after a space, comma or ISO "T": "10:30", "10.30", "10:30 uur", "om 10:30".
const TRAILING_TIME = /(?:,\s*|\s+(?:om\s+)?|T)(\d{1,2})[:.](\d{2})(?:\s*uur)?$/i;
const MONTH_WORD = "([a-z]+\\.?)";

/** Parses "10:30", "10.30", "10:30 uur", "9:05". */
export function parseDutchTime(text: string): { hour: number; minute: number } | null {
  const m = /^(\d{1,2})[:.](\d{2})(?:\s*uur)?$/i.exec(text.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

interface Parts {
  year: number;
  month?: number;
  day?: number;
  note?: string;
  forceApproximate?: boolean;
}

type Recognised = Parts | "two-digit-year" | null;

function recognise(s: string): Recognised {
  let m: RegExpExecArray | null;
  // 2014, 2014-03, 2014-03-12, 2014/3/12
  if ((m = /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?$/.exec(s))) {
    return { year: +m[1], month: m[2] ? +m[2] : undefined, day: m[3] ? +m[3] : undefined };
  }
  // 12-03-2014, 12-3-2014, 12/03/2014, 12.03.2014
  if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d+)$/.exec(s))) {
    if (m[3].length === 2) return "two-digit-year";
    if (m[3].length !== 4) return null;
    return { year: +m[3], month: +m[2], day: +m[1] };
  }
  // 03-2014, 3/2014
  if ((m = /^(\d{1,2})[-/.](\d{4})$/.exec(s))) return { year: +m[2], month: +m[1] };
  // 12 maart 2014, 12 mrt. 2014, maart 2014, 1-mrt-2014 (Excel's d-mmm-yyyy)
  if ((m = new RegExp(`^(?:(\\d{1,2})(?:e)?[\\s-]+)?${MONTH_WORD}[\\s-]+(\\d{4})$`, "i").exec(s))) {
    const month = parseMonthName(m[2]);
    // Not a month ("zomer 2013"): let the vaguer patterns below try.
    if (month !== null) return { year: +m[3], month, day: m[1] ? +m[1] : undefined };
  }
  // begin maart 2014, half mrt 2014, eind maart 2014: known to the month, not the day
  if ((m = new RegExp(`^(?:begin|medio|midden|half|eind|einde)\\s+${MONTH_WORD}\\s+(\\d{4})$`, "i").exec(s))) {
    const month = parseMonthName(m[1]);
    if (month === null) return null;
    return { year: +m[2], month, forceApproximate: true, note: "vastgelegd als maand, bij benadering" };
  }
  // zomer 2013, eind 2012, najaar van 2014: known to the year only
  if ((m = /^(?:begin|medio|midden|eind|einde|voorjaar|zomer|najaar|herfst)\s+(?:van\s+)?(\d{4})$/i.exec(s))) {
    return { year: +m[1], forceApproximate: true, note: "vastgelegd als jaar, bij benadering" };
  }
  return null;
}

/**
 * Parses a Dutch date, optionally with a time in the same text or in `time` (a separate column).
 * Accepts 12-03-2014, 12-3-2014, 12/03/2014, 12.03.2014, 12 maart 2014, 12 mrt 2014, maart 2014,
 * mrt 2014, 03-2014, 2014, 2014-03-12, 2014-03-12T10:30, "12-03-2014 10:30"; a prefix
 * "ca.", "circa", "~", "±" or "omstreeks" marks the date as approximate.
 * `label` names the field in error messages ("datum", "einddatum").
 */
export function parseDutchDate(
  input: string,
  time?: string,
  options: { label?: string } = {},
): DutchDateResult {
  const label = options.label ?? "datum";
  const original = input.trim();
  let s = original.replace(/\s+/g, " ");
  if (!s) return { ok: false, error: `${label} ontbreekt` };

  let approximate = false;
  const prefix = APPROXIMATE_PREFIX.exec(s);
  if (prefix) {
    approximate = true;
    s = s.slice(prefix[0].length).trim();
  }
  s = s.replace(WEEKDAY_PREFIX, "");

  let timeText: string | undefined;
  const trailing = TRAILING_TIME.exec(s);
  if (trailing) {
    timeText = `${trailing[1]}:${trailing[2]}`;
    s = s.slice(0, trailing.index).trim();
  } else if (time?.trim()) {
    timeText = time.trim();
  }

  const parts = recognise(s.toLowerCase());
  if (parts === "two-digit-year") {
    return { ok: false, error: `${label} '${original}': gebruik een jaartal van vier cijfers, bijvoorbeeld 12-03-2014` };
  }
  if (parts === null) {
    return {
      ok: false,
      error: `${label} '${original}' is geen herkenbare datum; gebruik bijvoorbeeld 12-03-2014, maart 2014 of 2014`,
    };
  }

  let hour: number | undefined;
  let minute: number | undefined;
  if (timeText) {
    const t = parseDutchTime(timeText);
    if (!t) {
      const looksLikeTime = /^\d{1,2}[:.]\d{2}(?:\s*uur)?$/i.test(timeText);
      return {
        ok: false,
        error: looksLikeTime
          ? `tijd '${timeText}' bestaat niet`
          : `tijd '${timeText}' is geen herkenbare tijd; gebruik bijvoorbeeld 10:30`,
      };
    }
    if (parts.day === undefined) {
      return { ok: false, error: `${label} '${original}': een tijd kan alleen bij een datum met een dag` };
    }
    ({ hour, minute } = t);
  }

  const date = partialDateFromParts({ year: parts.year, month: parts.month, day: parts.day, hour, minute });
  if (!date) return { ok: false, error: `${label} '${original}' bestaat niet` };
  return {
    ok: true,
    value: formatPartialDate(date),
    precision: date.precision,
    approximate: approximate || !!parts.forceApproximate,
    ...(parts.note ? { note: `${label} '${original}' ${parts.note}` } : {}),
  };
}
