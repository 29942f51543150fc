import { describe, expect, it } from "vitest";
import {
  comparePartialDates,
  eventInterval,
  formatDutchNumericPartialDate,
  formatDutchPartialDate,
  formatDutchPartialDateRange,
  isEndNotBeforeStart,
  isValidPartialDate,
  parsePartialDate,
  precisionOf,
  sortPartialDates,
  toInterval,
} from "../../app/domain/timeline/partial-date.ts";

describe("parsePartialDate", () => {
  it("recognises the four precisions", () => {
    expect(precisionOf("2014")).toBe("year");
    expect(precisionOf("2014-03")).toBe("month");
    expect(precisionOf("2014-03-12")).toBe("day");
    expect(precisionOf("2014-03-12T10:30")).toBe("minute");
    expect(parsePartialDate("2014-03-12T10:30")).toEqual({
      precision: "minute",
      year: 2014,
      month: 3,
      day: 12,
      hour: 10,
      minute: 30,
    });
  });

  it.each([
    "2014-02-29", // not a leap year
    "2014-13",
    "2014-00",
    "2014-04-31",
    "2014-03-12T24:00",
    "2014-03-12T10:60",
    "2014-3-12", // not canonical
    "2014-03-12T10:30:00", // no seconds
    "2014-03-12T10:30Z",
    "14-03-12",
    "0999",
    "",
    " 2014",
  ])("rejects %j", (value) => {
    expect(isValidPartialDate(value)).toBe(false);
  });

  it("accepts 29 February in leap years only", () => {
    expect(isValidPartialDate("2016-02-29")).toBe(true);
    expect(isValidPartialDate("2000-02-29")).toBe(true);
    expect(isValidPartialDate("1900-02-29")).toBe(false);
  });

  it("rejects non-strings without throwing", () => {
    expect(parsePartialDate(2014)).toBeNull();
    expect(parsePartialDate(null)).toBeNull();
    expect(parsePartialDate({ year: 2014 })).toBeNull();
  });
});

describe("comparePartialDates", () => {
  it("sorts by earliest instant, coarser precision first on a tie", () => {
    const sorted = sortPartialDates([
      "2014-03-12",
      "2014-03-01",
      "2014-03",
      "2014",
      "2014-03-01T00:00",
      "2013-12-31T23:59",
      "2014-02",
    ]);
    expect(sorted).toEqual([
      "2013-12-31T23:59",
      "2014",
      "2014-02",
      "2014-03",
      "2014-03-01",
      "2014-03-01T00:00",
      "2014-03-12",
    ]);
  });

  it("puts a month before its later days and after earlier ones", () => {
    expect(comparePartialDates("2014-03", "2014-03-12")).toBeLessThan(0);
    expect(comparePartialDates("2014-03", "2014-02-28")).toBeGreaterThan(0);
    expect(comparePartialDates("2014-03", "2014-03")).toBe(0);
  });

  it("sorts invalid values last", () => {
    expect(sortPartialDates(["nonsense", "2014", "2013"])).toEqual(["2013", "2014", "nonsense"]);
  });
});

describe("isEndNotBeforeStart", () => {
  it("is lenient within the precision of the end", () => {
    expect(isEndNotBeforeStart("2014-03-12", "2014-03")).toBe(true);
    expect(isEndNotBeforeStart("2014-03-12", "2014-03-12")).toBe(true);
    expect(isEndNotBeforeStart("2014-03-12T10:30", "2014-03-12T10:30")).toBe(true);
    expect(isEndNotBeforeStart("2014-03-12", "2014-03-11")).toBe(false);
    expect(isEndNotBeforeStart("2014-03-12", "2014-02")).toBe(false);
    expect(isEndNotBeforeStart("2014-03-12T10:30", "2014-03-12T10:29")).toBe(false);
  });
});

describe("toInterval", () => {
  it("covers the whole unit in UTC", () => {
    expect(toInterval("2014", { timeZone: "UTC" })).toEqual({
      startMs: Date.UTC(2014, 0, 1),
      endMs: Date.UTC(2015, 0, 1),
    });
    expect(toInterval("2014-12", { timeZone: "UTC" })).toEqual({
      startMs: Date.UTC(2014, 11, 1),
      endMs: Date.UTC(2015, 0, 1),
    });
    expect(toInterval("2016-02-28", { timeZone: "UTC" })).toEqual({
      startMs: Date.UTC(2016, 1, 28),
      endMs: Date.UTC(2016, 1, 29),
    });
    expect(toInterval("2014-03-12T10:30", { timeZone: "UTC" })).toEqual({
      startMs: Date.UTC(2014, 2, 12, 10, 30),
      endMs: Date.UTC(2014, 2, 12, 10, 31),
    });
  });

  it("uses Amsterdam wall-clock time by default, across DST", () => {
    // 12 March 2014 is winter time (UTC+1); 12 July is summer time (UTC+2).
    expect(toInterval("2014-03-12T10:30")!.startMs).toBe(Date.UTC(2014, 2, 12, 9, 30));
    expect(toInterval("2014-07-12T10:30")!.startMs).toBe(Date.UTC(2014, 6, 12, 8, 30));
    // The day of the switch to summer time (30 March 2014) is 23 hours long.
    const switchDay = toInterval("2014-03-30")!;
    expect(switchDay.endMs - switchDay.startMs).toBe(23 * 3600_000);
    expect(switchDay.startMs).toBe(Date.UTC(2014, 2, 29, 23));
  });

  it("returns null for invalid values", () => {
    expect(toInterval("2014-02-30")).toBeNull();
  });

  it("spans start to end for an event", () => {
    expect(eventInterval("2014-03", "2014-05", { timeZone: "UTC" })).toEqual({
      startMs: Date.UTC(2014, 2, 1),
      endMs: Date.UTC(2014, 5, 1),
    });
    expect(eventInterval("2014-03-12", undefined, { timeZone: "UTC" })).toEqual(
      toInterval("2014-03-12", { timeZone: "UTC" }),
    );
  });
});

describe("Dutch formatting", () => {
  it("formats by precision", () => {
    expect(formatDutchPartialDate("2014-03-12T10:30")).toBe("12 maart 2014, 10:30");
    expect(formatDutchPartialDate("2014-03-02T09:05")).toBe("2 maart 2014, 09:05");
    expect(formatDutchPartialDate("2014-03-12")).toBe("12 maart 2014");
    expect(formatDutchPartialDate("2014-03")).toBe("maart 2014");
    expect(formatDutchPartialDate("2014")).toBe("2014");
  });

  it("prefixes ca. when approximate", () => {
    expect(formatDutchPartialDate("2014-10", { approximate: true })).toBe("ca. oktober 2014");
  });

  it("formats ranges and numeric notation", () => {
    expect(formatDutchPartialDateRange("2012-10", "2013-05")).toBe("oktober 2012 – mei 2013");
    expect(formatDutchPartialDateRange("2012-10", undefined, { approximate: true })).toBe("ca. oktober 2012");
    expect(formatDutchNumericPartialDate("2014-03-12T10:30")).toBe("12-03-2014 10:30");
    expect(formatDutchNumericPartialDate("2014-03")).toBe("03-2014");
  });
});
