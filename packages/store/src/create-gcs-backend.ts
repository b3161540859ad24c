import {
  type Bucket,
  type GetFilesOptions,
  type GetFilesResponse,
  Storage,
  type StorageOptions,
} from '@google-cloud/storage';
import type { Listing, StoreBackend, StoredObject, WriteOptions } from './store-backend.js';
import { PreconditionFailedError, StoreUnavailableError } from './store-errors.js';

export interface GcsBackendOptions {
  bucket: string;
  prefix: string;
  /** e.g. `http://127.0.0.1:4443` for a stand-in; else STORAGE_EMULATOR_HOST, else Google. */
  apiEndpoint?: string;
  /** Retries inside the client library; kept short so an outage surfaces as a nack, not a stall. */
  maxRetries?: number;
}

function codeOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

function translate(error: unknown, what: string): Error {
  if (codeOf(error) === 412) return new PreconditionFailedError(`${what}: generation precondition failed`);
  return new StoreUnavailableError(`${what}: ${(error as Error).message}`);
}

/** `gs://bucket/prefix` through @google-cloud/storage (JSON API). */
export function createGcsBackend(options: GcsBackendOptions): StoreBackend {
  const storageOptions: StorageOptions = {
    retryOptions: {
      autoRetry: (options.maxRetries ?? 2) > 0,
      maxRetries: options.maxRetries ?? 2,
      maxRetryDelay: 2,
      totalTimeout: 15,
    },
  };
  if (options.apiEndpoint) storageOptions.apiEndpoint = options.apiEndpoint;
  const bucket: Bucket = new Storage(storageOptions).bucket(options.bucket);
  const base = options.prefix ? `${options.prefix}/` : '';

  return {
    url: `gs://${options.bucket}/${options.prefix}`,
    async read(path: string): Promise<StoredObject | null> {
      const name = `${base}${path}`;
      try {
        // One media request: the bytes and the generation they belong to come in the same response.
        let generation = '';
        // model.onnx is checked against the manifest's sha256 on every load, a stronger check than the
        // client's CRC32C, which costs ~120 ms per 10 MB in JavaScript; everything else keeps CRC32C.
        const stream = bucket.file(name).createReadStream({ validation: !path.endsWith('/model.onnx') });
        stream.on('response', (response: { headers: Record<string, string | string[] | undefined> }) => {
          generation = String(response.headers['x-goog-generation'] ?? '');
        });
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        return { bytes: Buffer.concat(chunks), generation };
      } catch (error) {
        if (codeOf(error) === 404) return null;
        throw translate(error, `read gs://${options.bucket}/${name}`);
      }
    },
    async write(path: string, bytes: Uint8Array, writeOptions: WriteOptions = {}): Promise<{ generation: string }> {
      const name = `${base}${path}`;
      const file = bucket.file(name);
      try {
        await file.save(Buffer.from(bytes), {
          resumable: false,
          contentType: path.endsWith('.json') ? 'application/json' : 'application/octet-stream',
          ...(writeOptions.ifGenerationMatch !== undefined && {
            preconditionOpts: { ifGenerationMatch: Number(writeOptions.ifGenerationMatch) },
          }),
        });
        return { generation: String(file.metadata.generation) };
      } catch (error) {
        throw translate(error, `write gs://${options.bucket}/${name}`);
      }
    },
    async list(prefix: string): Promise<Listing> {
      try {
        // Page by page (the service returns at most 1000 entries a page): a repository with many versions
        // lists them all. Pages are read by hand because the client's autoPaginate drops the prefixes.
        const names: string[] = [];
        const prefixes: string[] = [];
        let query: GetFilesOptions | null = { prefix: `${base}${prefix}`, delimiter: '/', autoPaginate: false };
        while (query) {
          const [files, next, response]: GetFilesResponse = await bucket.getFiles(query);
          names.push(...files.map((file) => file.name.slice(base.length)));
          const pagePrefixes = (response as { prefixes?: string[] } | undefined)?.prefixes ?? [];
          prefixes.push(...pagePrefixes.map((p) => p.slice(base.length)));
          query = next ? { ...(next as GetFilesOptions), autoPaginate: false } : null;
        }
        return { names, prefixes };
      } catch (error) {
        throw translate(error, `list gs://${options.bucket}/${base}${prefix}`);
      }
    },
  };
}
