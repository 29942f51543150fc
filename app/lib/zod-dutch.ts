import { z } from "zod";

/**
 * zod's own messages are English ("Invalid input: expected string"), and they reach users
 * wherever a schema has no message of its own. This makes every default message plain Dutch,
 * process-wide (zod keeps its config on globalThis, shared by the server code and the app).
 * Schemas with explicit messages (app/domain/forms.ts) keep theirs.
 */
export function dutchZodMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "Dit veld ontbreekt." : "Dit veld heeft een ongeldige waarde.";
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "Vul dit veld in." : `Vul minstens ${issue.minimum} tekens in.`;
      return `Te weinig: minstens ${issue.minimum}.`;
    case "too_big":
      if (issue.origin === "string") return `Hooguit ${issue.maximum} tekens.`;
      return `Te veel: hooguit ${issue.maximum}.`;
    case "invalid_format":
      return issue.format === "email" ? "Vul een geldig e-mailadres in." : "Dit veld heeft een ongeldige vorm.";
    case "invalid_value":
      return "Kies een geldige waarde.";
    default:
      return "Ongeldige invoer.";
  }
}

z.config({ customError: (issue) => dutchZodMessage(issue as z.core.$ZodRawIssue), localeError: z.locales.nl().localeError });
