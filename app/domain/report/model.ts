// The report model: the zelfonderzoek report as plain, JSON-serialisable data, built by pure
// functions (build.ts) from the investigation's Y.Doc and its relational data. The .docx renderer
// (server/export/) draws exactly this; a submitted version stores it as its content JSON.
// Browser-safe: no Yjs, no I/O here.

/** Status of one checklist item, computed from the content (completeness.ts). */
export type ItemStatus = "leeg" | "in_concept" | "gereed";
export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = { leeg: "Leeg", in_concept: "In concept", gereed: "Gereed" };

/** Who the report is for: only the toezichthouder's version contains client identity (item 1a). */
export type ReportAudience = "toezichthouder" | "ketenpartners";
export const AUDIENCE_LABELS: Record<ReportAudience, string> = {
  toezichthouder: "Versie voor de toezichthouder",
  ketenpartners: "Versie voor de ketenpartners (zonder cliëntgegevens)",
};

export interface TableColumn {
  label: string;
  /** Relative width (the renderer scales the columns to the page width). */
  weight: number;
}

export type ReportBlock =
  | { type: "paragraph"; text: string }
  | { type: "heading"; text: string; level: number }
  | { type: "bullets"; items: string[] }
  | { type: "quote"; text: string }
  /** Label/value pairs, rendered as a two-column table without header. */
  | { type: "facts"; rows: { label: string; value: string }[] }
  | { type: "table"; caption: string; columns: TableColumn[]; rows: string[][] }
  | { type: "figure"; figure: ReportFigure; caption: string; alt: string }
  /** A remark from the tool, not the authors (e.g. "Nog niet ingevuld."), rendered in italics. */
  | { type: "note"; text: string };

/** Figures carry their data; the renderer draws them (SVG, PNG fallback). */
export type ReportFigure = SwimlaneFigure | CausalTreeFigure | ProfileFigure;

export interface SwimlaneFigure {
  kind: "swimlane";
  /** One lane per party, in display order, grouped by domain. */
  lanes: { id: string; name: string; domain: string }[];
  periods: { label: string; start: string; end: string }[];
  /** start/end: partial ISO dates as in the document (`2024`, `2024-03`, `2024-03-12`, `2024-03-12T10:30`). */
  events: { lane: string; start: string; end: string | null; critical: boolean; label: string }[];
}

export interface CausalTreeFigure {
  kind: "causal_tree";
  /** The resolved tree's nodes, parents before children, siblings in order. */
  nodes: {
    id: string;
    parentId: string | null;
    kind: "top" | "cause" | "recovery" | "critical_moment";
    label: string;
    ecmCode: string | null;
    rootCause: boolean;
    recoveryType: "gepland" | "ongepland" | null;
  }[];
}

export interface ProfileFigure {
  kind: "profile";
  /** Per ECM main group: count and share (0..1), in catalogue order. */
  groups: { id: string; label: string; count: number; share: number; color: string }[];
}

export interface ReportItemContent {
  /** Checklist item id, e.g. "5a". */
  id: string;
  heading: string;
  status: ItemStatus;
  /** What is still missing for "gereed", in Dutch sentences. Empty when gereed. */
  missing: string[];
  blocks: ReportBlock[];
}

export interface ReportChapter {
  number: number;
  heading: string;
  items: ReportItemContent[];
}

export interface ReportAppendix {
  id: "reacties" | "bronnen" | "concordantie";
  /** "Bijlage A", "Bijlage B", … */
  label: string;
  heading: string;
  blocks: ReportBlock[];
}

export interface ReportModel {
  format: 1;
  checklistId: string;
  checklistName: string;
  audience: ReportAudience;
  investigationId: string;
  titlePage: {
    title: string;
    subtitle: string; // "Zelfonderzoek calamiteit"
    providers: string;
    facts: { label: string; value: string }[]; // kind, legal frame, toezichthouder, method, …
    date: string; // Dutch, e.g. "23 november 2026"
    version: string; // "Versie 3" or "Werkversie"
    status: "concept" | "definitief";
    /** Absent in versions stored before the title page named them. */
    authors?: string[];
    contact?: string | null;
  };
  chapters: ReportChapter[];
  appendices: ReportAppendix[];
}
