// What the analysis sections share: the document, the edit context of this page, whether the
// user may edit, and one way to run an edit that turns a refused action into a Dutch message.
import type * as Y from "yjs";
import type { EditContext } from "~/domain/analysis/index.ts";

export interface AnalysisApi {
  readonly doc: Y.Doc;
  readonly ctx: EditContext;
  readonly investigationId: string;
  /** procesbegeleider / onderzoeker, and the server has not said read-only. */
  readonly canEdit: boolean;
  /** Runs one edit; a UserError (or any error) becomes a message instead of a crash. */
  run<T>(fn: (doc: Y.Doc, ctx: EditContext) => T, success?: string): T | undefined;
  /** Polite screen-reader announcement (and visible status line). */
  announce(message: string): void;
  /** Awareness: what this person is working on ("node:<id>", "measure:<id>") or null. */
  setEditing(key: string | null): void;
  /** Brings a node into view in the tree and focuses it. */
  focusNode(id: string): void;
  /** Link to an event on the Tijdlijn page. */
  eventHref(eventId: string): string;
}

export function isTextInput(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA") return true;
  if (tag === "SELECT") return true;
  if (tag === "INPUT") {
    const type = (target as HTMLInputElement).type;
    return !["checkbox", "radio", "button", "submit", "reset"].includes(type);
  }
  return false;
}
