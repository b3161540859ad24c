import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One series of an instant vector, as Prometheus returns it. */
export interface PrometheusSeries {
  metric: Record<string, string>;
  value: number;
}

/**
 * A loopback stand-in for Prometheus's `GET /api/v1/query`: answers each query whose PromQL
 * contains one of the given fragments with that fragment's vector, and anything else with a
 * `bad_data` error, so a query the code did not mean to send fails loudly. Queries are recorded.
 */
export async function startPrometheusStandIn(answers: Record<string, PrometheusSeries[]>) {
  const queries: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const query = url.searchParams.get('query') ?? '';
    const send = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.method !== 'GET' || url.pathname !== '/api/v1/query')
      return send(404, { status: 'error', error: 'not found' });
    queries.push(query);
    const fragment = Object.keys(answers).find((key) => query.includes(key));
    if (fragment === undefined)
      return send(400, { status: 'error', errorType: 'bad_data', error: `unexpected query ${query}` });
    const now = Date.now() / 1000;
    const result = (answers[fragment] ?? []).map((series) => ({
      metric: series.metric,
      value: [now, String(series.value)],
    }));
    return send(200, { status: 'success', data: { resultType: 'vector', result } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    queries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
