// The live verslag of an interview: TipTap bound to the Y.XmlFragment `interview:<id>` of the
// investigation's Y.Doc, through the workspace's connection hook (one websocket per page).
// Client only: loaded lazily by the interview page.
import { useEffect } from "react";
import Collaboration from "@tiptap/extension-collaboration";
import { EditorContent, useEditor } from "@tiptap/react";
import { TextToolbar } from "~/components/TextToolbar.tsx";
import StarterKit from "@tiptap/starter-kit";
import { ConnectionBanner } from "~/components/workspace/StatusBar.tsx";
import { userColor } from "~/components/workspace/format.ts";
import { useCollabDoc, type CollabSession } from "~/components/collab/useCollabDoc.ts";

export interface VerslagEditorProps {
  investigationId: string;
  interviewId: string;
  user: { id: string; name: string };
  canWrite: boolean;
  labelledBy: string;
}

export default function VerslagEditor({ investigationId, interviewId, user, canWrite, labelledBy }: VerslagEditorProps) {
  const { session, state } = useCollabDoc({ investigationId, userId: user.id, canWrite, presence: { name: user.name, color: userColor(user.id) } });
  return (
    <div>
      <ConnectionBanner state={state} />
      {session && state.ready ? (
        <BoundEditor key={interviewId} session={session} fragmentName={`interview:${interviewId}`} editable={canWrite && !state.readOnly && !state.closed} labelledBy={labelledBy} />
      ) : (
        <p className="muted" role="status" aria-busy="true">
          Verslag laden…
        </p>
      )}
    </div>
  );
}

function BoundEditor({ session, fragmentName, editable, labelledBy }: { session: CollabSession; fragmentName: string; editable: boolean; labelledBy: string }) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      injectCSS: false,
      editable,
      extensions: [
        // Yjs has its own undo history; the editor's would fight it.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ fragment: session.doc.getXmlFragment(fragmentName) }),
      ],
      editorProps: {
        attributes: {
          role: "textbox",
          "aria-multiline": "true",
          "aria-labelledby": labelledBy,
          ...(editable ? {} : { "aria-readonly": "true" }),
          "data-testid": "verslag-editor",
        },
      },
    },
    [session, fragmentName],
  );
  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);
  return (
    <div>
      {editor && editable ? <TextToolbar editor={editor} label="Opmaak van het verslag" className="verslag-toolbar" /> : null}
      <div className="verslag-editor">
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}
