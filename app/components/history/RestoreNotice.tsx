// In the workspace: a notice for whoever's edits a restore of a named version overwrote (the
// restore's record in the live document's `restores` map names them), until they close it; closed
// notices are remembered in this browser.
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type * as Y from "yjs";
import { readRestores, RESTORES_MAP, type RestoreRecord } from "./restore.ts";

const seenKey = (id: string) => `ketenlijn:terugzetten-gezien:${id}`;

function seen(id: string): boolean {
  try {
    return window.localStorage.getItem(seenKey(id)) === "1";
  } catch {
    return false;
  }
}

const when = new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });

export function RestoreNotice({ doc, userId, investigationId }: { doc: Y.Doc; userId: string; investigationId: string }) {
  const [records, setRecords] = useState<RestoreRecord[]>([]);
  const [closed, setClosed] = useState<string[]>([]);
  useEffect(() => {
    const map = doc.getMap<unknown>(RESTORES_MAP);
    const read = () => setRecords(readRestores(doc).filter((r) => r.overwritten.includes(userId) && r.byId !== userId && !r.undoneAt && !seen(r.id)));
    read();
    map.observe(read);
    return () => map.unobserve(read);
  }, [doc, userId]);
  const shown = records.filter((r) => !closed.includes(r.id));
  if (shown.length === 0) return null;
  const close = (id: string) => {
    try {
      window.localStorage.setItem(seenKey(id), "1");
    } catch {
      // Private mode: closed for this visit only.
    }
    setClosed((c) => [...c, id]);
  };
  return (
    <>
      {shown.map((r) => (
        <div key={r.id} className="alert alert--warn ws-restore-notice" role="status">
          <p>
            <strong>Uw wijzigingen zijn overschreven.</strong> {r.byName} zette op {when.format(new Date(r.at))} versie ‘{r.versionName}’ terug;
            wat u na die versie wijzigde is daarmee teruggedraaid. De stand van vlak ervoor staat in de geschiedenis:{" "}
            <Link to={`/onderzoeken/${investigationId}/geschiedenis/${r.backupVersionId}`}>{r.backupName}</Link>.
          </p>
          <button type="button" className="button button--secondary button--small" onClick={() => close(r.id)}>
            Gelezen, sluiten
          </button>
        </div>
      ))}
    </>
  );
}
