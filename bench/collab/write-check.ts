// The cost of the ketenpartner write check (server/collab/write-guard.ts) per incoming update, by
// document size: as a room runs it (WriteGuard: a shadow copy kept per document, the update tried
// on it), and as a one-off checkWrite (copies the whole document first: what every update cost
// before the shadow). In-process and single-threaded; not a test.
import * as Y from "yjs";
import { createEvent, updateEvent } from "../../app/domain/timeline/mutations.ts";
import { checkWrite, WriteGuard } from "../../server/collab/write-guard.ts";
import { seedDocument } from "./seed.ts";

export interface WriteCheckRow {
  events: number;
  docBytes: number;
  /**
   * What the check adds per update in a room (WriteGuard: check on the shadow, then apply, which the
   * shadow follows), minus applyMs: a ketenpartner's own-lane title edit, ms per update.
   */
  guardMs: number;
  /** One-off checkWrite (a copy of the whole document per update) for the same edit, ms per update. */
  ketenpartnerMs: number;
  /** checkWrite for an onderzoeker (returns at once), ms per update. */
  onderzoekerMs: number;
  /** Y.applyUpdate of the same update into a copy of the document, ms (what the edit itself costs). */
  applyMs: number;
}

export function measureWriteCheck(extraEvents: number[] = [0, 500, 2000], minMs = 400): WriteCheckRow[] {
  const rows: WriteCheckRow[] = [];
  for (const extra of extraEvents) {
    const seed = seedDocument(crypto.randomUUID(), Array.from({ length: 50 }, (_, i) => i));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seed.update);
    const me = seed.clients[0];
    for (let i = 0; i < extra; i++) {
      createEvent(doc, { title: `extra ${i}`, party: seed.clients[i % seed.clients.length].partyId, start: "2024-02-01", kind: "contact" }, { userId: "bench" });
    }
    // The update a client sends for one title edit.
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(client);
    updateEvent(client, me.eventId, { title: "Nieuwe titel" }, { userId: "bench-0" });
    const update = Y.encodeStateAsUpdate(client, before);

    const time = (fn: () => void) => {
      fn(); // warm
      let n = 0;
      const t0 = performance.now();
      let t = t0;
      while (t - t0 < minMs || n < 5) {
        fn();
        n++;
        t = performance.now();
      }
      return (t - t0) / n;
    };
    const kp = time(() => {
      const r = checkWrite(doc, update, { id: "bench-0", name: "Bench", membership: { role: "ketenpartner", organisationId: me.organisationId } });
      if (!r.ok) throw new Error(`write check refused the benchmark edit: ${r.message}`);
    });
    const ok = time(() => void checkWrite(doc, update, { id: "bench-0", name: "Bench", membership: { role: "onderzoeker", organisationId: null } }));
    const snapshot = Y.encodeStateAsUpdate(doc);
    // A run of distinct title edits from one client, as it sends them.
    const edits: Uint8Array[] = [];
    for (let i = 0; i < 1000; i++) {
      const sv = Y.encodeStateVector(client);
      updateEvent(client, me.eventId, { title: `Titel ${i}` }, { userId: "bench-0" });
      edits.push(Y.encodeStateAsUpdate(client, sv));
    }
    const fresh = () => {
      const target = new Y.Doc();
      Y.applyUpdate(target, snapshot);
      Y.applyUpdate(target, update);
      return target;
    };
    // applyUpdate alone.
    const plain = fresh();
    const a0 = performance.now();
    for (const e of edits) Y.applyUpdate(plain, e);
    const applyMs = (performance.now() - a0) / edits.length;
    plain.destroy();
    // What a room does per update: check on the shadow, then apply (the shadow follows).
    const room = fresh();
    const guard = new WriteGuard(room);
    guard.check(edits[0], { id: "bench-0", name: "Bench", membership: { role: "ketenpartner", organisationId: me.organisationId } }); // builds the shadow
    Y.applyUpdate(room, edits[0]);
    const g0 = performance.now();
    for (const e of edits.slice(1)) {
      const r = guard.check(e, { id: "bench-0", name: "Bench", membership: { role: "ketenpartner", organisationId: me.organisationId } });
      if (!r.ok) throw new Error(`write check refused the benchmark edit: ${r.message}`);
      Y.applyUpdate(room, e);
    }
    const guardMs = (performance.now() - g0) / (edits.length - 1) - applyMs;
    guard.destroy();
    room.destroy();
    rows.push({
      events: doc.getMap("events").size,
      docBytes: snapshot.byteLength,
      guardMs,
      ketenpartnerMs: kp,
      onderzoekerMs: ok,
      applyMs,
    });
    client.destroy();
    doc.destroy();
  }
  return rows;
}
