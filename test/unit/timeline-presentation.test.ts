import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createEvent, createParty, createPeriod } from "../../app/domain/timeline/mutations.ts";
import { currentPresenter, OUTSIDE_PERIODS, presentationSlides, slideForKey } from "../../app/domain/timeline/presentation.ts";
import { readTimeline } from "../../app/domain/timeline/schema.ts";

function doc() {
  const d = new Y.Doc();
  const school = createParty(d, { name: "School", domain: "Onderwijs" });
  const ggz = createParty(d, { name: "GGZ", domain: "Gezondheid" });
  const p1 = createPeriod(d, { label: "Opvang", start: "2014-01", end: "2014-06" });
  const p2 = createPeriod(d, { label: "Thuis", start: "2014-07", end: "2014-12" });
  const flags = { signaal: false, kritiekMoment: true, overdracht: false, opschaling: false };
  createEvent(d, { party: school, title: "Verzuim", start: "2014-03-12", kind: "overig", actorFunction: "Leerkracht", actorInitials: "J.B.", flags }, { userId: "u" });
  createEvent(d, { party: ggz, title: "Intake", start: "2014-08", kind: "overig" }, { userId: "u" });
  createEvent(d, { party: ggz, title: "Later", start: "2016", kind: "overig" }, { userId: "u" });
  return { d, p1, p2, school, ggz };
}

describe("presentationSlides", () => {
  it("has one slide per period with every lane by domain, then the facts outside every period", () => {
    const { d, p1, p2 } = doc();
    const slides = presentationSlides(readTimeline(d));
    expect(slides.map((s) => [s.id, s.label, s.count])).toEqual([[p1, "Opvang", 1], [p2, "Thuis", 1], [OUTSIDE_PERIODS, "Buiten de perioden", 1]]);
    expect(slides[0]!.lanes.map((l) => [l.domain, l.name])).toEqual([["Gezondheid", "GGZ"], ["Onderwijs", "School"]]);
    const fact = slides[0]!.lanes[1]!.facts[0]!;
    expect(fact).toMatchObject({ title: "Verzuim", date: "12 maart 2014", actor: "Leerkracht J.B." });
    expect(fact.flags).toEqual([{ key: "kritiekMoment", label: "Kritiek moment" }]);
  });

  it("shows only the function when pseudonymised", () => {
    const slides = presentationSlides(readTimeline(doc().d), { pseudonymise: true });
    expect(slides[0]!.lanes[1]!.facts[0]!.actor).toBe("Leerkracht");
  });
});

describe("slideForKey", () => {
  it("steps with arrows and PageUp/PageDown, jumps with Home/End, stays within the slides", () => {
    expect(slideForKey("ArrowRight", 0, 3)).toBe(1);
    expect(slideForKey("PageDown", 2, 3)).toBe(2);
    expect(slideForKey("PageUp", 1, 3)).toBe(0);
    expect(slideForKey("ArrowLeft", 0, 3)).toBe(0);
    expect(slideForKey("End", 0, 3)).toBe(2);
    expect(slideForKey("Home", 2, 3)).toBe(0);
    expect(slideForKey("a", 0, 3)).toBeNull();
  });
});

describe("currentPresenter", () => {
  it("follows whoever started presenting last, never oneself, ignoring malformed states", () => {
    const states: [number, unknown][] = [
      [1, { user: { id: "a", name: "Anna" }, presenting: { slide: "p1", since: 100 } }],
      [2, { user: { id: "b", name: "Bram" }, presenting: { slide: "p2", since: 200 } }],
      [3, { user: { id: "c", name: "Cor" }, presenting: { slide: 5, since: 300 } }],
      [4, { user: { id: "d", name: "Dirk" }, presenting: { slide: "p3", since: 400 } }],
    ];
    expect(currentPresenter(states, 4)).toEqual({ clientId: 2, userId: "b", name: "Bram", slide: "p2" });
    expect(currentPresenter([[1, { user: { id: "a", name: "A" }, presenting: null }]], 9)).toBeNull();
  });
});
