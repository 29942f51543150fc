// The text blocks of the report's narrative sections (`section:<itemId>`), read live from the
// investigation's Y.Doc: recomputed (at most every 60 ms; a timer, not a frame callback, so a tab in the background stays current) after every change of the document.
import { useEffect, useMemo, useState } from "react";
import type * as Y from "yjs";
import { sectionBlocks } from "~/domain/report/narrative.ts";
import type { FrozenBlock } from "~/domain/rounds/frozen.ts";

export function useSectionBlocks(doc: Y.Doc | null, itemIds: readonly string[]): ReadonlyMap<string, FrozenBlock[]> | null {
  const key = itemIds.join(",");
  const ids = useMemo(() => key.split(",").filter(Boolean), [key]);
  const [blocks, setBlocks] = useState<ReadonlyMap<string, FrozenBlock[]> | null>(null);

  useEffect(() => {
    if (!doc) {
      setBlocks(null);
      return;
    }
    const read = () => new Map(ids.map((id) => [id, sectionBlocks(doc, id)] as const));
    setBlocks(read());
    let frame: number | null = null;
    const onUpdate = () => {
      if (frame !== null) return;
      frame = window.setTimeout(() => {
        frame = null;
        setBlocks(read());
      }, 60);
    };
    doc.on("update", onUpdate);
    return () => {
      doc.off("update", onUpdate);
      if (frame !== null) window.clearTimeout(frame);
    };
  }, [doc, ids]);

  return blocks;
}
