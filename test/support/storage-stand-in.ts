import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compareCodeUnits } from '@labelbot/model';
import { hashHeader, makeBlob, objectResource, parseMultipart, type StoredBlob } from './storage-stand-in-objects.js';

export type StandInState = 'up' | 'refusing' | 'unavailable';

export interface StorageStandIn {
  /** `http://127.0.0.1:PORT`, the client's `apiEndpoint`. */
  readonly url: string;
  /** Every request served: method, path and query. */
  readonly requests: { method: string; path: string; query: Record<string, string> }[];
  /** Requests the stand-in could not match to the JSON API, with why; tests expect none. */
  readonly rejected: string[];
  /** `refusing` closes the port (connection refused); `unavailable` answers 503; `up` serves. */
  setState(state: StandInState): Promise<void>;
  objects(bucket: string): Map<string, StoredBlob>;
  close(): Promise<void>;
}

class Rejection extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A loopback stand-in of the Cloud Storage JSON API, as @google-cloud/storage 7 speaks it:
 * object metadata and media download (with generation), list with prefix + delimiter, media /
 * multipart / resumable uploads with ifGenerationMatch (412). Unknown routes, unknown buckets and
 * malformed uploads are answered 400 and recorded in `rejected`.
 */
export async function startStorageStandIn(options: {
  buckets: string[];
  /** Most entries (objects and prefixes) one list page holds, as the service caps `maxResults` (1000). */
  listPageSize?: number;
}): Promise<StorageStandIn> {
  const buckets = new Map(options.buckets.map((name) => [name, new Map<string, StoredBlob>()]));
  const requests: StorageStandIn['requests'] = [];
  const rejected: string[] = [];
  const resumable = new Map<
    string,
    { bucket: string; name: string; ifGenerationMatch?: string; contentType: string }
  >();
  let state: StandInState = 'up';
  let generation = Date.now() * 1000;

  const bucketOf = (name: string) => {
    const bucket = buckets.get(name);
    if (!bucket) throw new Rejection(404, `bucket ${name} does not exist`);
    return bucket;
  };

  function store(bucket: string, name: string, bytes: Buffer, contentType: string, ifGenerationMatch?: string) {
    if (!name) throw new Rejection(400, 'upload without an object name');
    const objects = bucketOf(bucket);
    const current = objects.get(name);
    if (ifGenerationMatch !== undefined && !/^\d+$/.test(ifGenerationMatch)) {
      throw new Rejection(400, `Invalid argument: ifGenerationMatch '${ifGenerationMatch}' is not a generation number`);
    }
    if (ifGenerationMatch !== undefined && (current?.generation ?? '0') !== ifGenerationMatch) {
      throw new Rejection(412, `At least one of the pre-conditions you specified did not hold. (${name})`);
    }
    const blob = makeBlob(bytes, String(++generation), contentType);
    objects.set(name, blob);
    return objectResource(bucket, name, blob);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ method: req.method ?? '', path: url.pathname, query });
    if (state === 'unavailable') return sendJson(res, 503, { error: { code: 503, message: 'Service Unavailable' } });
    const path = url.pathname.replace(/^\/storage\/v1(?=\/b\/)/, '');
    const object = /^\/b\/([^/]+)\/o\/(.+)$/.exec(path);
    const objects = /^\/b\/([^/]+)\/o\/?$/.exec(path);
    const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);

    if (req.method === 'GET' && object) {
      const [bucket, name] = [object[1] as string, decodeURIComponent(object[2] as string)];
      const blob = bucketOf(bucket).get(name);
      if (!blob || (query.generation && query.generation !== blob.generation)) {
        return sendJson(res, 404, { error: { code: 404, message: `No such object: ${bucket}/${name}` } });
      }
      if (query.alt === 'media') {
        res.writeHead(200, {
          'content-type': blob.contentType,
          'x-goog-generation': blob.generation,
          'x-goog-hash': hashHeader(blob),
          'x-goog-stored-content-encoding': 'identity',
        });
        return void res.end(blob.bytes);
      }
      if (query.alt && query.alt !== 'json') throw new Rejection(400, `unknown alt=${query.alt}`);
      return sendJson(res, 200, objectResource(bucket, name, blob));
    }
    if (req.method === 'GET' && objects) {
      const bucket = objects[1] as string;
      const prefix = query.prefix ?? '';
      const delimiter = query.delimiter;
      if (delimiter !== undefined && delimiter !== '/') throw new Rejection(400, `unexpected delimiter '${delimiter}'`);
      // One ordered run of entries (an object, or a prefix the first time it is seen), cut into pages as the
      // service does: `maxResults` capped, `nextPageToken` while entries remain.
      const entries: ({ item: Record<string, unknown> } | { prefix: string })[] = [];
      const seen = new Set<string>();
      for (const [name, blob] of [...bucketOf(bucket)].sort(([a], [b]) => compareCodeUnits(a, b))) {
        if (!name.startsWith(prefix)) continue;
        const rest = name.slice(prefix.length);
        const cut = delimiter ? rest.indexOf(delimiter) : -1;
        if (cut === -1) entries.push({ item: objectResource(bucket, name, blob) });
        else if (!seen.has(prefix + rest.slice(0, cut + 1))) {
          seen.add(prefix + rest.slice(0, cut + 1));
          entries.push({ prefix: prefix + rest.slice(0, cut + 1) });
        }
      }
      const pageSize = Math.min(Number(query.maxResults ?? 1000), options.listPageSize ?? 1000);
      const from = query.pageToken ? Number(Buffer.from(query.pageToken, 'base64url').toString()) : 0;
      if (!Number.isInteger(from) || from < 0) throw new Rejection(400, `invalid pageToken '${query.pageToken}'`);
      const page = entries.slice(from, from + pageSize);
      const next = from + pageSize < entries.length ? Buffer.from(String(from + pageSize)).toString('base64url') : null;
      return sendJson(res, 200, {
        kind: 'storage#objects',
        items: page.flatMap((e) => ('item' in e ? [e.item] : [])),
        prefixes: page.flatMap((e) => ('prefix' in e ? [e.prefix] : [])),
        ...(next ? { nextPageToken: next } : {}),
      });
    }
    if (req.method === 'POST' && upload) {
      const bucket = upload[1] as string;
      bucketOf(bucket);
      const body = await readBody(req);
      const type = req.headers['content-type'] ?? '';
      if (query.uploadType === 'media') {
        return sendJson(res, 200, store(bucket, query.name ?? '', body, type, query.ifGenerationMatch));
      }
      if (query.uploadType === 'multipart') {
        const parsed = (() => {
          try {
            return parseMultipart(type, body);
          } catch (error) {
            throw new Rejection(400, (error as Error).message);
          }
        })();
        const name = query.name ?? String(parsed.metadata.name ?? '');
        if (parsed.metadata.name !== undefined && parsed.metadata.name !== name) {
          throw new Rejection(400, `metadata name '${parsed.metadata.name}' differs from name=${name}`);
        }
        return sendJson(res, 200, store(bucket, name, parsed.data, parsed.dataType, query.ifGenerationMatch));
      }
      if (query.uploadType === 'resumable') {
        const metadata = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
        const id = randomUUID();
        const name = query.name ?? String(metadata.name ?? '');
        const contentType = String(metadata.contentType ?? 'application/octet-stream');
        resumable.set(id, { bucket, name, ifGenerationMatch: query.ifGenerationMatch, contentType });
        res.writeHead(200, { location: `${standIn.url}${url.pathname}?uploadType=resumable&upload_id=${id}` });
        return void res.end();
      }
      throw new Rejection(400, `unknown uploadType=${query.uploadType}`);
    }
    if (req.method === 'PUT' && upload && query.upload_id) {
      const session = resumable.get(query.upload_id);
      if (!session) throw new Rejection(404, `no resumable session ${query.upload_id}`);
      const body = await readBody(req);
      resumable.delete(query.upload_id);
      return sendJson(
        res,
        200,
        store(session.bucket, session.name, body, session.contentType, session.ifGenerationMatch),
      );
    }
    throw new Rejection(400, `not a Cloud Storage JSON API request: ${req.method} ${url.pathname}`);
  }

  const handle = (req: IncomingMessage, res: ServerResponse) =>
    void route(req, res).catch((error: unknown) => {
      const status = error instanceof Rejection ? error.status : 500;
      if (status === 400) rejected.push(`${req.method} ${req.url}: ${(error as Error).message}`);
      sendJson(res, status, { error: { code: status, message: (error as Error).message } });
    });

  let server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });

  const standIn: StorageStandIn = {
    url: `http://127.0.0.1:${port}`,
    requests,
    rejected,
    async setState(next: StandInState): Promise<void> {
      if (next === state) return;
      if (state === 'refusing') {
        server = createServer(handle);
        await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      }
      if (next === 'refusing') await closeServer();
      state = next;
    },
    objects: (bucket) => bucketOf(bucket),
    close: () => (state === 'refusing' ? Promise.resolve() : closeServer()),
  };
  return standIn;
}
