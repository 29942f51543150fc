import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

/**
 * The y-websocket wire protocol (what the stock WebsocketProvider speaks) plus one message of our
 * own. Documented in docs/collab-protocol.md.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/** Ketenlijn notice: varString holding JSON `{type, message}` (see docs/collab-protocol.md). */
export const MESSAGE_NOTICE = 100;

export const READ_ONLY_NOTICE = { type: "read-only", message: "U kunt deze werkruimte alleen lezen." } as const;

/**
 * Close codes. 4400–4499 tell the stock y-websocket client not to reconnect (a deliberate
 * decision); everything else makes it retry with backoff.
 */
export const CLOSE = {
  tooBig: 1009,
  internalError: 1011,
  restart: 1012,
  policy: 4008,
  rateLimited: 4029,
  malformed: 4400,
  accessRevoked: 4403,
  /** An update the write check refused: the client must drop its local copy and load afresh. */
  refused: 4409,
  persistFailed: 4500,
} as const;

// Close reasons must stay under 123 bytes (UTF-8).
export const REASON = {
  messageTooBig: "Bericht te groot; de verbinding is verbroken.",
  documentTooBig: "Het document is te groot geworden; deze wijziging is niet opgeslagen.",
  awarenessRate: "Te veel aanwezigheidsberichten; de verbinding is verbroken.",
  tooManyPending: "Te veel berichten tegelijk; de verbinding is verbroken.",
  slowPeer: "De verbinding is te traag; probeer het opnieuw.",
  awarenessTooBig: "Te veel aanwezigheidsgegevens in één bericht; de verbinding is verbroken.",
  awarenessNotOwn: "Te veel aanwezigheden voor één verbinding; de verbinding is verbroken.",
  malformed: "Ongeldig bericht ontvangen; de verbinding is verbroken.",
  refused: "Deze wijziging mag u niet doen; de pagina wordt opnieuw geladen.",
  accessRevoked: "Uw toegang tot dit onderzoek is gewijzigd; laad de pagina opnieuw.",
  persistFailed: "Uw wijziging kon niet worden opgeslagen; de verbinding wordt hersteld.",
  roomReset: "Opslaan mislukte; de verbinding wordt hersteld.",
  loadFailed: "Het document kon niet worden geladen; probeer het opnieuw.",
  restart: "De server wordt herstart; de verbinding wordt hersteld.",
  noPong: "Geen antwoord van de verbinding.",
} as const;

/** A malformed or hostile client message: the socket closes, nothing is shown, so not a UserError (ADR 0026). */
export class ProtocolError extends Error {}

export type ClientMessage =
  | { type: "sync-step-1"; stateVector: Uint8Array }
  /** Sync step 2 and update: both carry a Yjs update and change the document. */
  | { type: "update"; update: Uint8Array }
  | { type: "awareness"; update: Uint8Array }
  | { type: "query-awareness" };

/**
 * Decodes one client message completely, including the Yjs payload, so that nothing malformed
 * reaches the shared document. Throws ProtocolError (or lib0/Yjs errors) on bad bytes.
 */
export function parseClientMessage(bytes: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(bytes);
  const messageType = decoding.readVarUint(decoder);
  switch (messageType) {
    case MESSAGE_SYNC: {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        Y.decodeStateVector(payload); // throws on garbage
        return { type: "sync-step-1", stateVector: payload };
      }
      if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        Y.decodeUpdate(payload); // parses every struct and the delete set: throws on garbage
        return { type: "update", update: payload };
      }
      throw new ProtocolError(`unknown sync message ${syncType}`);
    }
    case MESSAGE_AWARENESS:
      return { type: "awareness", update: decoding.readVarUint8Array(decoder) };
    case MESSAGE_QUERY_AWARENESS:
      return { type: "query-awareness" };
    default:
      throw new ProtocolError(`unknown message type ${messageType}`);
  }
}

/** One entry of an awareness update: y-protocols' encoding is (clientId, clock, state JSON) per entry. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as JSON text; "null" removes the client's presence. */
  state: string;
}

export class TooManyAwarenessEntries extends Error {}

/**
 * Reads the entries of an awareness update, refusing a count over `maxEntries` before reading
 * any of them. Throws on bad framing.
 */
export function decodeAwarenessEntries(update: Uint8Array, maxEntries: number): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > maxEntries) throw new TooManyAwarenessEntries(`${count} entries`);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    entries.push({ clientId, clock, state });
  }
  return entries;
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, e.state);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Whether an entry would change the server's presence state: new, newer than what the server
 * has, or the removal of a state it has (y-protocols' own rule in applyAwarenessUpdate).
 */
export function awarenessEntryChanges(awareness: awarenessProtocol.Awareness, entry: AwarenessEntry): boolean {
  const known = awareness.meta.get(entry.clientId)?.clock ?? 0;
  return known < entry.clock || (known === entry.clock && entry.state === "null" && awareness.states.has(entry.clientId));
}

/**
 * The presence state as peers see it: `user.id`, `user.name` and `user.role` are the logged-in
 * user's, whatever the client wrote (a client could otherwise show as someone else). The client's
 * other user fields (a colour, an editor's cursor data) are kept; a colour only as a short string.
 */
export function stampPresence(stateJson: string, user: { id: string; name: string; role: string }): string {
  const parsed: unknown = JSON.parse(stateJson);
  const state: Record<string, unknown> = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? { ...(parsed as Record<string, unknown>) } : {};
  const given: Record<string, unknown> =
    state.user && typeof state.user === "object" && !Array.isArray(state.user) ? { ...(state.user as Record<string, unknown>) } : {};
  if (given.color !== undefined && !(typeof given.color === "string" && given.color.length <= 32)) delete given.color;
  state.user = { ...given, id: user.id, name: user.name, role: user.role };
  return JSON.stringify(state);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

export function encodeNotice(notice: { type: string; message: string }): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_NOTICE);
  encoding.writeVarString(encoder, JSON.stringify(notice));
  return encoding.toUint8Array(encoder);
}
