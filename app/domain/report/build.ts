// Builds the report model (model.ts) from the investigation's Y.Doc and its relational data.
// Pure: same input, same model. Yjs content is untrusted: invalid entries are reported, never thrown.
import type * as Y from "yjs";
import type { Checklist } from "./checklist.ts";
import type { ReportInput } from "./input.ts";
import type { ReportModel } from "./model.ts";

export function buildReport(doc: Y.Doc, input: ReportInput, checklist: Checklist): ReportModel {
  void doc;
  void input;
  void checklist;
  throw new Error("not yet implemented");
}
