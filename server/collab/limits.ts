/**
 * Every limit and timing of the collaboration server, in one place. attachCollab takes overrides
 * (tests use small ones); production uses these defaults.
 */
export interface CollabLimits {
  /** Largest incoming websocket message we handle; a bigger one closes the peer (1009). */
  maxMessageBytes: number;
  /** Largest encoded document state; an update that would grow past it closes its sender (1009). */
  maxDocumentBytes: number;
  /** Awareness (presence) messages per second per connection, sustained… */
  awarenessPerSecond: number;
  /** …and the burst allowed on top (a token bucket of this size). */
  awarenessBurst: number;
  /** Awareness client ids one connection may own (a tab has one; a few more for reconnects). */
  maxAwarenessIdsPerConnection: number;
  /** Entries in one awareness message; more closes the sender (4008). Above what the server itself holds. */
  maxAwarenessEntriesPerMessage: number;
  /** Bytes of one awareness message; more closes the sender (4008). */
  maxAwarenessBytes: number;
  /** Bytes of one presence state (its JSON); more closes the sender (4008). */
  maxAwarenessStateBytes: number;
  /** Open websockets of one user, over all documents; more are refused at the upgrade (429). */
  maxConnectionsPerUser: number;
  /** Open websockets of one document; more are refused at the upgrade (503). */
  maxConnectionsPerInvestigation: number;
  /** Messages of one connection waiting in its document's queue; more closes it (4008). */
  maxPendingMessagesPerConnection: number;
  /** Bytes queued for sending to one slow peer before we give up on it (4008). */
  maxBufferedBytes: number;
  /** Log rows since the last snapshot after which the document is compacted, once it is quiet… */
  compactAfterRows: number;
  /**
   * …for this long (no new batch). A snapshot write holds PGlite (one statement at a time) for
   * tens of milliseconds on a large document: in a lull nobody's edit waits for it. 0: at once.
   */
  compactIdleMs: number;
  /** Log rows after which the document is compacted at once, quiet or not (bounds the log a load reads). */
  compactBusyAfterRows: number;
  /** Delay between a persisted batch and the projection of events (and its who/what summary) into PostgreSQL. */
  projectionDebounceMs: number;
  /** How long a document stays loaded after its last peer left (a page reload reuses it). */
  unloadDelayMs: number;
  /** Interval of websocket pings; a peer that missed one pong is dropped. */
  pingIntervalMs: number;
}

export const DEFAULT_LIMITS: CollabLimits = {
  maxMessageBytes: 1024 * 1024,
  maxDocumentBytes: 20 * 1024 * 1024,
  awarenessPerSecond: 20,
  awarenessBurst: 40,
  maxAwarenessIdsPerConnection: 4,
  maxAwarenessEntriesPerMessage: 400,
  maxAwarenessBytes: 256 * 1024,
  maxAwarenessStateBytes: 2048,
  maxConnectionsPerUser: 20,
  maxConnectionsPerInvestigation: 100,
  maxPendingMessagesPerConnection: 2000,
  // Checked before each send, so one full document (up to maxDocumentBytes) always goes out.
  maxBufferedBytes: 8 * 1024 * 1024,
  compactAfterRows: 500,
  compactIdleMs: 1000,
  compactBusyAfterRows: 2000,
  projectionDebounceMs: 500,
  unloadDelayMs: 1000,
  pingIntervalMs: 30_000,
};

export function resolveLimits(overrides: Partial<CollabLimits> = {}): CollabLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

/**
 * The ws library drops frames above this before they are buffered, with a bare 1009 (no reason).
 * It sits above maxMessageBytes so a message just over our limit still gets the Dutch reason,
 * while a huge one never reaches memory.
 */
export function hardPayloadCap(limits: CollabLimits): number {
  return limits.maxMessageBytes * 2 + 1024;
}

/** A token bucket: `take()` is false when the caller is over its rate. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }
  take(n = 1): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}
