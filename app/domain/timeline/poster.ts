// The wall poster of the timeline (issue 12): which swimlane figure, on which paper, and how a
// poster is split over smaller sheets with an overlap to glue. Pure; server/export/poster.server.ts
// draws it with the report's swimlane drawing code.
import type { SwimlaneFigure } from "../report/model.ts";
import { groupPartiesByDomain, type Timeline } from "./schema.ts";

/** The swimlane figure of a timeline: lanes grouped by domain, periods, valid facts. Same as the report's 5a. */
export function swimlaneFigureOf(t: Timeline): SwimlaneFigure {
  const lanes = groupPartiesByDomain(t.parties.flatMap((p) => (p.ok ? [{ id: p.id, value: p.value }] : []))).flatMap((g) =>
    g.parties.map((p) => ({ id: p.id, name: p.value.name, domain: g.domain })),
  );
  return {
    kind: "swimlane",
    lanes,
    periods: t.periods.flatMap((p) => (p.ok ? [{ label: p.value.label, start: p.value.start, end: p.value.end }] : [])),
    events: t.events.flatMap((e) =>
      e.ok ? [{ lane: e.value.party, start: e.value.start, end: e.value.end ?? null, critical: e.value.flags.kritiekMoment, label: e.value.title }] : [],
    ),
  };
}

const MM = 72 / 25.4;

/** ISO 216 sizes in PDF points, landscape (width > height). */
export const PAPER = {
  A4: { width: 297 * MM, height: 210 * MM },
  A3: { width: 420 * MM, height: 297 * MM },
  A0: { width: 1189 * MM, height: 841 * MM },
} as const;
export type PaperSize = keyof typeof PAPER;
export const POSTER_SIZES = ["A3", "A0"] as const satisfies readonly PaperSize[];
export type PosterSize = (typeof POSTER_SIZES)[number];
export const TILE_SIZES = ["A4", "A3"] as const satisfies readonly PaperSize[];
export type TileSize = (typeof TILE_SIZES)[number];

/** Width (SVG units) the swimlane is drawn at for a poster size: wider paper, more room per month. */
export const POSTER_DRAW_WIDTH: Record<PosterSize, number> = { A3: 1300, A0: 1700 };

/** White border of every sheet (printers cannot print to the edge); marks go here. */
export const SHEET_MARGIN = 10 * MM;
/** Strip that two neighbouring sheets both show, to glue one over the other. */
export const TILE_OVERLAP = 15 * MM;

export interface Tile {
  row: number;
  column: number;
  /** 1-based, row by row. */
  number: number;
  /** The part of the poster this sheet shows (poster points, origin top left). */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Whether this sheet has a neighbour to the right / below (the overlap strip is marked there). */
  right: boolean;
  below: boolean;
}

export interface TilePlan {
  rows: number;
  columns: number;
  sheet: { width: number; height: number };
  tiles: Tile[];
}

/**
 * Splits a poster of `poster` points over sheets of `sheet` paper (landscape): each sheet prints
 * an area of the sheet minus its margins; neighbours share TILE_OVERLAP so nothing falls between
 * two sheets. The last row and column may show less than a full area.
 */
export function planTiles(poster: { width: number; height: number }, sheet: { width: number; height: number }): TilePlan {
  const areaW = sheet.width - 2 * SHEET_MARGIN;
  const areaH = sheet.height - 2 * SHEET_MARGIN;
  const stepW = areaW - TILE_OVERLAP;
  const stepH = areaH - TILE_OVERLAP;
  const columns = Math.max(1, Math.ceil((poster.width - TILE_OVERLAP) / stepW - 1e-9));
  const rows = Math.max(1, Math.ceil((poster.height - TILE_OVERLAP) / stepH - 1e-9));
  const tiles: Tile[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const x = column * stepW;
      const y = row * stepH;
      tiles.push({
        row,
        column,
        number: row * columns + column + 1,
        x,
        y,
        width: Math.min(areaW, poster.width - x),
        height: Math.min(areaH, poster.height - y),
        right: column < columns - 1,
        below: row < rows - 1,
      });
    }
  }
  return { rows, columns, sheet, tiles };
}
