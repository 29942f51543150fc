// Shared by the report modules (issue 6): hashing and recognising a unique-index conflict (version
// numbers). Audit rows go through server/audit.ts, refusals are UserErrors (app/domain/errors.ts).
import { createHash } from "node:crypto";

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Whether an error (from postgres.js or PGlite, possibly wrapped by drizzle) is a unique-index violation. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e === "object" && (e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

