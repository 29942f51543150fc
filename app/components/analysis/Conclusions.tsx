// 7a Conclusies as live collaborative text: TipTap bound to the document's `section:7a` fragment,
// with the carets and names of the others who are writing. Read-only for who may not edit.
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect } from "react";
import { CONCLUSIONS_SECTION } from "~/domain/analysis/index.ts";
import type { CollabSession } from "~/components/collab/useCollabDoc.ts";

interface Props {
  session: CollabSession;
  editable: boolean;
  user: { id: string; name: string; color: string };
  headingId: string;
  onFocusChange(focused: boolean): void;
}

export function Conclusions({ session, editable, user, headingId, onFocusChange }: Props) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        // The collaboration extension brings its own (per-user) undo; StarterKit's must be off.
        StarterKit.configure({ undoRedo: false, heading: { levels: [3, 4] }, link: false }),
        Collaboration.configure({ document: session.doc, field: CONCLUSIONS_SECTION }),
        CollaborationCaret.configure({
          provider: session.provider,
          user,
          render: (u: Record<string, unknown>) => {
            const caret = document.createElement("span");
            caret.classList.add("collab-caret");
            const color = typeof u.color === "string" && /^#[0-9a-f]{6}$/i.test(u.color) ? u.color : "#3b4a5a";
            caret.style.borderColor = color;
            const label = document.createElement("span");
            label.classList.add("collab-caret__label");
            label.style.backgroundColor = color;
            label.textContent = typeof u.name === "string" ? u.name : "";
            caret.append(label);
            return caret;
          },
        }),
      ],
      editorProps: {
        attributes: {
          role: "textbox",
          "aria-multiline": "true",
          "aria-labelledby": headingId,
          "aria-readonly": editable ? "false" : "true",
          class: "conclusions-editor__content",
        },
      },
      onFocus: () => onFocusChange(true),
      onBlur: () => onFocusChange(false),
    },
    [session, editable],
  );

  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);

  const state = useEditorState({
    editor,
    selector: (ctx) =>
      ctx.editor
        ? {
            bold: ctx.editor.isActive("bold"),
            italic: ctx.editor.isActive("italic"),
            bullet: ctx.editor.isActive("bulletList"),
            ordered: ctx.editor.isActive("orderedList"),
            empty: ctx.editor.isEmpty,
          }
        : null,
  });

  return (
    <div className="conclusions-editor">
      {editable && editor ? (
        <div className="conclusions-toolbar" role="group" aria-label="Opmaak van de conclusies">
          <button type="button" aria-pressed={!!state?.bold} onClick={() => editor.chain().focus().toggleBold().run()}>
            <strong>Vet</strong>
          </button>
          <button type="button" aria-pressed={!!state?.italic} onClick={() => editor.chain().focus().toggleItalic().run()}>
            <em>Cursief</em>
          </button>
          <button type="button" aria-pressed={!!state?.bullet} onClick={() => editor.chain().focus().toggleBulletList().run()}>
            Opsomming
          </button>
          <button type="button" aria-pressed={!!state?.ordered} onClick={() => editor.chain().focus().toggleOrderedList().run()}>
            Genummerd
          </button>
        </div>
      ) : null}
      {editor ? (
        <EditorContent editor={editor} className={editable ? "conclusions-editor__frame" : "conclusions-editor__frame conclusions-editor__frame--read"} />
      ) : (
        <p className="muted">Conclusies worden geladen…</p>
      )}
      {!editable && state?.empty ? <p className="muted">Er zijn nog geen conclusies geschreven.</p> : null}
    </div>
  );
}
