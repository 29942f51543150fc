/** Someone in the investigation right now (from awareness). */
export interface PresencePeer {
  clientId: number;
  userId: string;
  name: string;
  color: string;
  /** Event id the person has open in the editor, if any. */
  editing: string | null;
  /** Event id the person has open but may only read. */
  viewing?: string | null;
  self: boolean;
}
