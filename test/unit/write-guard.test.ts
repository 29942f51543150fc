import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { createEvent, createParty, setEventStatus, updateEvent, deleteEvent, createPeriod } from "../../app/domain/timeline/mutations.ts";
import { addComment, deleteComment, setCommentResolved } from "../../app/domain/timeline/comments.ts";
import { checkWrite, WriteGuard } from "../../server/collab/write-guard.ts";

const ORG_A = "11111111-1111-4111-8111-111111111111";
const ORG_B = "22222222-2222-4222-8222-222222222222";

/** A server doc with one lane per organisation and one event on each; returns ids. */
function setup() {
  const server = new Y.Doc();
  const laneA = createParty(server, { name: "Wijkteam Noord", domain: "Gezin", organisationId: ORG_A });
  const laneB = createParty(server, { name: "De Brug", domain: "Gezondheid", organisationId: ORG_B });
  // The partner's own edits in these tests are made under their own user id.
  const ctx = { userId: USER_A, origin: "seed" };
  const eventA = createEvent(server, { title: "Huisbezoek", party: laneA, start: "2014-03-12", kind: "huisbezoek" }, ctx);
  const eventB = createEvent(server, { title: "Overleg", party: laneB, start: "2014-04", kind: "overleg" }, ctx);
  return { server, laneA, laneB, eventA, eventB, ctx };
}

/** What a client sends: the update its local edit produced, on a replica of the server doc. */
function clientUpdate(server: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  edit(client);
  return Y.encodeStateAsUpdate(client, before);
}

const partnerA = { role: "ketenpartner" as const, organisationId: ORG_A };
const USER_A = "user-partner-a";
const USER_B = "user-partner-b";
/** Partner A as the connection knows them. */
const writerA = { id: USER_A, name: "Partner A", membership: partnerA };

