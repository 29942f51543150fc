import { describe, it, expect } from "vitest";
import {
  addDays,
  addWeeks,
  addWerkdagen,
  dayOfWeek,
  daysBetween,
  formatDutchDate,
  formatDutchDateShort,
  isDutchPublicHoliday,
  isWerkdag,
  nextWerkdagOnOrAfter,
  parseCalendarDate,
  todayInAmsterdam,
  werkdagenBetween,
} from "../../app/domain/workdays.server.ts";

// Every expected value below was checked against a calendar by hand.
// Useful anchors: 1 Jan 2025 = Wednesday, 1 Jan 2026 = Thursday, 1 Jan 2027 = Friday;
// Easter Sunday: 20 Apr 2025, 5 Apr 2026, 28 Mar 2027.

describe("parseCalendarDate", () => {
  it("accepts existing dates", () => {
    expect(parseCalendarDate("2026-04-27")).toBe("2026-04-27");
    expect(parseCalendarDate("2024-02-29")).toBe("2024-02-29"); // leap year
    expect(parseCalendarDate("2000-02-29")).toBe("2000-02-29"); // divisible by 400
    expect(parseCalendarDate("2026-12-31")).toBe("2026-12-31");
  });

  it("rejects dates that do not exist", () => {
    expect(parseCalendarDate("2023-02-29")).toBeNull();
    expect(parseCalendarDate("1900-02-29")).toBeNull(); // divisible by 100, not by 400
    expect(parseCalendarDate("2026-04-31")).toBeNull();
    expect(parseCalendarDate("2026-13-01")).toBeNull();
    expect(parseCalendarDate("2026-00-10")).toBeNull();
    expect(parseCalendarDate("2026-01-00")).toBeNull();
    expect(parseCalendarDate("2026-01-32")).toBeNull();
  });

  it("rejects anything that is not exactly YYYY-MM-DD", () => {
    for (const s of ["", "2026-4-7", "26-04-2026", " 2026-04-07", "2026-04-07 ", "2026-04-07T00:00", "2026/04/07", "abcd-ef-gh", "+2026-04-07"]) {
      expect(parseCalendarDate(s), s).toBeNull();
    }
  });
});

describe("calendar arithmetic", () => {
  it("dayOfWeek", () => {
    expect(dayOfWeek("2026-01-01")).toBe(4); // Thursday
    expect(dayOfWeek("2026-04-26")).toBe(0); // Sunday
    expect(dayOfWeek("2026-04-25")).toBe(6); // Saturday
  });

  it("addDays crosses months, leap days and years", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });

  it("daysBetween counts calendar days b - a, also across a DST change", () => {
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2); // DST starts 29 March 2026
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2); // DST ends 25 October 2026
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2023-02-28", "2023-03-01")).toBe(1);
    expect(daysBetween("2026-04-27", "2026-04-27")).toBe(0);
    expect(daysBetween("2026-12-31", "2026-01-01")).toBe(-364);
  });

  it("addWeeks adds calendar weeks and keeps a non-werkdag result", () => {
    expect(addWeeks("2026-01-05", 2)).toBe("2026-01-19");
    expect(addWeeks("2026-12-21", 2)).toBe("2027-01-04");
    expect(addWeeks("2026-03-02", 6)).toBe("2026-04-13");
    expect(addWeeks("2024-02-22", 1)).toBe("2024-02-29");
    expect(addWeeks("2023-02-22", 1)).toBe("2023-03-01");
    expect(addWeeks("2026-04-20", 1)).toBe("2026-04-27"); // Koningsdag, kept as is
    expect(addWeeks("2026-04-18", 1)).toBe("2026-04-25"); // Saturday, kept as is
  });

  it("throws on invalid input instead of computing garbage", () => {
    expect(() => addDays("2023-02-29", 1)).toThrow(RangeError);
    expect(() => isWerkdag("2026-13-01")).toThrow(RangeError);
    expect(() => addWerkdagen("2026-04-27", -1)).toThrow(RangeError);
    expect(() => addWerkdagen("2026-04-27", 1.5)).toThrow(RangeError);
  });
});

