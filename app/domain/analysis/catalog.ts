// Typed, validated access to the analysis vocabularies kept as data in templates/ (ECM codes,
// learning themes, methods). Data files are ours, so an invalid file is a programming error and
// throws at import; extra codes/themes/methods are allowed so the lists can grow without code.
import { z } from "zod";
import ecmJson from "../../../templates/ecm-codes.json";
import themesJson from "../../../templates/themes.json";
import methodsJson from "../../../templates/methods.json";

export const ECM_GROUP_IDS = [
  "technisch",
  "organisatorisch",
  "menselijk",
  "clientgebonden",
  "overig",
] as const;
export type EcmGroupId = (typeof ECM_GROUP_IDS)[number];

/** One colour per main group, on screen and in the report; each meets 4.5:1 against white text. */
export const GROUP_COLORS: Record<EcmGroupId, string> = {
  technisch: "#5a3e8f",
  organisatorisch: "#0b5cad",
  menselijk: "#a4262c",
  clientgebonden: "#1e6b3a",
  overig: "#4a5561",
};

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "id: kleine letters, cijfers en _");
const text = z.string().trim().min(1);

export const ecmGroupSchema = z.object({
  id: z.enum(ECM_GROUP_IDS),
  label: text,
  explanation: text,
});

export const ecmCodeSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9]*$/, "ECM-code: hoofdletters en cijfers"),
  group: z.enum(ECM_GROUP_IDS),
  subgroup: z.string().min(1).optional(),
  label: text,
  explanation: text,
});

export const ecmFileSchema = z
  .object({
    version: z.number().int().positive(),
    groups: z.array(ecmGroupSchema).min(1),
    codes: z.array(ecmCodeSchema).min(1),
  })
  .superRefine((file, ctx) => {
    unique(file.codes.map((c) => c.code), "codes", ctx);
    unique(file.groups.map((g) => g.id), "groups", ctx);
    const groups = new Set(file.groups.map((g) => g.id));
    for (const c of file.codes) {
      if (!groups.has(c.group)) ctx.addIssue({ code: "custom", message: `groep ${c.group} ontbreekt` });
    }
  });

export const themeSchema = z.object({ id, label: text, explanation: text });
export const themesFileSchema = z
  .object({ version: z.number().int().positive(), themes: z.array(themeSchema).min(1) })
  .superRefine((file, ctx) => unique(file.themes.map((t) => t.id), "themes", ctx));

export const methodStepSchema = z.object({ id, title: text, guidance: text });
export const methodSchema = z
  .object({
    id,
    name: text,
    fullName: text.optional(),
    /** Which editor fits: causal_tree, critical_moments, barrier_analysis, free (open list). */
    model: id,
    description: text,
    steps: z.array(methodStepSchema).min(1),
  })
  .superRefine((m, ctx) => unique(m.steps.map((s) => s.id), `steps of ${m.id}`, ctx));
export const methodsFileSchema = z
  .object({ version: z.number().int().positive(), methods: z.array(methodSchema).min(1) })
  .superRefine((file, ctx) => unique(file.methods.map((m) => m.id), "methods", ctx));

function unique(values: string[], what: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) ctx.addIssue({ code: "custom", message: `dubbele id ${v} in ${what}` });
    seen.add(v);
  }
}

export type EcmGroup = z.infer<typeof ecmGroupSchema>;
export type EcmCode = z.infer<typeof ecmCodeSchema>;
export type Theme = z.infer<typeof themeSchema>;
export type MethodStep = z.infer<typeof methodStepSchema>;
export type Method = z.infer<typeof methodSchema>;

export interface EcmCatalog {
  readonly version: number;
  readonly groups: readonly EcmGroup[];
  readonly codes: readonly EcmCode[];
  readonly byCode: ReadonlyMap<string, EcmCode>;
  readonly groupById: ReadonlyMap<EcmGroupId, EcmGroup>;
}

export interface ThemeCatalog {
  readonly version: number;
  readonly themes: readonly Theme[];
  readonly byId: ReadonlyMap<string, Theme>;
}

export interface MethodCatalog {
  readonly version: number;
  readonly methods: readonly Method[];
  readonly byId: ReadonlyMap<string, Method>;
}

export interface Catalogs {
  readonly ecm: EcmCatalog;
  readonly themes: ThemeCatalog;
  readonly methods: MethodCatalog;
}

export function parseEcmCatalog(raw: unknown): EcmCatalog {
  const file = ecmFileSchema.parse(raw);
  return {
    version: file.version,
    groups: file.groups,
    codes: file.codes,
    byCode: new Map(file.codes.map((c) => [c.code, c])),
    groupById: new Map(file.groups.map((g) => [g.id, g])),
  };
}

export function parseThemeCatalog(raw: unknown): ThemeCatalog {
  const file = themesFileSchema.parse(raw);
  return { version: file.version, themes: file.themes, byId: new Map(file.themes.map((t) => [t.id, t])) };
}

export function parseMethodCatalog(raw: unknown): MethodCatalog {
  const file = methodsFileSchema.parse(raw);
  return { version: file.version, methods: file.methods, byId: new Map(file.methods.map((m) => [m.id, m])) };
}

export const ecmCatalog: EcmCatalog = parseEcmCatalog(ecmJson);
export const themeCatalog: ThemeCatalog = parseThemeCatalog(themesJson);
export const methodCatalog: MethodCatalog = parseMethodCatalog(methodsJson);
export const defaultCatalogs: Catalogs = { ecm: ecmCatalog, themes: themeCatalog, methods: methodCatalog };

/** Main group of a code, or null for a code the catalog does not know. */
export function ecmGroupOf(code: string, catalog: EcmCatalog = ecmCatalog): EcmGroupId | null {
  return catalog.byCode.get(code)?.group ?? null;
}

export function isEcmCode(code: unknown, catalog: EcmCatalog = ecmCatalog): code is string {
  return typeof code === "string" && catalog.byCode.has(code);
}

export function isThemeId(theme: unknown, catalog: ThemeCatalog = themeCatalog): theme is string {
  return typeof theme === "string" && catalog.byId.has(theme);
}

export function isMethodId(method: unknown, catalog: MethodCatalog = methodCatalog): method is string {
  return typeof method === "string" && catalog.byId.has(method);
}
