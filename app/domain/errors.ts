// The one class for errors whose message is meant for the user (issue 14, ADR 0026): a refused
// action, a form field that needs fixing, a thing that is gone. Domain code (in the browser and on
// the server) and server modules throw it; routes and socket handlers turn it into their response
// with formErrors() and `status`, so the mapping is the same everywhere. Errors that are not for
// the user (a broken protocol message, a bug) stay plain Errors and never show their text.

export interface UserErrorOptions {
  /** HTTP status when a route answers with this error; 409 (refused by a rule or the current state) unless said. */
  status?: number;
  /** The form field the message belongs to; without it the message is about the whole form. */
  field?: string;
  /** Each separate problem, when the message sums up several; defaults to the message alone. */
  details?: readonly string[];
}

/**
 * `new UserError(message, code, { status, field, details })`: `message` is one Dutch sentence shown
 * as-is; `code` is a short English word that callers and tests branch on without parsing text.
 */
export class UserError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;
  readonly details: readonly string[];

  constructor(message: string, code: string, options: UserErrorOptions = {}) {
    super(message);
    this.name = "UserError";
    this.code = code;
    this.status = options.status ?? 409;
    this.field = options.field;
    this.details = options.details ?? [message];
  }
}

/**
 * The form errors a route returns for a UserError: the message under its field, or under `_form`
 * when it has none. `alsoForm` repeats it under `_form` for forms that show every refusal at the top.
 */
export function formErrors(err: UserError, options: { alsoForm?: boolean } = {}): Record<string, string> {
  return { ...(options.alsoForm ? { _form: err.message } : {}), [err.field ?? "_form"]: err.message };
}

/** The message to show for any error: a UserError's own sentence, otherwise the fallback (never a stack trace). */
export function userMessage(err: unknown, fallback: string): string {
  return err instanceof UserError ? err.message : fallback;
}
