import { WebSocket } from "ws";
import type { Membership } from "../../app/domain/policy.ts";
import { TokenBucket, type CollabLimits } from "./limits.ts";
import { CLOSE, REASON } from "./protocol.ts";

export interface CollabUser {
  id: string;
  name: string;
  /** Role and organisation: what the write check (write-guard.ts) judges updates by. */
  membership: Membership;
}

/** One peer: a websocket of an authenticated member in one investigation document. */
export class Connection {
  /**
   * Awareness client ids bound to this peer (the first ones it announced; see Room.acceptAwareness):
   * only it may change their presence, and they are removed for everyone when it leaves.
   */
  readonly awarenessIds = new Set<number>();
  /**
   * Its sync step 1 that is queued and not yet answered, if no update of it was queued after it.
   * A repeated step 1 only replaces its state vector: each answer is a full step 2, and a peer
   * asking hundreds of times without reading would otherwise pile them up in memory.
   */
  queuedSync: { stateVector: Uint8Array } | null = null;
  /** Messages of this peer waiting in the document queue. */
  pending = 0;
  /** Set when the server closed the peer for a reason: its queued messages are dropped. */
  rejected = false;
  toldReadOnly = false;
  /** Cleared on each ping, set by the pong. */
  alive = true;
  private readonly awarenessBucket: TokenBucket;

  constructor(
    readonly ws: WebSocket,
    readonly user: CollabUser,
    readonly investigationId: string,
    readonly readOnly: boolean,
    private readonly limits: CollabLimits,
    /** Called when the peer is cut off for reading too slowly (counted in the stats). */
    private readonly onSlow: () => void = () => {},
  ) {
    this.awarenessBucket = new TokenBucket(limits.awarenessPerSecond, limits.awarenessBurst);
  }

  get open(): boolean {
    return !this.rejected && this.ws.readyState === WebSocket.OPEN;
  }

  send(bytes: Uint8Array): void {
    if (!this.open) return;
    // A peer that does not read keeps everything we send in memory: cut it off.
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.onSlow();
      this.reject(CLOSE.policy, REASON.slowPeer);
      return;
    }
    this.ws.send(bytes, (err) => {
      if (err) this.ws.terminate();
    });
  }

  /** Counts presence entries, not messages: one message may carry several. */
  takeAwarenessTokens(n: number): boolean {
    return this.awarenessBucket.take(n);
  }

  /** Closes the peer on the server's decision; nothing it sent afterwards is handled. */
  reject(code: number, reason: string): void {
    if (this.rejected) return;
    this.rejected = true;
    this.close(code, reason);
  }

  close(code: number, reason: string): void {
    try {
      if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
  }
}
