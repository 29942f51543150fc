import { describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { decodeAwarenessEntries, encodeAwarenessEntries, stampPresence, TooManyAwarenessEntries } from "../../server/collab/protocol.ts";

const user = { id: "u1", name: "Tineke Toezicht", role: "toezichthouder" };

describe("stampPresence", () => {
  it("overwrites id, name and role with the logged-in user's, keeps the rest", () => {
    const stamped = JSON.parse(
      stampPresence(JSON.stringify({ user: { id: "x", name: "Iemand anders", role: "procesbegeleider", color: "#abc", cursor: 3 }, editing: "e1" }), user),
    );
    expect(stamped).toEqual({ user: { id: "u1", name: "Tineke Toezicht", role: "toezichthouder", color: "#abc", cursor: 3 }, editing: "e1" });
  });

  it("drops a colour that is not a short string, and makes a user where there was none", () => {
    expect(JSON.parse(stampPresence(JSON.stringify({ user: { color: "x".repeat(100) } }), user)).user).toEqual(user);
    expect(JSON.parse(stampPresence(JSON.stringify({ user: { color: { evil: 1 } } }), user)).user).toEqual(user);
    expect(JSON.parse(stampPresence("42", user))).toEqual({ user });
    expect(JSON.parse(stampPresence(JSON.stringify({ user: ["a"] }), user))).toEqual({ user });
  });
});

describe("awareness entries", () => {
  it("decode what y-protocols encodes, and encode it back byte for byte", () => {
    const doc = new Y.Doc();
    const aw = new awarenessProtocol.Awareness(doc);
    aw.setLocalState({ user: { name: "A" } });
    const update = awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID]);
    const entries = decodeAwarenessEntries(update, 10);
    expect(entries).toEqual([{ clientId: doc.clientID, clock: aw.meta.get(doc.clientID)!.clock, state: JSON.stringify({ user: { name: "A" } }) }]);
    expect(encodeAwarenessEntries(entries)).toEqual(update);
    aw.destroy();
  });

  it("refuses a count over the cap before reading the entries", () => {
    // Claims a million entries in three bytes: refused on the count alone.
    expect(() => decodeAwarenessEntries(new Uint8Array([0xc0, 0x84, 0x3d]), 400)).toThrow(TooManyAwarenessEntries);
  });
});
