// The starting document of every benchmark investigation, the same bytes shape for both servers:
// the demo timeline (10 parties, 4 periods, 60 events, app/domain/timeline/demo-timeline.ts) with
// every party linked to one of ten organisations, plus one event per benchmark client on the lane
// of that client's organisation (the event the client keeps editing).
import * as Y from "yjs";
import { fillDemoTimeline } from "../../app/domain/timeline/demo-timeline.ts";
import { createEvent, updateParty } from "../../app/domain/timeline/mutations.ts";

/** Organisation ids are fixed, so our server's members and the documents agree. */
export const ORGANISATION_IDS = Array.from({ length: 10 }, (_, i) => `0b0b0b0b-0000-4000-8000-${String(i + 1).padStart(12, "0")}`);

export interface SeededClient {
  /** Index of the client over the whole run. */
  index: number;
  investigationId: string;
  partyId: string;
  organisationId: string;
  eventId: string;
}

export interface Seed {
  update: Uint8Array;
  clients: SeededClient[];
}

/** `clientIndexes`: the run-wide indexes of the clients in this investigation. */
export function seedDocument(investigationId: string, clientIndexes: number[]): Seed {
  const doc = new Y.Doc();
  const { partyIds } = fillDemoTimeline(doc, {
    organisationIds: { a: ORGANISATION_IDS[0], b: ORGANISATION_IDS[1] },
    userId: "bench-seed",
  });
  const parties = Object.values(partyIds);
  const clients: SeededClient[] = [];
  doc.transact(() => {
    parties.forEach((partyId, i) => updateParty(doc, partyId, { organisationId: ORGANISATION_IDS[i % ORGANISATION_IDS.length] }));
    clientIndexes.forEach((index, k) => {
      const lane = k % parties.length;
      const partyId = parties[lane];
      const eventId = createEvent(
        doc,
        { title: `c${index}#0@0`, party: partyId, start: "2024-02-01", kind: "contact" },
        { userId: `bench-${index}` },
      );
      clients.push({ index, investigationId, partyId, organisationId: ORGANISATION_IDS[lane % ORGANISATION_IDS.length], eventId });
    });
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { update, clients };
}
