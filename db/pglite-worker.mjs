// The embedded PGlite database in a thread of its own (db/pglite-thread.ts is the other side).
// Plain JavaScript so it loads the same under node, tsx and vitest.
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

// loadDataDir (tests only): an in-memory database that starts from a dump instead of initdb.
const pg = workerData.dataDir
  ? new PGlite(workerData.dataDir)
  : workerData.loadDataDir
    ? new PGlite({ loadDataDir: new Blob([readFileSync(workerData.loadDataDir)]) })
    : new PGlite();
/** Open transactions by id: their PGlite transaction object and how to end them. */
const transactions = new Map();
let nextTx = 1;
const ROLLBACK = new Error("rollback");

// PGlite parses values with functions, which cannot cross threads: the caller names the types it
// wants as the raw text instead (drizzle does so for dates, timestamps and intervals).
const identity = (value) => value;
function options({ rowMode, rawTypes }) {
  return { rowMode, parsers: Object.fromEntries((rawTypes ?? []).map((oid) => [oid, identity])) };
}

/** Errors cross as plain objects with their own fields (PostgreSQL's code, detail, constraint …). */
function plainError(err) {
  if (!(err instanceof Error)) return { message: String(err) };
  const fields = {};
  for (const [key, value] of Object.entries(err)) if (value === null || typeof value !== "object") fields[key] = value;
  return { ...fields, name: err.name, message: err.message };
}

function target(tx) {
  if (!tx) return pg;
  const open = transactions.get(tx);
  if (!open) throw new Error(`Transactie ${tx} is niet open.`);
  return open.tx;
}

async function handle(msg) {
  switch (msg.op) {
    case "query":
      return target(msg.tx).query(msg.text, msg.params, options(msg));
    case "exec":
      return target(msg.tx).exec(msg.text);
    case "begin": {
      // Answers as soon as the transaction is open; it stays open until "end".
      const id = nextTx++;
      const entry = {};
      let opened;
      const isOpen = new Promise((resolve) => (opened = resolve));
      entry.done = pg
        .transaction(
          (tx) =>
            new Promise((commit, rollback) => {
              Object.assign(entry, { tx, commit, rollback });
              transactions.set(id, entry);
              opened();
            }),
        )
        .finally(() => transactions.delete(id));
      entry.done.catch(() => {}); // awaited by "end"; this only keeps an abandoned one quiet
      await Promise.race([isOpen, entry.done]); // BEGIN itself may fail
      return id;
    }
    case "end": {
      const entry = transactions.get(msg.tx);
      if (!entry) throw new Error(`Transactie ${msg.tx} is niet open.`);
      if (msg.commit) {
        entry.commit();
        await entry.done;
      } else {
        entry.rollback(ROLLBACK);
        await entry.done.catch((err) => {
          if (err !== ROLLBACK) throw err;
        });
      }
      return null;
    }
    case "close":
      return pg.close();
    default:
      throw new Error(`Onbekende opdracht ${msg.op}`);
  }
}

parentPort.on("message", (msg) => {
  handle(msg).then(
    (result) => parentPort.postMessage({ id: msg.id, ok: true, result }),
    (err) => parentPort.postMessage({ id: msg.id, ok: false, error: plainError(err) }),
  );
});

pg.waitReady.then(
  () => parentPort.postMessage({ ready: true }),
  (err) => parentPort.postMessage({ ready: false, error: plainError(err) }),
);
