/**
 * JSON values whose object keys are in sorted order (code-unit order, as cdktf's
 * serializer sorts them), so that JSON.stringify writes cdktf's layout as it is.
 * Names that look like array indexes would be written first whatever their
 * insertion order: none of emit's keys can be one (each carries a word), and one
 * that did is refused rather than written out of order.
 */
import type { Json, JsonObject } from './stack';

const INDEX_LIKE = /^(?:0|[1-9]\d*)$/;
/** INDEX_LIKE, tested only when the key starts with a digit (few do): it is asked of every key. */
export const indexLike = (key: string): boolean => {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57 && INDEX_LIKE.test(key);
};

/** `value` with every object's keys sorted and undefined members left out (a copy only where needed). */
export function sortedKeys<T extends Json | undefined>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = sortedKeys(value[i]);
    return value;
  }
  const o = value as JsonObject;
  const keys = Object.keys(o);
  let inOrder = true;
  for (let i = 0; i < keys.length; i++) {
    if (indexLike(keys[i])) throw new Error(`emit: the key "${keys[i]}" would not be written in sorted order`);
    if (o[keys[i]] === undefined || (i > 0 && !(keys[i - 1] < keys[i]))) inOrder = false;
  }
  if (inOrder) {
    for (const k of keys) o[k] = sortedKeys(o[k]);
    return value;
  }
  const out: JsonObject = {};
  for (const k of keys.sort()) {
    const v = o[k];
    if (v !== undefined) out[k] = sortedKeys(v);
  }
  return out as T;
}
