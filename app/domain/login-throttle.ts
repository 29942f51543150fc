// Login throttling: growing waits instead of a hard lock, so that guessing gets slow while the
// owner of the account (from another address, or after the wait) can always get in.

/** Failures of one account from one address that cost nothing; after that each one doubles the wait. */
export const FREE_FAILURES_PER_ACCOUNT_ADDRESS = 5;
/** Failures from one address over all accounts (spraying one password at many accounts). */
export const FREE_FAILURES_PER_ADDRESS = 20;
export const MAX_WAIT_SECONDS = 3600;
/** Failures older than this are forgotten. */
export const FAILURE_MEMORY_HOURS = 24;

/** Seconds to wait after the last failure, given the number of failures: 0, …, 0, 2, 4, 8, … up to an hour. */
export function waitSeconds(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(2 ** (failures - free + 1), MAX_WAIT_SECONDS);
}

/** "1 seconde", "40 seconden", "1 minuut", "17 minuten" (rounded up: never promise too early). */
export function dutchDuration(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return s === 1 ? "1 seconde" : `${s} seconden`;
  const m = Math.ceil(s / 60);
  return m === 1 ? "1 minuut" : `${m} minuten`;
}

export function tooManyAttemptsMessage(seconds: number): string {
  return `Te veel mislukte pogingen. Wacht ${dutchDuration(seconds)} en probeer het dan opnieuw, of herstel uw wachtwoord.`;
}
