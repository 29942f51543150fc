import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { describeEntity } from "../../server/history/history.server.ts";

describe("history: what an entity id is called", () => {
  it("names report texts by their Bijlage 1 item and interview reports as such", () => {
    const doc = new Y.Doc();
    expect(describeEntity(doc, "section:5b")).toBe("Rapporttekst 5b ‘Indicatie en doelen uit het zorgplan’");
    expect(describeEntity(doc, "section:7a")).toBe("Rapporttekst 7a ‘Conclusies’");
    expect(describeEntity(doc, "section:9z")).toBe("Rapporttekst 9z");
    expect(describeEntity(doc, "interview:0b1c")).toBe("Gespreksverslag");
    expect(describeEntity(doc, "iets")).toBe("Onbekend onderdeel");
  });
});
