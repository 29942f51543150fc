// The investigation's Y.Doc in the browser: one per page, synced with the collaboration server
// over the y-websocket protocol (design.md "Collaboration") and kept in IndexedDB so edits made
// while disconnected survive a reload and are sent when the connection is back.
import * as decoding from "lib0/decoding";
import { useCallback, useEffect, useState } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import type { Awareness } from "y-protocols/awareness";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { getTimelineMaps } from "~/domain/timeline/schema.ts";

/** Ketenlijn notice (docs/collab-protocol.md): varString with JSON {type, message}. */
const MESSAGE_NOTICE = 100;
/** The server closes a removed member's sockets with this code; y-websocket then stops retrying. */
const CLOSE_ACCESS_REVOKED = 4403;
/** A change the server's write check refused: nothing after it can be applied, so start afresh. */
const CLOSE_REFUSED = 4409;
/** Show the local copy when the server has not answered within this time. */
const OFFLINE_READY_AFTER_MS = 4000;

export type ConnectionStatus = "connecting" | "connected" | "disconnected";

export interface CollabState {
  status: ConnectionStatus;
  /** The server said (or the role says) this page cannot change the document. */
  readOnly: boolean;
  /** Synced with the server at least once on this page. */
  serverSynced: boolean;
  /** In sync with the server right now. */
  synced: boolean;
  /** The connection was lost and is not back yet (retrying in the background). */
  lost: boolean;
  /** The browser says it is offline (its offline/online events, followed at once). */
  offline: boolean;
  /** Content can be shown: synced with the server, or a local copy is loaded and the server is not reachable. */
  ready: boolean;
  /** The server ended the connection for good (4403 = access removed; other 44xx codes). */
  closed: { code: number; reason: string } | null;
  /** Latest other notice from the server (e.g. a refused change), in Dutch. */
  notice?: string;
}

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  awareness: Awareness;
  /** Transaction origin of this page's own edits: the undo manager tracks exactly this. */
  origin: object;
  undoManager: Y.UndoManager;
}

export interface CollabOptions {
  investigationId: string;
  userId: string;
  canWrite: boolean;
  presence: { name: string; color: string };
}

declare global {
  interface Window {
    /** Test hook, only with ?test=1 (the server enforces every permission anyway). */
    __ketenlijn?: { doc: Y.Doc; provider: WebsocketProvider; origin: object; persistence: IndexeddbPersistence | null };
  }
}

