// The cost of the ketenpartner write check (server/collab/write-guard.ts, checkWrite) per incoming
// update, by document size: it copies the whole document (encodeStateAsUpdate + applyUpdate into a
// fresh Y.Doc) before it looks at the update. In-process and single-threaded; not a test.
import * as Y from "yjs";
import { createEvent, updateEvent } from "../../app/domain/timeline/mutations.ts";
import { checkWrite } from "../../server/collab/write-guard.ts";
import { seedDocument } from "./seed.ts";

export interface WriteCheckRow {
  events: number;
  docBytes: number;
  /** checkWrite for a ketenpartner editing their own lane, ms per update. */
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
      const r = checkWrite(doc, update, { role: "ketenpartner", organisationId: me.organisationId }, "bench-0");
      if (!r.ok) throw new Error(`write check refused the benchmark edit: ${r.message}`);
    });
    const ok = time(() => void checkWrite(doc, update, { role: "onderzoeker", organisationId: null }, "bench-0"));
    const snapshot = Y.encodeStateAsUpdate(doc);
    // applyUpdate alone: a run of distinct title edits from one client, applied in order to a copy.
    const edits: Uint8Array[] = [];
    for (let i = 0; i < 200; i++) {
      const sv = Y.encodeStateVector(client);
      updateEvent(client, me.eventId, { title: `Titel ${i}` }, { userId: "bench-0" });
      edits.push(Y.encodeStateAsUpdate(client, sv));
    }
    const target = new Y.Doc();
    Y.applyUpdate(target, snapshot);
    Y.applyUpdate(target, update);
    const a0 = performance.now();
    for (const e of edits) Y.applyUpdate(target, e);
    const applyMs = (performance.now() - a0) / edits.length;
    target.destroy();
    rows.push({
      events: doc.getMap("events").size,
      docBytes: snapshot.byteLength,
      ketenpartnerMs: kp,
      onderzoekerMs: ok,
      applyMs,
    });
    client.destroy();
    doc.destroy();
  }
  return rows;
}
