import { Agent, interceptors, request } from 'undici';

/**
 * Longest wait, ms, to connect to GitHub, for its response headers, and between two chunks of its body; past it
 * the call fails like a network error. GitHub answers in well under a second; without a bound a hung connection
 * would hold a webhook (GitHub waits 10 s) or a worker's lease for undici's default of 5 minutes.
 */
export const DEFAULT_GITHUB_TIMEOUT_MS = 5_000;

export interface UndiciFetchOptions {
  /** Connect, headers and body-idle timeout, ms; default {@link DEFAULT_GITHUB_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Redirects followed per request, as fetch does (GitHub answers 301/307 for renamed repositories); default 5. */
  maxRedirections?: number;
  /** Idle keep-alive time of a pooled connection, ms; default 30 000. */
  keepAliveTimeoutMs?: number;
}

/** The response headers Octokit reads: `get` and `[name, value]` iteration, names in lower case. */
class ResponseHeaders extends Map<string, string> {
  override get(name: string): string | undefined {
    return super.get(name.toLowerCase());
  }
}

/**
 * The HTTP edge of the GitHub client: the `fetch` subset Octokit uses (status, url, headers,
 * text/json/arrayBuffer/body), over `undici.request` and one keep-alive connection pool.
 * WHATWG fetch builds Request/Response objects and web streams per call; at hundreds of GitHub
 * requests a second that costs more CPU than labelling itself (see the README's performance section).
 */
export function createUndiciFetch(options: UndiciFetchOptions = {}): typeof fetch {
  const timeout = options.timeoutMs ?? DEFAULT_GITHUB_TIMEOUT_MS;
  const dispatcher = new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    connect: { timeout },
    headersTimeout: timeout,
    bodyTimeout: timeout,
  }).compose(interceptors.redirect({ maxRedirections: options.maxRedirections ?? 5 }));
  const undiciFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const answer = await request(url, {
      dispatcher,
      method: (init?.method ?? 'GET') as 'GET',
      headers: init?.headers as Record<string, string> | undefined,
      body: init?.body as string | Buffer | undefined,
      signal: init?.signal ?? undefined,
    });
    const bytes = Buffer.from(await answer.body.arrayBuffer());
    const headers = new ResponseHeaders();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const text = async () => bytes.toString('utf8');
    const response = {
      status: answer.statusCode,
      statusText: '',
      ok: answer.statusCode >= 200 && answer.statusCode < 300,
      url,
      headers,
      text,
      json: async () => JSON.parse(await text()),
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      get body() {
        return new Blob([bytes]).stream();
      },
    };
    return response as unknown as Response;
  };
  return undiciFetch as typeof fetch;
}
