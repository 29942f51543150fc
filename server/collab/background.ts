/**
 * Database writes that no peer waits for (projections, who/what summaries, snapshots), run one at
 * a time for all documents. So at most one of them is ever ahead of an update-log commit (which
 * peers do wait for) in the database's queue: PGlite runs one transaction at a time, and twenty
 * documents each starting a projection at once would otherwise hold a commit up for all twenty.
 */
export class BackgroundWrites {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `job` after every job handed in before it; its result (or error) goes to the caller. */
  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.catch(() => {});
    return result;
  }
}
