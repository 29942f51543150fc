// "Is it stored?" for the stock y-websocket provider, without a protocol change: the server
// handles one connection's messages in order and answers a sync step 1 only after everything
// queued before it is written to the database (docs/collab-protocol.md "Ordering and
// durability"). So a step 2 answering a step 1 we sent after our changes, on the same socket,
// means those changes are stored. A refused change closes the socket instead of answering.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import type { WebsocketProvider } from "y-websocket";

const MESSAGE_SYNC = 0;

type Step2Listener = (ws: WebSocket | null) => void;
const listeners = new WeakMap<WebsocketProvider, Set<Step2Listener>>();

/** Wraps the provider's sync handler once to report each sync step 2 with the socket it came on. */
function step2Listeners(provider: WebsocketProvider): Set<Step2Listener> {
  let set = listeners.get(provider);
  if (set) return set;
  const own = new Set<Step2Listener>();
  set = own;
  listeners.set(provider, own);
  const original = provider.messageHandlers[MESSAGE_SYNC];
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, messageType) => {
    const syncType = decoding.peekVarUint(decoder);
    original(encoder, decoder, p, emitSynced, messageType);
    if (syncType === syncProtocol.messageYjsSyncStep2) for (const l of [...own]) l(p.ws);
  };
  return own;
}

function whenSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced && provider.wsconnected) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (synced: boolean) => {
      if (!synced || !provider.wsconnected) return;
      provider.off("sync", onSync);
      resolve();
    };
    provider.on("sync", onSync);
  });
}

/**
 * Resolves once the server has stored every change this provider's document had when called.
 * Waits through reconnects (the provider re-sends what the server lacks); never rejects.
 */
export async function whenStoredOnServer(provider: WebsocketProvider): Promise<void> {
  const set = step2Listeners(provider);
  for (;;) {
    await whenSynced(provider);
    const ws = provider.ws;
    if (!ws) continue;
    const answered = await new Promise<boolean>((resolve) => {
      const done = (ok: boolean) => {
        set.delete(onStep2);
        provider.off("connection-close", onClose);
        resolve(ok);
      };
      const onStep2: Step2Listener = (from) => {
        if (from === ws) done(true);
      };
      const onClose = () => done(false);
      set.add(onStep2);
      provider.on("connection-close", onClose);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, provider.doc);
      try {
        ws.send(encoding.toUint8Array(encoder));
      } catch {
        done(false);
      }
    });
    if (answered) return;
  }
}
