// Presence through Yjs awareness: who has the investigation open, and which event each person
// has open in the editor. Awareness content comes from other clients, so it is checked too.
import { useEffect, useMemo, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { z } from "zod";
import type { PresencePeer } from "./types.ts";

const PresenceState = z.object({
  user: z.object({
    id: z.string().min(1).max(100),
    name: z.string().trim().min(1).max(120),
    color: z.string().regex(/^#[0-9a-f]{6}$/i),
  }),
  editing: z.string().max(100).nullish(),
  /** A fact the person has open but may only read (and comment on). */
  viewing: z.string().max(100).nullish(),
});

function readPeers(awareness: Awareness): PresencePeer[] {
  const peers: PresencePeer[] = [];
  for (const [clientId, raw] of awareness.getStates()) {
    const parsed = PresenceState.safeParse(raw);
    if (!parsed.success) continue;
    const { user, editing, viewing } = parsed.data;
    peers.push({
      clientId,
      userId: user.id,
      name: user.name,
      color: user.color,
      editing: editing ?? null,
      viewing: viewing ?? null,
      self: clientId === awareness.clientID,
    });
  }
  return peers;
}

export function usePresence(awareness: Awareness | null): {
  /** One per person (several tabs of one person count once), yourself first. */
  people: PresencePeer[];
  /** Event id → the others who have it open. */
  editingByEvent: Record<string, { name: string; color: string }[]>;
  /** Event id → the others who have it open but may only read it ("bekijkt dit"). */
  viewingByEvent: Record<string, { name: string; color: string }[]>;
} {
  const [peers, setPeers] = useState<PresencePeer[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const update = () => setPeers(readPeers(awareness));
    update();
    awareness.on("change", update);
    return () => awareness.off("change", update);
  }, [awareness]);

  return useMemo(() => {
    const byUser = new Map<string, PresencePeer>();
    for (const p of peers) {
      const seen = byUser.get(p.userId);
      if (!seen || (p.self && !seen.self)) byUser.set(p.userId, p);
    }
    const people = [...byUser.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, "nl"));
    const editingByEvent: Record<string, { name: string; color: string }[]> = {};
    const selfUser = peers.find((p) => p.self)?.userId;
    for (const p of peers) {
      if (!p.editing || p.userId === selfUser) continue;
      const list = (editingByEvent[p.editing] ??= []);
      if (!list.some((x) => x.name === p.name)) list.push({ name: p.name, color: p.color });
    }
    const viewingByEvent: Record<string, { name: string; color: string }[]> = {};
    for (const p of peers) {
      if (!p.viewing || p.userId === selfUser || p.editing === p.viewing) continue;
      const list = (viewingByEvent[p.viewing] ??= []);
      if (!list.some((x) => x.name === p.name)) list.push({ name: p.name, color: p.color });
    }
    return { people, editingByEvent, viewingByEvent };
  }, [peers]);
}
