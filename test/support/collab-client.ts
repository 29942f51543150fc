import { randomBytes } from "node:crypto";
import net from "node:net";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/** Polls until `check` is truthy (or resolves truthy); no fixed sleeps in tests. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 15_000, intervalMs = 15): Promise<T> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > until) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ""}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A ws WebSocket class that sends a session cookie and an Origin, as a browser would. */
export function webSocketWith(headers: { cookie?: string; origin?: string | null }) {
  const h: Record<string, string> = {};
  if (headers.cookie) h.cookie = headers.cookie;
  if (headers.origin) h.origin = headers.origin;
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: h });
    }
  };
}

export interface TestPeer {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Ketenlijn notices (message type 100) received. */
  notices: { type: string; message: string }[];
  closes: { code: number; reason: string }[];
  destroy(): void;
}

/** A real y-websocket client as a browser tab would run it (no BroadcastChannel shortcut). */
export function connectPeer(
  server: { wsUrl: string; origin: string },
  investigationId: string,
  user: { cookie: string } | null,
  opts: { origin?: string | null; doc?: Y.Doc } = {},
): TestPeer {
  const doc = opts.doc ?? new Y.Doc();
  const notices: TestPeer["notices"] = [];
  const closes: TestPeer["closes"] = [];
  const provider = new WebsocketProvider(server.wsUrl, investigationId, doc, {
    WebSocketPolyfill: webSocketWith({ cookie: user?.cookie, origin: opts.origin === undefined ? server.origin : opts.origin }) as never,
    // Node has BroadcastChannel: without this, peers in one test process would sync around the server.
    disableBc: true,
    maxBackoffTime: 200,
  });
  provider.messageHandlers[100] = (_encoder, decoder) => {
    notices.push(JSON.parse(decoding.readVarString(decoder)));
  };
  provider.on("connection-close", (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    notices,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function synced(peer: TestPeer, what = "peer synced"): Promise<void> {
  await waitFor(() => peer.provider.synced, what);
}

export interface RawPeer {
  ws: WebSocket;
  received: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

/** A bare websocket to /collab/<id>: for forged or broken messages no real client would send. */
export function rawPeer(server: { wsUrl: string; origin: string }, investigationId: string, cookie: string): RawPeer {
  const ws = new WebSocket(`${server.wsUrl}/${investigationId}`, { headers: { cookie, origin: server.origin } });
  const received: Uint8Array[] = [];
  ws.on("message", (data) => received.push(new Uint8Array(data as Buffer)));
  ws.on("error", () => {});
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString("utf8") })),
  );
  return { ws, received, opened, closed };
}

/** Encodes a sync message (0 = step 1, 1 = step 2, 2 = update) as y-websocket frames it. */
export function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, syncType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/**
 * A websocket upgrade over a plain TCP socket, returning every byte the server sent back. Lets a
 * test prove a refusal carried nothing but the HTTP answer.
 */
export async function rawUpgrade(
  port: number,
  pathname: string,
  headers: Record<string, string | undefined>,
): Promise<{ status: number; raw: string }> {
  const socket = net.connect(port, "127.0.0.1");
  const chunks: Buffer[] = [];
  socket.on("data", (d) => chunks.push(d));
  const lines = [
    `GET ${pathname} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    "Upgrade: websocket",
    "Connection: Upgrade",
    `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
    "Sec-WebSocket-Version: 13",
    ...Object.entries(headers)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${v}`),
  ];
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("error", reject);
  });
  socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  await new Promise<void>((resolve) => {
    // A refusal is read to the end (the server closes); an accepted upgrade is cut after its head.
    socket.on("data", () => {
      if (/^HTTP\/1\.1 101 [^]*\r\n\r\n/.test(Buffer.concat(chunks).toString("latin1"))) {
        socket.destroy();
        resolve();
      }
    });
    socket.once("close", () => resolve());
    socket.once("error", () => resolve());
    setTimeout(() => {
      socket.destroy();
      resolve();
    }, 5000).unref();
  });
  const raw = Buffer.concat(chunks).toString("latin1");
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
  return { status, raw };
}

// ------------------------------------------------------------------ document content

/** Adds a party (timeline lane) the way the timeline model stores it. */
export function addParty(doc: Y.Doc, id: string, name: string, order = 0): void {
  doc.transact(() => {
    const party = new Y.Map<unknown>();
    party.set("name", name);
    party.set("domain", "Gezondheid");
    party.set("order", order);
    doc.getMap("parties").set(id, party);
  });
}

/** Adds a valid event on a party's lane; `fields` overrides any field. */
export function addEvent(doc: Y.Doc, id: string, partyId: string, fields: Record<string, unknown> = {}): void {
  doc.transact(() => {
    const event = new Y.Map<unknown>();
    const now = new Date().toISOString();
    const values: Record<string, unknown> = {
      title: `Gebeurtenis ${id.slice(0, 8)}`,
      party: partyId,
      start: "2014-03-12",
      kind: "contact",
      flags: { signaal: false, kritiekMoment: false, overdracht: false, opschaling: false },
      status: "concept",
      createdBy: "test",
      createdAt: now,
      updatedBy: "test",
      updatedAt: now,
      ...fields,
    };
    for (const [k, v] of Object.entries(values)) event.set(k, v);
    doc.getMap("events").set(id, event);
  });
}

export function eventTitles(doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, ev] of doc.getMap("events").entries()) out[id] = ev instanceof Y.Map ? ev.get("title") : ev;
  return out;
}

/** The document as JSON with sorted keys: map key order differs between replicas. */
export function canonical(doc: Y.Doc): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v !== null && typeof v === "object"
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]))
        : v;
  const json: Record<string, unknown> = {};
  for (const name of ["parties", "periods", "events"]) json[name] = doc.getMap(name).toJSON();
  return JSON.stringify(sort(json));
}
