// Server side of the Geschiedenis page: the change log in pages, described in words with the
// entities' current titles, and the people behind it. Callers check permissions first.
import { and, count, eq, inArray } from "drizzle-orm";
import * as Y from "yjs";
import { DEFAULT_CHECKLIST } from "~/domain/report/checklist.ts";
import { schema } from "../../db/client.ts";
import { listChanges } from "../collab/versions.ts";
import type { AppContext } from "../context.ts";
import { readEvent, readParty, readPeriod } from "~/domain/timeline/schema.ts";
import { entryObject, measuresMap, nodesMap } from "~/domain/analysis/doc.ts";
import type { ChangeDetail } from "~/domain/history/changes.ts";
import { describeDetails } from "~/domain/history/describe.ts";
import { COMMENTS_MAP } from "~/domain/timeline/comments.ts";

export const CHANGES_PER_PAGE = 50;

const dateTime = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** "12 maart 2025 om 14:05", in Europe/Amsterdam whatever the server's zone. */
export function formatAmsterdam(at: Date): string {
  const parts = Object.fromEntries(dateTime.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year} om ${parts.hour}:${parts.minute}`;
}

export interface ChangeRow {
  id: number;
  at: string;
  atIso: string;
  person: string;
  entities: string[];
}

/** One page (1-based) of the change log (listChanges), newest first, with the number of pages. */
export async function changesPage(ctx: Pick<AppContext, "db">, investigationId: string, page: number) {
  const rows = await listChanges(ctx, investigationId, { limit: CHANGES_PER_PAGE, offset: (page - 1) * CHANGES_PER_PAGE });
  const [{ n }] = await ctx.db
    .select({ n: count() })
    .from(schema.collabChanges)
    .where(and(eq(schema.collabChanges.investigationId, investigationId)));
  return { rows, total: Number(n), pages: Math.max(1, Math.ceil(Number(n) / CHANGES_PER_PAGE)) };
}

/** Names of users by id (also former members: the log outlives memberships). */
export async function userNames(ctx: Pick<AppContext, "db">, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: schema.users.id, name: schema.users.name })
    .from(schema.users)
    .where(inArray(schema.users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function personName(names: Map<string, string>, userId: string | null): string {
  if (!userId) return "Systeem";
  return names.get(userId) ?? "Onbekende gebruiker";
}

const NODE_KIND_LABELS: Record<string, string> = {
  top: "Topgebeurtenis",
  cause: "Oorzaak",
  recovery: "Herstelfactor",
  critical_moment: "Kritiek moment",
};

const quote = (s: string) => `‘${s.length > 80 ? `${s.slice(0, 79)}…` : s}’`;

function rawTitle(raw: unknown, key: string): string | null {
  const obj = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : null;
  const v = obj?.[key];
  return typeof v === "string" && v.trim() ? v.trim() : null;
}

/**
 * An entity id from the log ("events:<uuid>") in words with its current title from `doc`:
 * "Feit ‘Huisbezoek wijkcoach’", or "Feit (verwijderd)" when it is no longer there.
 */
export function describeEntity(doc: Y.Doc, entityId: string): string {
  const i = entityId.indexOf(":");
  const map = i < 0 ? entityId : entityId.slice(0, i);
  const key = i < 0 ? null : entityId.slice(i + 1);
  const named = (noun: string, title: string | null, exists: boolean) =>
    !exists ? `${noun} (verwijderd)` : title ? `${noun} ${quote(title)}` : `${noun} (zonder titel)`;
  if (key === null) {
    if (map === "analysis") return "Instellingen van de analyse";
    return "Onbekend onderdeel";
  }
  switch (map) {
    case "events": {
      const e = readEvent(doc, key);
      return named("Feit", e ? (e.ok ? e.value.title : rawTitle(e.raw, "title")) : null, !!e);
    }
    case "parties": {
      const p = readParty(doc, key);
      return named("Partij", p ? (p.ok ? p.value.name : rawTitle(p.raw, "name")) : null, !!p);
    }
    case "periods": {
      const p = readPeriod(doc, key);
      return named("Periode", p ? (p.ok ? p.value.label : rawTitle(p.raw, "label")) : null, !!p);
    }
    case "nodes": {
      const entry = nodesMap(doc).get(key);
      const obj = entry === undefined ? null : entryObject(entry);
      const noun = NODE_KIND_LABELS[String(obj?.kind)] ?? "Onderdeel van de analyse";
      return named(noun, rawTitle(obj, "label"), entry !== undefined);
    }
    case "measures": {
      const entry = measuresMap(doc).get(key);
      return named("Maatregel", rawTitle(entry === undefined ? null : entryObject(entry), "title"), entry !== undefined);
    }
    case "analysis":
      return "Instellingen van de analyse";
    case COMMENTS_MAP: {
      // A comment is named by its fact: "Opmerking bij feit ‘…’".
      const entry = doc.getMap<unknown>(COMMENTS_MAP).get(key);
      const eventId = rawTitle(entry instanceof Y.Map ? entryObject(entry) : null, "eventId");
      const e = eventId ? readEvent(doc, eventId) : undefined;
      const title = e ? (e.ok ? e.value.title : rawTitle(e.raw, "title")) : null;
      if (entry === undefined) return "Opmerking (verwijderd)";
      return title ? `Opmerking bij feit ${quote(title)}` : "Opmerking bij een feit";
    }
    case "restores":
      return "Terugzetten van een versie";
    case "section": {
      // Report text: `section:<checklist item id>` (7a are the conclusions, written on the analysis page).
      const item = DEFAULT_CHECKLIST.items.find((i) => i.id === key);
      return item ? `Rapporttekst ${item.id} ${quote(item.heading)}` : `Rapporttekst ${key}`;
    }
    case "interview":
      return "Gespreksverslag";
    default:
      return "Onbekend onderdeel";
  }
}

/**
 * The lines of one history row. Rows recorded with details say what happened (with titles at the
 * time); entities without details (report texts, interview reports) and rows from before details
 * were kept are named with their current titles.
 */
export function describeChangeRow(doc: Y.Doc, row: { entityIds: readonly string[]; details: readonly ChangeDetail[] | null }): string[] {
  const details = row.details ?? [];
  if (details.length === 0) return row.entityIds.map((e) => describeEntity(doc, e));
  const described = new Set(details.map((d) => d.entity));
  const rest = row.entityIds.filter((e) => !described.has(e)).map((e) => `${describeEntity(doc, e)} gewijzigd`);
  return [...describeDetails(details), ...rest];
}
