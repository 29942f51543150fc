import { spawnSync } from "node:child_process";
import path from "node:path";
import { loadConfig, mailBaseUrl } from "./config.ts";
import { hasBuild, startApp } from "./app.ts";
import { demoLoginsText, isEmpty, seedDemo } from "../db/seed.ts";
import { seedDemoLoket } from "../db/seed-loket.ts";

// Process entry: `npm start` (production build, built first when missing) or `npm run dev`.
async function main() {
  const config = loadConfig();
  // The demo (embedded database, no SMTP) shows its mail at /dev/outbox unless told otherwise;
  // any other setup needs KETENLIJN_DEV_OUTBOX=1.
  if (!config.databaseUrl && !config.smtpUrl && process.env.KETENLIJN_DEV_OUTBOX === undefined) config.devOutbox = true;
  if (!config.publicUrl && !config.host)
    console.warn(
      `Let op: PUBLIC_URL is niet ingesteld; links in e-mail gaan naar ${mailBaseUrl(config, config.port)}. Stel PUBLIC_URL in op het adres waarop gebruikers Ketenlijn openen.`,
    );
  if (!config.development && !hasBuild()) {
    console.log("Nog geen build gevonden: Ketenlijn wordt eerst gebouwd (eenmalig, ongeveer een halve minuut)…");
    const result = spawnSync("npx", ["react-router", "build"], { stdio: "inherit", cwd: path.resolve(import.meta.dirname, "..") });
    if (result.status !== 0) {
      console.error("De build is mislukt; zie de meldingen hierboven.");
      process.exit(1);
    }
  }
  const running = await startApp(config);
  // Without its database thread the server can only answer errors: stop, so a supervisor restarts it.
  void running.database.failed?.then((err) => {
    console.error("De ingebouwde database is gestopt:", err.message);
    process.exit(1);
  });
  const baseUrl = running.baseUrl;
  if (!config.databaseUrl && (await isEmpty(running.ctx))) await seedDemoLoket(running.ctx, (await seedDemo(running.ctx)).investigationId);
  console.log(`\nKetenlijn draait op ${baseUrl} (database: ${running.database.kind === "pglite" ? `ingebouwd, ${path.resolve(config.dataDir)}` : "PostgreSQL"})`);
  if (config.devOutbox) console.log(`Uitgaande e-mail: ${baseUrl}/dev/outbox`);
  if (!config.databaseUrl) console.log(demoLoginsText(baseUrl));
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => {
  console.error("Ketenlijn kon niet starten:", err instanceof Error ? err.message : err);
  process.exit(1);
});