describe("server-side write check", () => {
  it("lets a ketenpartner add, edit and delete facts on their own lane", () => {
    const { server, laneA, eventA, ctx } = setup();
    expect(checkWrite(server, clientUpdate(server, (d) => createEvent(d, { title: "Nieuw", party: laneA, start: "2014", kind: "contact" }, ctx)), writerA)).toEqual({ ok: true });
    expect(checkWrite(server, clientUpdate(server, (d) => updateEvent(d, eventA, { title: "Huisbezoek (aangepast)" }, ctx)), writerA)).toEqual({ ok: true });
    expect(checkWrite(server, clientUpdate(server, (d) => deleteEvent(d, eventA)), writerA)).toEqual({ ok: true });
  });

  it("refuses a ketenpartner's edit, addition or deletion on another organisation's lane", () => {
    const { server, laneB, eventB, ctx } = setup();
    const edit = checkWrite(server, clientUpdate(server, (d) => updateEvent(d, eventB, { title: "Anders" }, ctx)), writerA);
    expect(edit.ok).toBe(false);
    expect(checkWrite(server, clientUpdate(server, (d) => createEvent(d, { title: "X", party: laneB, start: "2014", kind: "contact" }, ctx)), writerA).ok).toBe(false);
    expect(checkWrite(server, clientUpdate(server, (d) => deleteEvent(d, eventB)), writerA).ok).toBe(false);
    expect(checkWrite(server, clientUpdate(server, (d) => d.getMap("events").get(eventB) instanceof Y.Map && (d.getMap("events").get(eventB) as Y.Map<Y.Text>).get("description")!.insert(0, "x")), writerA).ok).toBe(false);
  });

  it("refuses moving an own fact onto another lane", () => {
    const { server, laneB, eventA, ctx } = setup();
    expect(checkWrite(server, clientUpdate(server, (d) => updateEvent(d, eventA, { party: laneB }, ctx)), writerA).ok).toBe(false);
  });

  it("lets a ketenpartner dispute another lane's fact with a reason, and nothing more", () => {
    const { server, eventB, ctx } = setup();
    expect(checkWrite(server, clientUpdate(server, (d) => setEventStatus(d, eventB, "betwist", "Dit gesprek vond een week later plaats.", ctx)), writerA)).toEqual({ ok: true });
    const confirm = clientUpdate(server, (d) => (d.getMap("events").get(eventB) as Y.Map<unknown>).set("status", "bevestigd"));
    expect(checkWrite(server, confirm, writerA).ok).toBe(false);
  });

  it("refuses lanes and periods from a ketenpartner but allows them for the onderzoeker", () => {
    const { server } = setup();
    const lane = clientUpdate(server, (d) => createParty(d, { name: "Politie", domain: "Veiligheid" }));
    const period = clientUpdate(server, (d) => createPeriod(d, { label: "2014", start: "2014", end: "2014" }));
    expect(checkWrite(server, lane, writerA).ok).toBe(false);
    expect(checkWrite(server, period, writerA).ok).toBe(false);
    expect(checkWrite(server, lane, { id: "onderzoeker-1", name: "Iemand", membership: { role: "onderzoeker", organisationId: null } })).toEqual({ ok: true });
  });

  it("refuses analysis edits from a ketenpartner", () => {
    const { server } = setup();
    const node = clientUpdate(server, (d) => d.getMap("nodes").set("n1", new Y.Map()));
    expect(checkWrite(server, node, writerA).ok).toBe(false);
  });

  it("refuses report sections, interview reports, analysis settings and measures from a ketenpartner", () => {
    const { server } = setup();
    const fragment = (name: string) => clientUpdate(server, (d) => d.getXmlFragment(name).insert(0, [new Y.XmlText("Tekst")]));
    expect(checkWrite(server, fragment("section:7a"), writerA).ok).toBe(false);
    expect(checkWrite(server, fragment("section:2"), writerA).ok).toBe(false);
    expect(checkWrite(server, fragment("interview:11111111-2222-4333-8444-555555555555"), writerA).ok).toBe(false);
    expect(checkWrite(server, clientUpdate(server, (d) => d.getMap("analysis").set("method", "prisma")), writerA).ok).toBe(false);
    expect(checkWrite(server, clientUpdate(server, (d) => d.getMap("measures").set("m1", new Y.Map())), writerA).ok).toBe(false);
    // An existing section changed: still refused.
    server.getXmlFragment("section:7a").insert(0, [new Y.XmlText("Conclusie")]);
    const edit = clientUpdate(server, (d) => (d.getXmlFragment("section:7a").get(0) as Y.XmlText).insert(0, "Nieuwe "));
    expect(checkWrite(server, edit, writerA).ok).toBe(false);
    expect(checkWrite(server, edit, { id: "o", name: "Iemand", membership: { role: "onderzoeker", organisationId: null } })).toEqual({ ok: true });
  });

  it("never changes the server's document", () => {
    const { server, eventB, ctx } = setup();
    const before = Y.encodeStateAsUpdate(server);
    checkWrite(server, clientUpdate(server, (d) => updateEvent(d, eventB, { title: "Anders" }, ctx)), writerA);
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
  });

  describe("comments", () => {
    const as = (userId: string, userName: string) => ({ userId, userName, origin: "client" });

    it("lets a ketenpartner comment on another lane's fact under their own name", () => {
      const { server, eventB } = setup();
      const update = clientUpdate(server, (d) => addComment(d, { eventId: eventB, text: "Was dit niet in mei?" }, as(USER_A, "Partner A")));
      expect(checkWrite(server, update, writerA)).toEqual({ ok: true });
    });

    it("refuses a comment with someone else's authorId, on an unknown fact, or invalid", () => {
      const { server, eventB } = setup();
      const forged = clientUpdate(server, (d) => addComment(d, { eventId: eventB, text: "Namens B" }, as(USER_B, "Partner B")));
      expect(checkWrite(server, forged, writerA).ok).toBe(false);
      const orphan = clientUpdate(server, (d) => {
        const m = new Y.Map<unknown>();
        d.getMap("comments").set("c1", m);
        for (const [k, v] of Object.entries({ eventId: "missing", text: "x", authorId: USER_A, authorName: "A", createdAt: new Date().toISOString() })) m.set(k, v);
      });
      expect(checkWrite(server, orphan, writerA).ok).toBe(false);
      const empty = clientUpdate(server, (d) => {
        const m = new Y.Map<unknown>();
        d.getMap("comments").set("c2", m);
        for (const [k, v] of Object.entries({ eventId: eventB, text: "  ", authorId: USER_A, authorName: "A", createdAt: new Date().toISOString() })) m.set(k, v);
      });
      expect(checkWrite(server, empty, writerA).ok).toBe(false);
    });

    it("refuses editing or deleting another's comment", () => {
      const { server, eventB } = setup();
      const id = addComment(server, { eventId: eventB, text: "Van B" }, as(USER_B, "Partner B"));
      const edit = clientUpdate(server, (d) => (d.getMap("comments").get(id) as Y.Map<unknown>).set("text", "Aangepast door A"));
      expect(checkWrite(server, edit, writerA).ok).toBe(false);
      const reassign = clientUpdate(server, (d) => (d.getMap("comments").get(id) as Y.Map<unknown>).set("authorId", USER_A));
      expect(checkWrite(server, reassign, writerA).ok).toBe(false);
      const remove = clientUpdate(server, (d) => deleteComment(d, id, "client"));
      expect(checkWrite(server, remove, writerA).ok).toBe(false);
    });

    it("lets a ketenpartner delete their own comment", () => {
      const { server, eventB } = setup();
      const id = addComment(server, { eventId: eventB, text: "Van A" }, as(USER_A, "Partner A"));
      const remove = clientUpdate(server, (d) => deleteComment(d, id, "client", USER_A));
      expect(checkWrite(server, remove, writerA)).toEqual({ ok: true });
    });

    it("lets the fact's own organisation mark another's comment afgehandeld under their own name, and nothing more", () => {
      const { server, eventA } = setup();
      const id = addComment(server, { eventId: eventA, text: "Van B" }, as(USER_B, "Partner B"));
      const member = { userId: USER_A, userName: "Partner A", ...partnerA };
      const resolve = clientUpdate(server, (d) => setCommentResolved(d, id, true, member, { origin: "client" }));
      expect(checkWrite(server, resolve, writerA)).toEqual({ ok: true });
      // Under someone else's name: refused.
      const forged = clientUpdate(server, (d) => setCommentResolved(d, id, true, { ...member, userId: USER_B }, { origin: "client" }));
      expect(checkWrite(server, forged, writerA)).toEqual({ ok: false, message: "U kunt een opmerking alleen op uw eigen naam afhandelen." });
      // Resolving and changing the text in one go: refused.
      const sneaky = clientUpdate(server, (d) => {
        setCommentResolved(d, id, true, member, { origin: "client" });
        (d.getMap("comments").get(id) as Y.Map<unknown>).set("text", "Anders");
      });
      expect(checkWrite(server, sneaky, writerA).ok).toBe(false);
    });

    it("refuses marking afgehandeld on another organisation's fact (only the author and that organisation may)", () => {
      const { server, eventB } = setup();
      const id = addComment(server, { eventId: eventB, text: "Van iemand anders" }, as("user-other", "Ander"));
      const resolve = clientUpdate(server, (d) => {
        const c = d.getMap("comments").get(id) as Y.Map<unknown>;
        d.transact(() => {
          c.set("resolved", true);
          c.set("resolvedById", USER_A);
          c.set("resolvedByName", "Partner A");
          c.set("resolvedAt", new Date().toISOString());
        });
      });
      expect(checkWrite(server, resolve, writerA)).toEqual({
        ok: false,
        message: "Alleen de schrijver van de opmerking en wie het feit mag wijzigen kunnen een opmerking afhandelen.",
      });
    });

    it("still refuses the toezichthouder", () => {
      const { server, eventB } = setup();
      const update = clientUpdate(server, (d) => addComment(d, { eventId: eventB, text: "Kijk hier" }, as("t", "T")));
      expect(checkWrite(server, update, { id: "t", name: "Iemand", membership: { role: "toezichthouder", organisationId: null } }).ok).toBe(false);
    });
  });

  describe("one guard per document (shadow copy)", () => {
    /** What the room does: check, and apply only what was accepted. */
    function submit(guard: WriteGuard, server: Y.Doc, update: Uint8Array, writer = writerA) {
      const result = guard.check(update, writer);
      if (result.ok) Y.applyUpdate(server, update);
      return result.ok;
    }

    it("judges a run of updates like a fresh copy would, and recovers from a refusal", () => {
      const { server, laneA, eventA, eventB, ctx } = setup();
      const guard = new WriteGuard(server);
      // A client keeps one replica, as the browser does.
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
      const edit = (fn: (d: Y.Doc) => void) => {
        const sv = Y.encodeStateVector(client);
        fn(client);
        return Y.encodeStateAsUpdate(client, sv);
      };
      for (let i = 0; i < 5; i++) expect(submit(guard, server, edit((d) => updateEvent(d, eventA, { title: `Huisbezoek ${i}` }, ctx)))).toBe(true);
      expect(submit(guard, server, edit((d) => createEvent(d, { title: "Nieuw", party: laneA, start: "2014", kind: "contact" }, ctx)))).toBe(true);
      expect(eventTitle(server, eventA)).toBe("Huisbezoek 4");

      // Refused: another lane. The server document does not have it, and the shadow is rebuilt.
      expect(submit(guard, server, edit((d) => updateEvent(d, eventB, { title: "Vervalst" }, ctx)))).toBe(false);
      expect(eventTitle(server, eventB)).toBe("Overleg");
      // A fresh client (the refused one must start afresh): its own-lane edit is accepted, and a
      // repeat of the forgery is refused again.
      const fresh = new Y.Doc();
      Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
      const freshEdit = (fn: (d: Y.Doc) => void) => {
        const sv = Y.encodeStateVector(fresh);
        fn(fresh);
        return Y.encodeStateAsUpdate(fresh, sv);
      };
      expect(submit(guard, server, freshEdit((d) => updateEvent(d, eventA, { title: "Na de weigering" }, ctx)))).toBe(true);
      expect(submit(guard, server, freshEdit((d) => updateEvent(d, eventB, { title: "Weer vervalst" }, ctx)))).toBe(false);
      expect(eventTitle(server, eventA)).toBe("Na de weigering");
      expect(eventTitle(server, eventB)).toBe("Overleg");
      guard.destroy();
    });

    it("follows changes others make: a fact moved to another lane by the onderzoeker is no longer the partner's", () => {
      const { server, laneB, eventA, ctx } = setup();
      const guard = new WriteGuard(server);
      expect(guard.check(clientUpdate(server, (d) => updateEvent(d, eventA, { title: "Eigen" }, ctx)), writerA)).toEqual({ ok: true });
      // The onderzoeker's update, applied to the server document (no check needed for them).
      Y.applyUpdate(server, clientUpdate(server, (d) => updateEvent(d, eventA, { party: laneB }, ctx)));
      expect(guard.check(clientUpdate(server, (d) => updateEvent(d, eventA, { title: "Toch eigen?" }, ctx)), writerA).ok).toBe(false);
      guard.destroy();
    });

    it("never changes the server's document, accepted or refused", () => {
      const { server, eventA, eventB, ctx } = setup();
      const guard = new WriteGuard(server);
      const before = Y.encodeStateAsUpdate(server);
      guard.check(clientUpdate(server, (d) => updateEvent(d, eventA, { title: "Eigen" }, ctx)), writerA);
      guard.check(clientUpdate(server, (d) => updateEvent(d, eventB, { title: "Anders" }, ctx)), writerA);
      expect(Y.encodeStateAsUpdate(server)).toEqual(before);
      guard.destroy();
    });
  });
});

