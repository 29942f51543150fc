// A collaboration server in its own process, so a test can kill -9 it.
// Run: node --import tsx test/support/collab-server-process.ts
// Env: COLLAB_DATA_DIR (PGlite folder) or COLLAB_DATABASE_URL (PostgreSQL), COLLAB_PORT (0 = any),
//      COLLAB_COMPACT_AFTER (log rows before a snapshot; set, the snapshot is written as soon as it
//      is due, while edits go on, instead of in a lull). Prints "READY <port>" when listening.
import { openDatabase } from "../../db/client.ts";
import { startCollabServer } from "./collab.ts";

const database = await openDatabase({
  databaseUrl: process.env.COLLAB_DATABASE_URL || undefined,
  dataDir: process.env.COLLAB_DATA_DIR ?? "memory://",
});
const srv = await startCollabServer({
  database,
  port: Number(process.env.COLLAB_PORT ?? 0),
  closeDatabase: true,
  limits: process.env.COLLAB_COMPACT_AFTER ? { compactAfterRows: Number(process.env.COLLAB_COMPACT_AFTER), compactIdleMs: 0 } : {},
});
process.stdout.write(`READY ${srv.port}\n`);

const stop = async () => {
  await srv.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
