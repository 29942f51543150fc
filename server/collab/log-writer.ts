import type { Database } from "../../db/client.ts";
import { appendLogBatches, type LogBatch, type LogRow } from "./persistence.ts";

interface Waiting extends LogBatch {
  resolve: (lastUpdateId: number) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit of the update log: the batches that documents hand in during one event-loop turn
 * are written in one transaction (appendLogBatches), and while that transaction runs the next
 * group collects. Each document still broadcasts a batch only after the promise for it resolved,
 * i.e. after its commit (log before broadcast).
 *
 * A transaction that fails takes only the guilty document down: a failed group is retried one
 * document at a time, so the others' batches are still written.
 */
export class LogWriter {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private writing = false;
  /** Transactions written (a group counts once). */
  commits = 0;

  /** `notifyAs`: this instance's id when other instances share the database (ADR 0014). */
  constructor(
    private readonly db: Database,
    private readonly notifyAs?: string,
  ) {}

  /** Resolves with the id of the batch's last log row once it is committed. */
  append(investigationId: string, rows: LogRow[]): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ investigationId, rows, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    // After the I/O of this turn: every message read in it has had its chance to join the group.
    setImmediate(() => void this.writeGroup());
  }

  private async writeGroup() {
    this.scheduled = false;
    this.writing = true;
    const group = this.waiting.splice(0);
    try {
      await this.write(group);
    } finally {
      this.writing = false;
      if (this.waiting.length > 0) this.schedule();
    }
  }

  private async write(group: Waiting[]) {
    try {
      const last = await appendLogBatches(this.db, group, { notifyAs: this.notifyAs });
      this.commits++;
      for (const w of group) w.resolve(last.get(w.investigationId.toLowerCase())!);
    } catch (err) {
      if (group.length === 1) {
        group[0].reject(err);
        return;
      }
      for (const w of group) await this.write([w]);
    }
  }
}
