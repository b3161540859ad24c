import { createHash } from 'node:crypto';
import { CRC32C } from '@google-cloud/storage';

export interface StoredBlob {
  bytes: Buffer;
  generation: string;
  contentType: string;
  updated: string;
  /** base64, computed once at upload like the service does. */
  md5: string;
  crc32c: string;
}

/** A blob with its checksums. */
export function makeBlob(bytes: Buffer, generation: string, contentType: string): StoredBlob {
  const crc = new CRC32C();
  crc.update(bytes);
  return {
    bytes,
    generation,
    contentType,
    updated: new Date().toISOString(),
    md5: createHash('md5').update(bytes).digest('base64'),
    crc32c: crc.toString(),
  };
}

/** The JSON API's object resource for a stored blob (what getMetadata and uploads return). */
export function objectResource(bucket: string, name: string, blob: StoredBlob): Record<string, unknown> {
  return {
    kind: 'storage#object',
    id: `${bucket}/${name}/${blob.generation}`,
    name,
    bucket,
    generation: blob.generation,
    metageneration: '1',
    contentType: blob.contentType,
    size: String(blob.bytes.byteLength),
    md5Hash: blob.md5,
    crc32c: blob.crc32c,
    timeCreated: blob.updated,
    updated: blob.updated,
    storageClass: 'STANDARD',
  };
}

/** `x-goog-hash` for a media download, so the client's checksum validation runs for real. */
export function hashHeader(blob: StoredBlob): string {
  return `crc32c=${blob.crc32c},md5=${blob.md5}`;
}

/**
 * Parses a `multipart/related` upload body: first part JSON metadata, second part the data.
 * Throws with a reason when the body is not what the JSON API accepts.
 */
export function parseMultipart(
  contentType: string,
  body: Buffer,
): { metadata: Record<string, unknown>; data: Buffer; dataType: string } {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!contentType.startsWith('multipart/related') || !boundary) {
    throw new Error(`multipart upload needs Content-Type multipart/related with a boundary, got '${contentType}'`);
  }
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    parts.push(body.subarray(start + delimiter.length, next));
    start = next;
  }
  if (parts.length !== 2) throw new Error(`multipart upload must have 2 parts (metadata, media), got ${parts.length}`);
  const [meta, media] = parts.map((part) => {
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) throw new Error('multipart part without headers');
    const headers = part.subarray(0, split).toString('latin1');
    let content = part.subarray(split + 4);
    if (content.subarray(-2).toString('latin1') === '\r\n') content = content.subarray(0, -2);
    return { type: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? '', content };
  }) as [{ type: string; content: Buffer }, { type: string; content: Buffer }];
  if (!meta.type.startsWith('application/json'))
    throw new Error(`first multipart part must be JSON, got '${meta.type}'`);
  return {
    metadata: JSON.parse(meta.content.toString('utf8')) as Record<string, unknown>,
    data: media.content,
    dataType: media.type,
  };
}
