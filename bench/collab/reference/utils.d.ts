// Types for the vendored reference server (utils.js beside this file): only what the benchmark uses.
import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import type * as Y from "yjs";

export class WSSharedDoc extends Y.Doc {
  name: string;
  conns: Map<object, Set<number>>;
}
export const docs: Map<string, WSSharedDoc>;
export function setContentInitializor(f: (ydoc: Y.Doc) => Promise<void>): void;
export function setupWSConnection(conn: WebSocket, req: IncomingMessage, opts?: { docName?: string; gc?: boolean }): void;