describe("updates Yjs would hold back (issue 16)", () => {
  /** An update with no structs and one delete range, in the v1 format a client sends. */
  function deleteRange(client: number, clock: number, len: number): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0); // no structs
    encoding.writeVarUint(e, 1); // one client in the delete set
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, clock);
    encoding.writeVarUint(e, len);
    return encoding.toUint8Array(e);
  }

  /** The procesbegeleider's replica with one paragraph in a report section, synced to the server. */
  function withSection() {
    const { server } = setup();
    const lead = new Y.Doc();
    Y.applyUpdate(lead, Y.encodeStateAsUpdate(server));
    lead.on("update", (u: Uint8Array) => Y.applyUpdate(server, u));
    const section = lead.getXmlFragment("section:7a");
    section.insert(0, [paragraph("Eerste alinea.")]);
    return { server, lead, section };
  }

  function paragraph(text: string): Y.XmlElement {
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText(text)]);
    return p;
  }

  function sectionText(doc: Y.Doc): string {
    return doc.getXmlFragment("section:7a").toString();
  }

  it("refuses a deletion of the procesbegeleider's clocks not yet written, which would delete their next paragraph", () => {
    const { server, lead, section } = withSection();
    const guard = new WriteGuard(server);
    const attack = deleteRange(lead.clientID, Y.getState(server.store, lead.clientID), 1e9);
    const result = guard.check(attack, writerA);
    expect(result.ok).toBe(false);
    if (result.ok) Y.applyUpdate(server, attack); // what the room did before: apply what was accepted
    section.insert(1, [paragraph("Tweede alinea.")]);
    expect(sectionText(server)).toContain("Tweede alinea.");
    expect(server.store.pendingDs).toBeNull();
    guard.destroy();
  });

  it("refuses an item whose origin is the procesbegeleider's next item (it would be injected into their text)", () => {
    const { server, lead, section } = withSection();
    const guard = new WriteGuard(server);
    // The attacker predicts the next item's id: a replica where the lead has typed it already.
    const predicted = new Y.Doc();
    Y.applyUpdate(predicted, Y.encodeStateAsUpdate(lead));
    // Set after syncing: a remote update with a doc's own client id makes Yjs pick a new one.
    predicted.clientID = lead.clientID;
    const text = (predicted.getXmlFragment("section:7a").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(text.length, " En");
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(predicted));
    const sv = Y.encodeStateVector(attacker);
    ((attacker.getXmlFragment("section:7a").get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(text.length, " INGEVOEGD");
    const attack = Y.encodeStateAsUpdate(attacker, sv);
    // Its origin is the lead's third next clock (" En"), which the server does not have.
    const next = Y.getState(server.store, lead.clientID);
    expect((Y.decodeUpdate(attack).structs[0] as Y.Item).origin).toEqual(Y.createID(lead.clientID, next + 2));
    const result = guard.check(attack, writerA);
    expect(result.ok).toBe(false);
    if (result.ok) Y.applyUpdate(server, attack);
    // The lead then types exactly that: it stays theirs alone.
    const real = (section.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    real.insert(real.length, " En");
    expect(sectionText(server)).not.toContain("INGEVOEGD");
    expect(server.store.pendingStructs).toBeNull();
    guard.destroy();
  });

  it("refuses a deletion range past the end of another client's clocks, also within a normal edit", () => {
    const { server, eventA, ctx } = setup();
    const edit = clientUpdate(server, (d) => updateEvent(d, eventA, { title: "Eigen" }, ctx));
    const { structs } = Y.decodeUpdate(edit);
    expect(structs.length).toBeGreaterThan(0);
    const merged = Y.mergeUpdates([edit, deleteRange(server.clientID, Y.getState(server.store, server.clientID), 5)]);
    expect(checkWrite(server, merged, writerA).ok).toBe(false);
    expect(checkWrite(server, edit, writerA)).toEqual({ ok: true });
  });

  it("accepts deleting in one update what that update inserts", () => {
    const { server, eventA, ctx } = setup();
    const update = clientUpdate(server, (d) => {
      updateEvent(d, eventA, { title: "Tijdelijk" }, ctx);
      updateEvent(d, eventA, { title: "Definitief" }, ctx);
      const description = (d.getMap("events").get(eventA) as Y.Map<unknown>).get("description");
      if (description instanceof Y.Text) {
        description.insert(0, "typfout");
        description.delete(0, 7);
      }
    });
    expect(checkWrite(server, update, writerA)).toEqual({ ok: true });
  });

  it("still judges a partner's complete update when the document holds a trusted writer's held-back structs", () => {
    const { server, eventA, ctx } = setup();
    // The partner was connected before (a client that syncs afresh gets the held-back structs in
    // sync step 2 and sends them back; that is refused as incomplete, see docs/collab-protocol.md).
    const partnerEdit = clientUpdate(server, (d) => updateEvent(d, eventA, { title: "Eigen" }, ctx));
    // The lead's update that depends on content the server does not have (yet).
    const lead = new Y.Doc();
    Y.applyUpdate(lead, Y.encodeStateAsUpdate(server));
    lead.getMap("analysis").set("method", "prisma");
    const sv = Y.encodeStateVector(lead);
    lead.getMap("analysis").set("note", "na de methode");
    Y.applyUpdate(server, Y.encodeStateAsUpdate(lead, sv)); // its first change has not arrived
    expect(server.store.pendingStructs).not.toBeNull();

    const guard = new WriteGuard(server);
    expect(guard.check(partnerEdit, writerA)).toEqual({ ok: true });
    guard.destroy();
  });
});

describe("client ids (issue 16)", () => {
  it("refuses new structs under a client id another user writes with, so the procesbegeleider's next edits are not dropped as duplicates", () => {
    const { server, laneA, ctx } = setup();
    // As in the room: the origin on the document names the user.
    const guard = new WriteGuard(server, (origin) => (typeof origin === "string" ? origin : undefined));
    const lead = new Y.Doc();
    Y.applyUpdate(lead, Y.encodeStateAsUpdate(server));
    lead.on("update", (u: Uint8Array) => Y.applyUpdate(server, u, "user-procesbegeleider"));
    lead.getXmlFragment("section:7a").insert(0, [new Y.XmlText("Eerste.")]);

    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(server));
    forger.clientID = lead.clientID;
    const sv = Y.encodeStateVector(forger);
    createEvent(forger, { title: "Eigen", party: laneA, start: "2014", kind: "contact" }, ctx);
    const forged = Y.encodeStateAsUpdate(forger, sv);
    expect(guard.check(forged, writerA).ok).toBe(false);
    // The same fact under the partner's own client id is fine.
    const own = clientUpdate(server, (d) => createEvent(d, { title: "Eigen", party: laneA, start: "2014", kind: "contact" }, ctx));
    expect(guard.check(own, writerA)).toEqual({ ok: true });
    guard.destroy();
  });
});