export function useCollabDoc({ investigationId, userId, canWrite, presence }: CollabOptions): {
  session: CollabSession | null;
  state: CollabState;
  dismissNotice: () => void;
} {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [state, setState] = useState<CollabState>({
    status: "connecting",
    readOnly: !canWrite,
    serverSynced: false,
    synced: false,
    lost: false,
    offline: false,
    ready: false,
    closed: null,
  });

  useEffect(() => {
    const doc = new Y.Doc();
    const origin = { source: "ketenlijn-tijdlijn", page: Math.random().toString(36).slice(2) };
    const patch = (p: Partial<CollabState>) => setState((s) => ({ ...s, ...p }));
    const startsOffline = navigator.onLine === false;
    setState({
      status: startsOffline ? "disconnected" : "connecting",
      readOnly: !canWrite,
      serverSynced: false,
      synced: false,
      lost: startsOffline,
      offline: startsOffline,
      ready: false,
      closed: null,
    });

    // Local copy per user and investigation: never replay one user's unsent edits under another's
    // session on a shared computer. A read-only member makes no edits, so keeps no copy.
    let persistence: IndexeddbPersistence | null = null;
    if (canWrite) {
      try {
        persistence = new IndexeddbPersistence(`ketenlijn:${userId}:${investigationId}`, doc);
        persistence.whenSynced.catch(() => {});
      } catch {
        // No IndexedDB (a locked-down browser): live editing still works, only without a local copy.
        persistence = null;
      }
    }

    const wsOrigin = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}`;
    const provider = new WebsocketProvider(`${wsOrigin}/collab`, investigationId, doc, {
      // Tabs sync through the server, which checks permissions, not around it.
      disableBc: true,
      maxBackoffTime: 2500,
    });
    provider.messageHandlers[MESSAGE_NOTICE] = (_encoder, decoder) => {
      try {
        const notice = JSON.parse(decoding.readVarString(decoder)) as { type?: unknown; message?: unknown };
        if (notice.type === "read-only") patch({ readOnly: true });
        else if (typeof notice.message === "string") patch({ notice: notice.message.slice(0, 500) });
      } catch {
        // An unreadable notice is ignored; the server still enforces what it says.
      }
    };
    provider.on("status", ({ status }) => {
      if (status === "connected") patch({ status, lost: false });
      else if (status === "disconnected") patch({ status, lost: true, synced: false });
      else patch({ status });
    });
    provider.on("sync", (synced: boolean) => {
      patch(synced ? { synced, serverSynced: true, ready: true } : { synced });
    });
    provider.on("connection-close", (event) => {
      if (event?.code === CLOSE_ACCESS_REVOKED) patch({ closed: { code: event.code, reason: event.reason } });
    });
    let closedForGood = false;
    provider.on("closed", (event) => {
      closedForGood = true;
      patch({ closed: { code: event.code, reason: event.reason }, status: "disconnected" });
      // No access any more: do not keep the investigation's content in this browser. A refused
      // change: the local copy holds it (and what followed), so it must go before loading afresh.
      if (event.code === CLOSE_ACCESS_REVOKED || event.code === CLOSE_REFUSED) void persistence?.clearData();
    });

    let hasLocalCopy = false;
    persistence?.on("synced", () => {
      const maps = getTimelineMaps(doc);
      hasLocalCopy = maps.events.size + maps.parties.size + maps.periods.size > 0;
      if (hasLocalCopy && provider.wsconnected === false && !provider.wsconnecting) patch({ ready: true });
    });
    const offlineTimer = window.setTimeout(() => patch({ ready: true }), OFFLINE_READY_AFTER_MS);
    provider.on("status", ({ status }) => {
      if (status === "disconnected" && hasLocalCopy) patch({ ready: true });
    });

    provider.awareness.setLocalStateField("user", { id: userId, name: presence.name, color: presence.color });
    provider.awareness.setLocalStateField("editing", null);

    // The browser knows at once when the network is gone; a websocket may take half a minute to
    // notice. Follow the browser: say so now, stop the socket, and reconnect when it is back.
    const onOffline = () => {
      patch({ offline: true, status: "disconnected", lost: true, synced: false });
      if (hasLocalCopy) patch({ ready: true });
      provider.disconnect();
    };
    const onOnline = () => {
      patch({ offline: false });
      if (!closedForGood) provider.connect();
    };
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);

    const maps = getTimelineMaps(doc);
    const undoManager = new Y.UndoManager([maps.parties, maps.periods, maps.events], {
      trackedOrigins: new Set([origin]),
      captureTimeout: 0,
    });

    if (new URLSearchParams(location.search).get("test") === "1") {
      window.__ketenlijn = { doc, provider, origin, persistence };
    }
    setSession({ doc, provider, awareness: provider.awareness, origin, undoManager });

    return () => {
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      window.clearTimeout(offlineTimer);
      if (window.__ketenlijn?.doc === doc) delete window.__ketenlijn;
      undoManager.destroy();
      provider.destroy();
      void persistence?.destroy();
      doc.destroy();
      setSession(null);
    };
    // presence is set here once; later changes are applied by the effect below.
  }, [investigationId, userId, canWrite]);

  useEffect(() => {
    session?.awareness.setLocalStateField("user", { id: userId, name: presence.name, color: presence.color });
  }, [session, userId, presence.name, presence.color]);

  const dismissNotice = useCallback(() => setState((s) => ({ ...s, notice: undefined })), []);
  return { session, state, dismissNotice };
}
