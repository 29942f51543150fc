import { bigserial, boolean, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(), // stored lower-cased
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  // Account-level right to start a new leeronderzoek (procesbegeleiders).
  canCreateInvestigations: boolean("can_create_investigations").notNull().default(false),
  // Account-level right of the incidentenloket's staff (issue 10, ADR 0018).
  isLoket: boolean("is_loket").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  // Optional second factor (TOTP, RFC 6238). The secret is needed in the clear to compute codes.
  // A pending secret is one shown for enrolment but not yet confirmed with a code.
  totpSecret: text("totp_secret"),
  totpPendingSecret: text("totp_pending_secret"),
  totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
  // The last time step a code was accepted for: a code cannot be used twice.
  totpLastStep: integer("totp_last_step"),
});

/** Single-use codes for when the authenticator is lost; sha256 of random codes (high entropy). */
export const recoveryCodes = pgTable("recovery_codes", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  codeHash: text("code_hash").notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/** A correct password for an account with a second factor: waits for the code, briefly. */
export const loginChallenges = pgTable("login_challenges", {
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  failures: integer("failures").notNull().default(0),
});

export const sessions = pgTable("sessions", {
  // sha256 of the cookie token: a database leak does not hand out live sessions.
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

export const passwordResets = pgTable("password_resets", {
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});
