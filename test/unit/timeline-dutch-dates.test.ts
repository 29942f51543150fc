import { describe, expect, it } from "vitest";
import { parseDutchDate, parseDutchTime, parseMonthName } from "../../app/domain/timeline/dutch-dates.ts";
import { formatDutchNumericPartialDate } from "../../app/domain/timeline/partial-date.ts";

function value(input: string, time?: string) {
  const r = parseDutchDate(input, time);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function error(input: string, time?: string) {
  const r = parseDutchDate(input, time);
  if (r.ok) throw new Error(`expected an error for ${input}, got ${r.value}`);
  return r.error;
}

describe("parseDutchDate", () => {
  it.each([
    ["12-03-2014", "2014-03-12"],
    ["12-3-2014", "2014-03-12"],
    ["2-3-2014", "2014-03-02"],
    ["12/03/2014", "2014-03-12"],
    ["12.03.2014", "2014-03-12"],
    ["12 maart 2014", "2014-03-12"],
    ["12 Maart 2014", "2014-03-12"],
    ["12 mrt 2014", "2014-03-12"],
    ["12 mrt. 2014", "2014-03-12"],
    ["1 mei 2014", "2014-05-01"],
    ["3 okt 2013", "2013-10-03"],
    ["12-mrt-2014", "2014-03-12"],
    ["woensdag 12 maart 2014", "2014-03-12"],
    ["maart 2014", "2014-03"],
    ["mrt 2014", "2014-03"],
    ["sept 2014", "2014-09"],
    ["03-2014", "2014-03"],
    ["2014", "2014"],
    ["2014-03-12", "2014-03-12"],
    ["2014-03", "2014-03"],
    ["2014-03-12T10:30", "2014-03-12T10:30"],
    ["12-03-2014 10:30", "2014-03-12T10:30"],
    ["12-03-2014 9.05", "2014-03-12T09:05"],
    ["12 maart 2014, 10:30 uur", "2014-03-12T10:30"],
    ["  12-03-2014  ", "2014-03-12"],
  ])("reads %j as %s", (input, expected) => {
    expect(value(input)).toBe(expected);
  });

  it("takes the time from a separate column", () => {
    expect(value("12-03-2014", "10:30")).toBe("2014-03-12T10:30");
    expect(value("12-03-2014", "")).toBe("2014-03-12");
  });

  it.each(["ca. 12-03-2014", "ca 12-03-2014", "circa maart 2014", "~2014", "± 2014", "Ca. mrt 2014"])(
    "marks %j as approximate",
    (input) => {
      const r = parseDutchDate(input);
      expect(r.ok && r.approximate).toBe(true);
    },
  );

  it("is not approximate without a prefix", () => {
    const r = parseDutchDate("12-03-2014");
    expect(r.ok && r.approximate).toBe(false);
  });

  it("reads vague Dutch periods as approximate, with a note", () => {
    const r = parseDutchDate("zomer 2013");
    expect(r).toMatchObject({ ok: true, value: "2013", approximate: true });
    expect(r.ok && r.note).toContain("zomer 2013");
    expect(parseDutchDate("eind maart 2014")).toMatchObject({ ok: true, value: "2014-03", approximate: true });
  });

  it("refuses dates that do not exist", () => {
    expect(error("31-02-2014")).toBe("datum '31-02-2014' bestaat niet");
    expect(error("29-02-2014")).toBe("datum '29-02-2014' bestaat niet");
    expect(error("31-04-2014")).toBe("datum '31-04-2014' bestaat niet");
    expect(error("12-13-2014")).toBe("datum '12-13-2014' bestaat niet");
    expect(error("32 maart 2014")).toBe("datum '32 maart 2014' bestaat niet");
  });

  it("knows leap years", () => {
    expect(value("29-02-2016")).toBe("2016-02-29");
    expect(value("29-02-2000")).toBe("2000-02-29");
    expect(error("29-02-1900")).toContain("bestaat niet");
  });

  it("refuses impossible times", () => {
    expect(error("12-03-2014 25:00")).toBe("tijd '25:00' bestaat niet");
    expect(error("12-03-2014", "10:75")).toBe("tijd '10:75' bestaat niet");
    expect(error("12-03-2014", "'s ochtends")).toContain("geen herkenbare tijd");
    expect(error("maart 2014", "10:30")).toContain("een tijd kan alleen bij een datum met een dag");
  });

  it("explains what it does not recognise", () => {
    expect(error("gisteren")).toBe(
      "datum 'gisteren' is geen herkenbare datum; gebruik bijvoorbeeld 12-03-2014, maart 2014 of 2014",
    );
    expect(error("12 foo 2014")).toContain("geen herkenbare datum");
    expect(error("12-03-14")).toContain("vier cijfers");
    expect(error("")).toBe("datum ontbreekt");
  });

  it("uses the given label", () => {
    const r = parseDutchDate("31-02-2014", undefined, { label: "einddatum" });
    expect(r).toEqual({ ok: false, error: "einddatum '31-02-2014' bestaat niet" });
  });

  it("reads back its own numeric export format", () => {
    for (const v of ["2014", "2014-03", "2014-03-12", "2014-03-12T10:30"]) {
      expect(value(formatDutchNumericPartialDate(v))).toBe(v);
    }
  });
});

describe("month names and times", () => {
  it("knows Dutch names and abbreviations", () => {
    expect(parseMonthName("maart")).toBe(3);
    expect(parseMonthName("mrt.")).toBe(3);
    expect(parseMonthName("MEI")).toBe(5);
    expect(parseMonthName("okt")).toBe(10);
    expect(parseMonthName("december")).toBe(12);
    expect(parseMonthName("maandag")).toBeNull();
  });

  it("parses times", () => {
    expect(parseDutchTime("10:30")).toEqual({ hour: 10, minute: 30 });
    expect(parseDutchTime("9.05 uur")).toEqual({ hour: 9, minute: 5 });
    expect(parseDutchTime("24:00")).toBeNull();
  });
});
