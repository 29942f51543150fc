// copyYValue and restoreVersionInto: pure Yjs, no server. A restore is one transaction with the
// page's origin, so the page's undo manager takes it back in one step.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { copyYValue, restoredTypes, restoreVersionInto } from "../../app/components/history/restore.ts";

function event(title: string, description = "") {
  const m = new Y.Map<unknown>();
  m.set("title", title);
  m.set("description", new Y.Text(description));
  const domains = new Y.Array<string>();
  domains.push(["gezin"]);
  m.set("lifeDomains", domains);
  m.set("flags", { signaal: true });
  return m;
}

describe("copyYValue", () => {
  it("recreates nested Y.Map, Y.Array and Y.Text (with formatting) unattached, and copies plain values", () => {
    const a = new Y.Doc();
    const src = event("Huisbezoek", "eerste regel");
    const nested = new Y.Map<unknown>();
    nested.set("deep", new Y.Array<unknown>());
    src.set("nested", nested);
    a.getMap("events").set("e1", src);
    (src.get("description") as Y.Text).format(0, 6, { bold: true });
    (nested.get("deep") as Y.Array<unknown>).push([{ x: 1 }, new Uint8Array([1, 2])]);

    const copy = copyYValue(src) as Y.Map<unknown>;
    expect(copy).toBeInstanceOf(Y.Map);
    expect(copy.doc).toBeNull();
    const b = new Y.Doc();
    b.getMap("events").set("e1", copy);
    const inB = b.getMap("events").get("e1") as Y.Map<unknown>;
    expect(inB.toJSON()).toEqual(src.toJSON());
    expect((inB.get("description") as Y.Text).toDelta()).toEqual((src.get("description") as Y.Text).toDelta());
    expect(inB.get("lifeDomains")).toBeInstanceOf(Y.Array);
    expect((inB.get("nested") as Y.Map<unknown>).get("deep")).toBeInstanceOf(Y.Array);

    // Independent: changing the copy leaves the source alone (plain objects are not shared either).
    (inB.get("description") as Y.Text).insert(0, "X");
    (inB.get("flags") as Record<string, boolean>).signaal = false;
    expect((src.get("description") as Y.Text).toString()).toBe("eerste regel");
    expect((src.get("flags") as Record<string, boolean>).signaal).toBe(true);
    expect(copyYValue("tekst")).toBe("tekst");
    expect(copyYValue(null)).toBeNull();
  });
});

describe("restoreVersionInto", () => {
  it("makes the live maps equal to the version in one transaction, and undo takes it all back", () => {
    const live = new Y.Doc();
    const setup = { setup: true };
    live.transact(() => {
      live.getMap("events").set("keep", event("Ongewijzigd"));
      live.getMap("events").set("changed", event("Oude titel"));
      live.getMap("parties").set("p1", new Y.Map([["name", "Huisarts"]]));
      live.getMap("nodes").set("n1", new Y.Map([["label", "Oorzaak A"], ["kind", "cause"]]));
    }, setup);
    const version = new Y.Doc();
    Y.applyUpdate(version, Y.encodeStateAsUpdate(live));

    // After the version: a title change, a deleted fact, a new fact, a new measure.
    live.transact(() => {
      (live.getMap("events").get("changed") as Y.Map<unknown>).set("title", "Nieuwe titel");
      live.getMap("events").delete("keep");
      live.getMap("events").set("later", event("Later toegevoegd"));
      live.getMap("measures").set("m1", new Y.Map([["title", "Maatregel"]]));
    }, setup);
    const afterChanges = structuredClone(live.toJSON());

    const origin = { page: "test" };
    const um = new Y.UndoManager([live.getMap("parties"), live.getMap("periods"), live.getMap("events")], {
      trackedOrigins: new Set([origin]),
      captureTimeout: 0,
    });
    um.addToScope(restoredTypes(live));
    let transactions = 0;
    live.on("afterTransaction", () => transactions++);

    const result = restoreVersionInto(live, version, origin);
    expect(transactions).toBe(1);
    expect(result).toEqual({ removed: 2, replaced: 1, added: 1 });
    for (const name of ["events", "parties", "periods", "nodes", "measures"]) {
      expect(live.getMap(name).toJSON()).toEqual(version.getMap(name).toJSON());
    }
    expect((live.getMap("events").get("keep") as Y.Map<unknown>).get("description")).toBeInstanceOf(Y.Text);
    expect(um.undoStack.length).toBe(1);

    um.undo();
    expect({ periods: {}, ...live.toJSON() }).toEqual({ periods: {}, ...afterChanges });

    // Restoring an equal document changes nothing.
    const again = new Y.Doc();
    Y.applyUpdate(again, Y.encodeStateAsUpdate(live));
    expect(restoreVersionInto(live, again, origin)).toEqual({ removed: 0, replaced: 0, added: 0 });
  });
});
