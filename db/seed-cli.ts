import { loadConfig } from "../server/config.ts";
import { openDatabase } from "./client.ts";
import { createMailer } from "../server/mail/mailer.ts";
import { systemClock } from "../server/context.ts";
import { demoLoginsText, seedDemo } from "./seed.ts";
import { seedDemoLoket } from "./seed-loket.ts";

// `npm run seed:demo`: adds the demo accounts and investigation to the configured database.
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const ctx = { db: database.db, config, clock: systemClock, mailer: createMailer(database.db, { from: config.mailFrom }), onAccessRevoked: new Set<never>() };
const { investigationId } = await seedDemo(ctx);
await seedDemoLoket(ctx, investigationId);
console.log(`Demo-onderzoek: ${investigationId}`);
console.log(demoLoginsText(config.publicUrl ?? `http://localhost:${config.port}`));
await database.close();
