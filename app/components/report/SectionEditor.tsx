// One narrative section of the report, edited live: TipTap bound to the Y.XmlFragment
// `section:<itemId>` of the investigation's Y.Doc over the page's one collaboration connection,
// with the carets and names of the others writing in it. Escape closes the editor.
// Client only: loaded lazily when someone opens a section.
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import { TextToolbar } from "~/components/TextToolbar.tsx";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useRef } from "react";
import { sectionFragmentName } from "~/domain/rounds/freeze.ts";
import type { CollabSession } from "~/components/collab/useCollabDoc.ts";

export interface SectionEditorProps {
  session: CollabSession;
  itemId: string;
  editable: boolean;
  user: { id: string; name: string; color: string };
  /** Id of the item's heading: the editor's accessible name. */
  labelledBy: string;
  /** Id of the hint that says how to close the editor. */
  describedBy: string;
  onClose(): void;
}

function caret(u: Record<string, unknown>): HTMLElement {
  const el = document.createElement("span");
  el.classList.add("collab-caret");
  const color = typeof u.color === "string" && /^#[0-9a-f]{6}$/i.test(u.color) ? u.color : "#3b4a5a";
  el.style.borderColor = color;
  const label = document.createElement("span");
  label.classList.add("collab-caret__label");
  label.style.backgroundColor = color;
  // Awareness comes from other browsers: text only, never markup.
  label.textContent = typeof u.name === "string" ? u.name.slice(0, 120) : "";
  el.append(label);
  return el;
}

export default function SectionEditor({ session, itemId, editable, user, labelledBy, describedBy, onClose }: SectionEditorProps) {
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  const editor = useEditor(
    {
      immediatelyRender: false,
      injectCSS: false,
      editable,
      extensions: [
        // The collaboration extension brings its own (per-user) undo; StarterKit's must be off.
        StarterKit.configure({ undoRedo: false, heading: { levels: [3, 4] }, link: false, codeBlock: false }),
        Collaboration.configure({ fragment: session.doc.getXmlFragment(sectionFragmentName(itemId)) }),
        CollaborationCaret.configure({ provider: session.provider, user, render: caret }),
      ],
      editorProps: {
        attributes: {
          role: "textbox",
          "aria-multiline": "true",
          "aria-labelledby": labelledBy,
          "aria-describedby": describedBy,
          ...(editable ? {} : { "aria-readonly": "true" }),
          class: "section-editor__content",
          "data-testid": `sectie-editor-${itemId}`,
        },
        handleKeyDown: (_view, event) => {
          if (event.key !== "Escape") return false;
          event.preventDefault();
          closeRef.current();
          return true;
        },
      },
      onCreate: ({ editor: e }) => {
        if (e.isEditable) e.commands.focus("end");
      },
    },
    [session, itemId],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  return (
    <div
      className="section-editor"
      onKeyDown={(e) => {
        // Escape from the toolbar closes too (the editor handles its own Escape above).
        if (e.key === "Escape" && !(e.target as HTMLElement).closest(".ProseMirror")) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      {editor && editable ? <TextToolbar editor={editor} label={`Opmaak van onderdeel ${itemId}`} className="section-toolbar" small /> : null}
      {editor ? (
        <EditorContent editor={editor} className="section-editor__frame" />
      ) : (
        <p className="muted" role="status">
          Editor wordt geladen…
        </p>
      )}
    </div>
  );
}
