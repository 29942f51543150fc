// Analysis settings in the top-level `analysis` map: the chosen method (Bijlage 1 item 4g), a
// free description (needed for "other"), and manual check marks for steps the model cannot
// judge itself. Marks are flat keys ("step:<method>:<step>") rather than a nested map, because
// two peers lazily creating the same nested map would lose one peer's marks.
import type * as Y from "yjs";
import { z } from "zod";
import { methodCatalog, type MethodCatalog } from "./catalog.ts";
import { analysisMap, isoDateTime, nowIso, transact, type EditContext, type FieldIssue } from "./doc.ts";
import { UserError } from "../errors.ts";

export interface StepMark {
  readonly done: boolean;
  readonly by: string | null;
  readonly at: string | null;
}

export interface AnalysisSettings {
  /** A method id from the catalog, or null when none (or an unknown one) is set. */
  readonly method: string | null;
  readonly methodNote: string;
  /** Key `${method}:${step}`. */
  readonly marks: ReadonlyMap<string, StepMark>;
  readonly issues: readonly FieldIssue[];
}

const markSchema = z.object({
  done: z.boolean(),
  by: z.string().nullable().catch(null),
  at: isoDateTime.nullable().catch(null),
});

const STEP_PREFIX = "step:";

export function readAnalysisSettings(doc: Y.Doc, catalog: MethodCatalog = methodCatalog): AnalysisSettings {
  const map = analysisMap(doc);
  const issues: FieldIssue[] = [];
  const rawMethod = map.get("method");
  let method: string | null = null;
  if (typeof rawMethod === "string" && catalog.byId.has(rawMethod)) method = rawMethod;
  else if (rawMethod !== undefined && rawMethod !== null) {
    issues.push({ field: "method", message: "De opgeslagen analysemethode is onbekend; kies opnieuw een methode." });
  }
  const rawNote = map.get("methodNote");
  const methodNote = typeof rawNote === "string" ? rawNote : "";
  const marks = new Map<string, StepMark>();
  for (const [key, value] of map.entries()) {
    if (!key.startsWith(STEP_PREFIX)) continue;
    const parsed = markSchema.safeParse(value);
    if (parsed.success) marks.set(key.slice(STEP_PREFIX.length), parsed.data);
    else issues.push({ field: key, message: "Een ongeldig afgevinkte stap is genegeerd." });
  }
  return { method, methodNote, marks, issues };
}

export function setMethod(doc: Y.Doc, ctx: EditContext, method: string | null, catalog: MethodCatalog = methodCatalog): void {
  if (method !== null && !catalog.byId.has(method)) throw new UserError("Onbekende analysemethode.", "unknown_method");
  const at = nowIso(ctx);
  transact(doc, ctx, () => {
    const map = analysisMap(doc);
    map.set("method", method);
    map.set("updatedAt", at);
    map.set("updatedBy", ctx.userId);
  });
}

export function setMethodNote(doc: Y.Doc, ctx: EditContext, note: string): void {
  if (note.length > 10000) throw new UserError("De toelichting is te lang (maximaal 10000 tekens).", "too_long");
  transact(doc, ctx, () => analysisMap(doc).set("methodNote", note));
}

/** Manually marks a method step as done (or not); shown beside the automatic check. */
export function markStep(
  doc: Y.Doc,
  ctx: EditContext,
  method: string,
  stepId: string,
  done: boolean,
  catalog: MethodCatalog = methodCatalog,
): void {
  const m = catalog.byId.get(method);
  if (!m || !m.steps.some((s) => s.id === stepId)) throw new UserError("Onbekende stap van de analysemethode.", "unknown_step");
  const at = nowIso(ctx);
  transact(doc, ctx, () => analysisMap(doc).set(`${STEP_PREFIX}${method}:${stepId}`, { done, by: ctx.userId, at }));
}
