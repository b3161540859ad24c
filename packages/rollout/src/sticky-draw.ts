import { hash } from 'node:crypto';

const SCALE = 2 ** 48;

/**
 * The fixed draw in [0, 1): the first 48 bits of SHA-256 over the UTF-8 bytes of
 * `owner/name#number` (owner and name lower-cased, as GitHub names are case-insensitive),
 * read big-endian and divided by 2^48. Every event of an issue gets the same draw, in every
 * process and release, so an issue never switches path while p stays put.
 */
export function stickyDraw(owner: string, repo: string, number: number): number {
  const key = `${owner.toLowerCase()}/${repo.toLowerCase()}#${number}`;
  return hash('sha256', key, 'buffer').readUIntBE(0, 6) / SCALE;
}
