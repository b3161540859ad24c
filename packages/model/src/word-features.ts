import { hashToken } from './hash-token.js';

/** Namespace prefixes, hashed once: a feature is hash(`${ns} ${token}`), hash(`${ns} ${a} ${b}`), hash(`c ${gram}`). */
export const TITLE = hashToken('t ');
export const BODY = hashToken('b ');
const CHARS = hashToken('c ');
const FNV_PRIME = 0x01000193;

/**
 * hashToken(token, state) as a signed 32-bit integer; ASCII (UTF-8 bytes = char codes) hashed
 * inline. Recomputing beats caching per word: a 5-letter word is 5 multiplies, a cache miss is
 * several trips to memory.
 */
export function hashFrom(token: string, state: number): number {
  let hash = state;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (code >= 0x80) return hashToken(token, state >>> 0) | 0;
    hash = Math.imul(hash ^ code, FNV_PRIME);
  }
  return hash;
}

/** The state after `previous` and a space: where a bigram's second word is hashed from. */
export function afterSpace(previous: number): number {
  return Math.imul(previous ^ 32, FNV_PRIME);
}

let scratch = new Int32Array(256);

/**
 * The n-gram hashes of `<token>` for n in [minN, maxN], n-major then by start (the order they are
 * added in), in a scratch array valid until the next call; returns how many.
 */
export function gramHashes(token: string, minN: number, maxN: number): { hashes: Int32Array; count: number } {
  const length = token.length + 2;
  let count = 0;
  for (let n = minN; n <= maxN; n++) count += Math.max(0, length - n + 1);
  if (scratch.length < count) scratch = new Int32Array(count * 2);
  const grams = scratch;
  let ascii = true;
  for (let i = 0; i < token.length && ascii; i++) ascii = token.charCodeAt(i) < 0x80;
  if (ascii) {
    // Each start's hashes extend one another (FNV-1a is a left fold): one pass per start,
    // written at the slot the n-major order gives it.
    for (let start = 0; start + minN <= length; start++) {
      let hash = CHARS;
      let offset = 0;
      for (let n = 1; n <= maxN && start + n <= length; n++) {
        const at = start + n - 1;
        const code = at === 0 ? 60 /* < */ : at === length - 1 ? 62 /* > */ : token.charCodeAt(at - 1);
        hash = Math.imul(hash ^ code, FNV_PRIME);
        if (n >= minN) {
          grams[offset + start] = hash;
          offset += length - n + 1;
        }
      }
    }
  } else {
    const padded = `<${token}>`;
    let k = 0;
    for (let n = minN; n <= maxN; n++) {
      for (let start = 0; start + n <= length; start++) grams[k++] = hashToken(padded, CHARS, start, start + n);
    }
  }
  return { hashes: grams, count };
}
