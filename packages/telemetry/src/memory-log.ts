import { Writable } from 'node:stream';

/** An in-memory pino destination: tests assert on the parsed log lines. */
export class MemoryLog extends Writable {
  readonly lines: Record<string, unknown>[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    callback();
  }

  /** Lines whose `message` contains the given text. */
  find(text: string): Record<string, unknown>[] {
    return this.lines.filter((line) => String(line.message ?? '').includes(text));
  }
}
