import { readFileSync } from 'node:fs';

/** The front's version from its package.json (same relative path from src/ and dist/). */
export function readFrontVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