describe("Dutch public holidays", () => {
  it("counts the public holidays of 2026", () => {
    const holidays2026 = [
      "2026-01-01", // Nieuwjaarsdag (Thu)
      "2026-04-05", // 1e Paasdag (Sun)
      "2026-04-06", // 2e Paasdag (Mon)
      "2026-04-27", // Koningsdag (Mon)
      "2026-05-14", // Hemelvaartsdag (Thu, Easter + 39)
      "2026-05-24", // 1e Pinksterdag (Sun, Easter + 49)
      "2026-05-25", // 2e Pinksterdag (Mon)
      "2026-12-25", // 1e Kerstdag (Fri)
      "2026-12-26", // 2e Kerstdag (Sat)
    ];
    for (const d of holidays2026) expect(isDutchPublicHoliday(d), d).toBe(true);
  });

  it("moves Koningsdag to 26 April when 27 April is a Sunday (2025)", () => {
    expect(dayOfWeek("2025-04-27")).toBe(0);
    expect(isDutchPublicHoliday("2025-04-26")).toBe(true);
    expect(isDutchPublicHoliday("2025-04-27")).toBe(false);
  });

  it("counts other years too", () => {
    expect(isDutchPublicHoliday("2025-04-21")).toBe(true); // 2e Paasdag 2025
    expect(isDutchPublicHoliday("2025-05-29")).toBe(true); // Hemelvaartsdag 2025
    expect(isDutchPublicHoliday("2025-06-09")).toBe(true); // 2e Pinksterdag 2025
    expect(isDutchPublicHoliday("2027-03-29")).toBe(true); // 2e Paasdag 2027
    expect(isDutchPublicHoliday("2027-01-01")).toBe(true); // Nieuwjaarsdag 2027 (Fri)
  });

  it("does not count Goede Vrijdag, Bevrijdingsdag (even in lustrum year 2025), Oudejaarsdag or ordinary days", () => {
    expect(isDutchPublicHoliday("2026-04-03")).toBe(false); // Goede Vrijdag 2026
    expect(isDutchPublicHoliday("2025-05-05")).toBe(false); // Bevrijdingsdag 2025 (Mon)
    expect(isDutchPublicHoliday("2026-05-05")).toBe(false); // Bevrijdingsdag 2026 (Tue)
    expect(isDutchPublicHoliday("2026-12-31")).toBe(false);
    expect(isDutchPublicHoliday("2026-04-28")).toBe(false);
    expect(isWerkdag("2026-04-03")).toBe(true);
    expect(isWerkdag("2025-05-05")).toBe(true);
  });
});

describe("isWerkdag", () => {
  it("is false on weekends", () => {
    expect(isWerkdag("2026-04-25")).toBe(false); // Saturday
    expect(isWerkdag("2026-04-26")).toBe(false); // Sunday
  });

  it("is true on an ordinary weekday", () => {
    expect(isWerkdag("2026-04-24")).toBe(true); // Friday
    expect(isWerkdag("2026-04-28")).toBe(true); // Tuesday
  });

  it("is false on a public holiday that falls on a weekday", () => {
    expect(isWerkdag("2026-04-27")).toBe(false); // Koningsdag, Monday
    expect(isWerkdag("2026-04-06")).toBe(false); // 2e Paasdag
    expect(isWerkdag("2026-05-14")).toBe(false); // Hemelvaart
    expect(isWerkdag("2026-05-25")).toBe(false); // 2e Pinksterdag
    expect(isWerkdag("2026-12-25")).toBe(false); // 1e Kerstdag, Friday
  });
});

describe("addWerkdagen", () => {
  it("skips the weekend", () => {
    expect(addWerkdagen("2026-01-09", 1)).toBe("2026-01-12"); // Fri → Mon
    expect(addWerkdagen("2026-01-12", 3)).toBe("2026-01-15"); // Mon → Thu
  });

  it("counts from a calamity on a Saturday: Mon, Tue, Wed", () => {
    expect(addWerkdagen("2026-01-10", 3)).toBe("2026-01-14");
  });

  it("n = 0 returns the date itself if it is a werkdag, else the next werkdag", () => {
    expect(addWerkdagen("2026-04-24", 0)).toBe("2026-04-24");
    expect(addWerkdagen("2026-04-25", 0)).toBe("2026-04-28"); // Sat → Sun → Koningsdag → Tue
  });

  it("skips Koningsdag 2026 (Monday 27 April)", () => {
    expect(addWerkdagen("2026-04-24", 1)).toBe("2026-04-28");
  });

  it("skips Easter 2026 but not Goede Vrijdag", () => {
    // Thu 2 Apr: Fri 3 (1), weekend, Mon 6 = 2e Paasdag, Tue 7 (2), Wed 8 (3)
    expect(addWerkdagen("2026-04-02", 3)).toBe("2026-04-08");
  });

  it("skips Hemelvaart and Pinksteren 2026", () => {
    expect(addWerkdagen("2026-05-13", 1)).toBe("2026-05-15"); // Wed → (Thu Hemelvaart) → Fri
    expect(addWerkdagen("2026-05-22", 1)).toBe("2026-05-26"); // Fri → weekend, 2e Pinksterdag → Tue
  });

  it("skips Kerst 2026: Thu 24 Dec + 3 werkdagen = Wed 30 Dec", () => {
    // 25 Fri holiday, 26 Sat (also holiday), 27 Sun, 28 Mon (1), 29 Tue (2), 30 Wed (3)
    expect(addWerkdagen("2026-12-24", 3)).toBe("2026-12-30");
  });

  it("crosses the year end and Nieuwjaarsdag 2027", () => {
    // Tue 29 Dec: 30 Wed (1), 31 Thu (2), 1 Jan Fri holiday, 2–3 weekend, 4 Mon (3)
    expect(addWerkdagen("2026-12-29", 3)).toBe("2027-01-04");
  });
});

