import { open } from 'node:fs/promises';

/** Appends `text` to `path` and syncs it to disk; returns the bytes written. */
export async function appendDurably(path: string, text: string): Promise<number> {
  const handle = await open(path, 'a');
  try {
    await handle.write(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return Buffer.byteLength(text);
}
