/**
 * One rendered document cut into documents of at most `limit` characters each (customer-managed policies: 6,144
 * characters, IAM's count). Statements keep their order and their Sids (unique across the pieces, as they were in
 * the one document); a statement too large for a piece alone is cut by its resources — the statements of the
 * pieces together allow exactly what it allowed, since a request matches a statement's Resource when it matches
 * one of its entries.
 */
import type { JsonStatement, PolicyDocument } from './render';
import { measureText } from './size';

const documentOf = (statements: JsonStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement: statements });
const sizeOf = (statements: JsonStatement[]) => measureText(JSON.stringify(documentOf(statements)), 'characters');

/** A statement that does not fit one document even alone, by resource. */
export class StatementTooLarge extends Error {
  constructor(
    readonly sid: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`statement ${sid} is ${size} characters even with one resource, over ${limit}`);
  }
}

/** The statement in pieces of at most `limit` characters each (as documents of one statement), by resource. */
function cut(s: JsonStatement, limit: number): JsonStatement[] {
  if (sizeOf([s]) <= limit) return [s];
  const resources = Array.isArray(s.Resource) ? s.Resource : undefined;
  if (!resources || resources.length < 2) throw new StatementTooLarge(s.Sid, sizeOf([s]), limit);
  const out: JsonStatement[] = [];
  let part: string[] = [];
  const piece = (rs: string[]): JsonStatement => ({ ...s, Resource: rs.length === 1 ? rs[0] : rs });
  for (const r of resources) {
    if (part.length > 0 && sizeOf([piece([...part, r])]) > limit) {
      out.push(piece(part));
      part = [];
    }
    part.push(r);
  }
  out.push(piece(part));
  if (sizeOf([out[out.length - 1]]) > limit) throw new StatementTooLarge(s.Sid, sizeOf([out[out.length - 1]]), limit);
  // Sids stay unique: the first piece keeps its Sid, the others are numbered after it.
  return out.map((p, i) => (i === 0 ? p : { ...p, Sid: `${s.Sid}Part${i + 1}` }));
}

/**
 * The document's statements packed into documents of at most `limit` characters: each, in the document's order,
 * into the first document it fits (first fit: the same statements always land in the same documents).
 */
export function splitDocument(doc: PolicyDocument, limit: number): PolicyDocument[] {
  const out: JsonStatement[][] = [];
  for (const s of doc.Statement.flatMap((x) => cut(x, limit))) {
    const room = out.find((d) => sizeOf([...d, s]) <= limit);
    if (room) room.push(s);
    else out.push([s]);
  }
  return out.map(documentOf);
}
