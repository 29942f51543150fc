// A Hocuspocus client (its own provider, @hocuspocus/provider 3.4, on the same yjs as the other
// clients), shaped like the TestPeer of test/integration/helpers/collab-client.ts so run.ts drives
// both the same way: `provider.awareness`, `wsconnected`, `synced`, and the y-websocket event names
// run.ts listens to ("sync", "connection-close", "connection-error").
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from "@hocuspocus/provider";
import { WebSocket } from "ws";
import * as Y from "yjs";
import type { TestPeer } from "../../test/integration/helpers/collab-client.ts";

export function connectHocuspocusPeer(server: { wsUrl: string }, documentName: string): TestPeer {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: server.wsUrl, WebSocketPolyfill: WebSocket, maxDelay: 200 });
  const provider = new HocuspocusProvider({ name: documentName, document: doc, websocketProvider: socket });
  provider.attach(); // a websocket of its own, passed in: the provider must be attached to it
  const closes: TestPeer["closes"] = [];
  const shim = {
    awareness: provider.awareness!,
    get wsconnected() {
      return socket.status === WebSocketStatus.Connected;
    },
    get synced() {
      return provider.isSynced;
    },
    on(event: string, listener: (...args: never[]) => void) {
      const cb = listener as (...args: unknown[]) => void;
      if (event === "sync") provider.on("synced", ({ state }: { state: boolean }) => cb(state));
      else if (event === "connection-close")
        provider.on("close", ({ event: e }: { event: { code: number; reason: string } }) => {
          closes.push({ code: e.code, reason: e.reason });
          cb({ code: e.code, reason: e.reason });
        });
      else if (event === "connection-error") provider.on("authenticationFailed", () => cb());
    },
  };
  return {
    doc,
    provider: shim as unknown as TestPeer["provider"],
    notices: [],
    closes,
    destroy() {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
}