describe("who-fields and junk entries (issue 16)", () => {
  const as = (userId: string, userName: string) => ({ userId, userName, origin: "client" });

  it("refuses a comment under the partner's own id with someone else's name", () => {
    const { server, eventB } = setup();
    const spoofed = clientUpdate(server, (d) => addComment(d, { eventId: eventB, text: "Namens de begeleiding" }, as(USER_A, "Partner A (procesbegeleider)")));
    expect(checkWrite(server, spoofed, writerA)).toEqual({ ok: false, message: "Een opmerking moet geldig zijn en op uw eigen naam staan." });
  });

  it("refuses marking afgehandeld under the partner's own id with someone else's name", () => {
    const { server, eventA } = setup();
    const id = addComment(server, { eventId: eventA, text: "Van B" }, as(USER_B, "Partner B"));
    const member = { userId: USER_A, userName: "De procesbegeleider", ...partnerA };
    const spoofed = clientUpdate(server, (d) => setCommentResolved(d, id, true, member, { origin: "client" }));
    expect(checkWrite(server, spoofed, writerA)).toEqual({ ok: false, message: "U kunt een opmerking alleen op uw eigen naam afhandelen." });
    // A new own comment that comes already "afgehandeld" by someone else: refused too.
    const own = clientUpdate(server, (d) => {
      const c = addComment(d, { eventId: eventA, text: "Eigen" }, as(USER_A, "Partner A"));
      const m = d.getMap("comments").get(c) as Y.Map<unknown>;
      m.set("resolved", true);
      m.set("resolvedById", USER_B);
      m.set("resolvedByName", "Partner B");
      m.set("resolvedAt", new Date().toISOString());
    });
    expect(checkWrite(server, own, writerA).ok).toBe(false);
  });

  it("refuses a fact added or changed under someone else's user id", () => {
    const { server, laneA, eventA } = setup();
    const other = { userId: "user-procesbegeleider", origin: "client" };
    expect(checkWrite(server, clientUpdate(server, (d) => createEvent(d, { title: "X", party: laneA, start: "2014", kind: "contact" }, other)), writerA)).toEqual({
      ok: false,
      message: "Een feit kan alleen op uw eigen naam worden toegevoegd of gewijzigd.",
    });
    expect(checkWrite(server, clientUpdate(server, (d) => updateEvent(d, eventA, { title: "Y" }, other)), writerA).ok).toBe(false);
    const createdBy = clientUpdate(server, (d) => (d.getMap("events").get(eventA) as Y.Map<unknown>).set("createdBy", USER_A + "-x"));
    expect(checkWrite(server, createdBy, writerA).ok).toBe(false);
  });

  it("refuses junk under events: a value that is no map, or a map that is no valid fact", () => {
    const { server, laneA } = setup();
    expect(checkWrite(server, clientUpdate(server, (d) => d.getMap("events").set("rommel", "Ongeldig")), writerA)).toEqual({ ok: false, message: "Een feit moet een geldig feit zijn." });
    const junkMap = clientUpdate(server, (d) => {
      const m = new Y.Map<unknown>();
      d.getMap("events").set("rommel", m);
      m.set("party", laneA);
      m.set("createdBy", USER_A);
      m.set("updatedBy", USER_A);
    });
    expect(checkWrite(server, junkMap, writerA)).toEqual({ ok: false, message: "Een feit moet een geldig feit zijn." });
    expect(checkWrite(server, clientUpdate(server, (d) => d.getMap("comments").set("rommel", 42)), writerA).ok).toBe(false);
  });

  it("refuses a field of the wrong kind on an own fact, but not a rule between fields that a concurrent edit can break", () => {
    const { server, eventA } = setup();
    const junkTitle = clientUpdate(server, (d) => (d.getMap("events").get(eventA) as Y.Map<unknown>).set("title", 42));
    expect(checkWrite(server, junkTitle, writerA)).toEqual({ ok: false, message: "Een feit moet een geldig feit zijn." });
    // The onderzoeker moved the start to 2014-06 meanwhile; the partner's end (valid when made) is before it.
    const end = clientUpdate(server, (d) => (d.getMap("events").get(eventA) as Y.Map<unknown>).set("end", "2014-04"));
    (server.getMap("events").get(eventA) as Y.Map<unknown>).set("start", "2014-06");
    expect(checkWrite(server, end, writerA)).toEqual({ ok: true });
  });
});

function eventTitle(doc: Y.Doc, id: string): unknown {
  return (doc.getMap("events").get(id) as Y.Map<unknown> | undefined)?.get("title");
}
