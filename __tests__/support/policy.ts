/** Finding statements in a policy document by what they grant. */
export interface Stmt {
  Sid: string;
  Effect: string;
  Principal?: unknown;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}
export interface Doc {
  Version: string;
  Statement: Stmt[];
}

export const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Statements that allow `action` (exact name). */
export const allowing = (doc: Doc, action: string) =>
  doc.Statement.filter((s) => s.Effect === 'Allow' && list(s.Action).includes(action));

export const bySid = (doc: Doc, sid: string) => {
  const s = doc.Statement.find((x) => x.Sid === sid);
  if (!s) throw new Error(`no statement ${sid} in ${doc.Statement.map((x) => x.Sid).join(', ')}`);
  return s;
};

export const allActions = (doc: Doc) =>
  [...new Set(doc.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => list(s.Action)))].sort();
