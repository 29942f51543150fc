// A refused user action. The message is a Dutch sentence meant to be shown as-is; `code` lets
// callers (and tests) branch without parsing text.
export class DomainError extends Error {
  readonly code: string;

  constructor(message: string, code = "domain") {
    super(message);
    this.name = "DomainError";
    this.code = code;
  }
}
