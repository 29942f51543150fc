// Moved to test/support/collab-server-process.ts; this path keeps older tests working.
import "../../support/collab-server-process.ts";