describe("nextWerkdagOnOrAfter", () => {
  it("returns a werkdag unchanged and moves other days forward", () => {
    expect(nextWerkdagOnOrAfter("2026-04-28")).toBe("2026-04-28");
    expect(nextWerkdagOnOrAfter("2026-04-27")).toBe("2026-04-28");
    expect(nextWerkdagOnOrAfter("2026-12-25")).toBe("2026-12-28");
    expect(nextWerkdagOnOrAfter("2027-01-01")).toBe("2027-01-04");
  });
});

describe("werkdagenBetween", () => {
  it("counts werkdagen after a up to and including b", () => {
    expect(werkdagenBetween("2026-12-24", "2026-12-30")).toBe(3);
    expect(werkdagenBetween("2026-04-24", "2026-04-28")).toBe(1); // weekend + Koningsdag
    expect(werkdagenBetween("2026-04-24", "2026-04-24")).toBe(0);
    // January 2026 after the 1st: Fri 2 + four full weeks (5–9, 12–16, 19–23, 26–30); 31 is a Saturday
    expect(werkdagenBetween("2026-01-01", "2026-01-31")).toBe(21);
  });

  it("is negative when b lies before a", () => {
    expect(werkdagenBetween("2026-12-30", "2026-12-24")).toBe(-3);
  });
});

describe("todayInAmsterdam", () => {
  it("uses CET (+1) in winter", () => {
    expect(todayInAmsterdam(new Date("2026-01-15T22:59:59Z"))).toBe("2026-01-15");
    expect(todayInAmsterdam(new Date("2026-01-15T23:00:00Z"))).toBe("2026-01-16");
  });

  it("uses CEST (+2) in summer", () => {
    expect(todayInAmsterdam(new Date("2026-07-01T21:59:59Z"))).toBe("2026-07-01");
    expect(todayInAmsterdam(new Date("2026-07-01T22:00:00Z"))).toBe("2026-07-02");
  });

  it("handles the night DST starts (29 March 2026)", () => {
    // 23:30 UTC on the 28th is 00:30 CET on the 29th
    expect(todayInAmsterdam(new Date("2026-03-28T23:30:00Z"))).toBe("2026-03-29");
    expect(todayInAmsterdam(new Date("2026-03-28T22:59:00Z"))).toBe("2026-03-28");
  });

  it("handles the night DST ends (25 October 2026)", () => {
    // 22:30 UTC on the 24th is 00:30 CEST on the 25th
    expect(todayInAmsterdam(new Date("2026-10-24T22:30:00Z"))).toBe("2026-10-25");
    expect(todayInAmsterdam(new Date("2026-10-24T21:59:00Z"))).toBe("2026-10-24");
  });

  it("handles new year's eve", () => {
    expect(todayInAmsterdam(new Date("2026-12-31T23:00:00Z"))).toBe("2027-01-01");
  });
});

describe("formatting", () => {
  it("formatDutchDate", () => {
    expect(formatDutchDate("2026-04-27")).toBe("maandag 27 april 2026");
    expect(formatDutchDate("2026-01-01")).toBe("donderdag 1 januari 2026");
    expect(formatDutchDate("2026-12-25")).toBe("vrijdag 25 december 2026");
    expect(formatDutchDate("2025-04-26")).toBe("zaterdag 26 april 2025");
  });

  it("formatDutchDateShort", () => {
    expect(formatDutchDateShort("2026-04-27")).toBe("27-04-2026");
    expect(formatDutchDateShort("2027-01-01")).toBe("01-01-2027");
  });
});

describe("endOfTerm (Algemene termijnenwet art. 1)", () => {
  it("keeps a werkdag and moves a weekend or feestdag to the next day that is neither", async () => {
    const { endOfTerm, restDayName } = await import("../../app/domain/workdays.server.ts");
    expect(endOfTerm("2026-12-23")).toEqual({ date: "2026-12-23" });
    expect(endOfTerm("2026-12-25")).toEqual({ date: "2026-12-28", movedFrom: "2026-12-25", movedBecause: "1e Kerstdag" });
    expect(endOfTerm("2027-01-01")).toEqual({ date: "2027-01-04", movedFrom: "2027-01-01", movedBecause: "Nieuwjaarsdag" });
    expect(endOfTerm("2026-05-14").date).toBe("2026-05-15"); // Hemelvaartsdag
    expect(endOfTerm("2026-05-24").date).toBe("2026-05-26"); // 1e and 2e Pinksterdag
    expect(restDayName("2026-04-05")).toBe("1e Paasdag");
    expect(restDayName("2026-04-03")).toBeNull(); // Goede Vrijdag is no feestdag of the Termijnenwet
    expect(restDayName("2026-12-26")).toBe("2e Kerstdag");
    expect(restDayName("2026-12-27")).toBe("zondag");
  });
});
