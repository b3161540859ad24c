import { afterEach, describe, expect, it } from 'vitest';
import { type FrontHarness, INSTALLATION, OWNER, startFrontHarness } from './support/front-harness.js';
import { signedDelivery } from './support/signed-delivery.js';
import { issuesPayload } from './support/webhook-examples.js';

const TEXT = { title: 'Crash on start: segmentation fault', body: 'The binary segfaults on start with a core dump.' };

describe('status page, health, metrics and predict', () => {
  let front: FrontHarness;
  afterEach(async () => {
    await front.close();
  });

  it('shows version, model, counters and recent decisions without naming private repositories', async () => {
    front = await startFrontHarness({
      installations: [
        {
          id: INSTALLATION,
          account: OWNER,
          repos: [
            { name: 'public-app', labels: ['bug', 'feature', 'question'], issues: [{ number: 1 }] },
            { name: 'secret-app', private: true, labels: ['bug', 'feature', 'question'], issues: [{ number: 2 }] },
          ],
        },
      ],
    });
    const send = (repo: string, number: number, isPrivate: boolean) =>
      front.app.inject(
        signedDelivery(
          issuesPayload('opened', {
            owner: OWNER,
            repo,
            number,
            installationId: INSTALLATION,
            private: isPrivate,
            ...TEXT,
            title: `${repo} title ${number}`,
          }),
          { event: 'issues' },
        ),
      );
    expect((await send('public-app', 1, false)).statusCode).toBe(200);
    expect((await send('secret-app', 2, true)).statusCode).toBe(200);
    const page = await front.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('octo-org/public-app#1');
    expect(page.body).toContain('(private repository)');
    expect(page.body).not.toContain('secret-app');
    expect(page.body).not.toContain('app title');
    expect(page.body).toContain(front.app.front.model.manifest.version);
    const heldOut = front.app.front.model.manifest.metrics.heldOut as { top1: { perRepoMacroF1: number } };
    expect(page.body).toContain(
      `<td>heldOut.top1.perRepoMacroF1</td><td>${heldOut.top1.perRepoMacroF1.toFixed(3)}</td>`,
    );
    expect(page.body).toMatch(/deliveries accepted<\/td><td>2</);
  });

  it('answers healthz and readyz, and protects /metrics with the bearer token when set', async () => {
    front = await startFrontHarness({ env: { METRICS_TOKEN: 'scrape-me' } });
    expect((await front.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await front.app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ready' });
    expect((await front.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await front.app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(
      401,
    );
    const metrics = await front.app.inject({ url: '/metrics', headers: { authorization: 'Bearer scrape-me' } });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('labelbot_front_webhook_deliveries_total');
    expect(metrics.body).toMatch(/labelbot_front_model_info\{name="[^"]+",version="[^"]+"\} 1/);
  });

  it('predicts for POST /api/predict, validates the body and rate-limits', async () => {
    front = await startFrontHarness({ env: { PREDICT_RATE_LIMIT: '3' } });
    const ok = await front.app.inject({ method: 'POST', url: '/api/predict', payload: TEXT });
    expect(ok.statusCode).toBe(200);
    const body = ok.json();
    expect(Object.keys(body.scores).sort()).toEqual([...front.app.front.model.manifest.labels].sort());
    expect(
      (await front.app.inject({ method: 'POST', url: '/api/predict', payload: { body: 'no title' } })).statusCode,
    ).toBe(400);
    await front.app.inject({ method: 'POST', url: '/api/predict', payload: TEXT });
    const limited = await front.app.inject({ method: 'POST', url: '/api/predict', payload: TEXT });
    expect(limited.statusCode).toBe(429);
  });

  it('rate-limits per client behind the load balancer (TRUSTED_PROXY_HOPS), not per proxy, and a forged hop does not help', async () => {
    front = await startFrontHarness({ env: { PREDICT_RATE_LIMIT: '2', TRUSTED_PROXY_HOPS: '2' } });
    // What a Google load balancer sends: the socket is its proxy; X-Forwarded-For ends `<client>, <load balancer>`.
    const from = (client: string, forged?: string) =>
      front.app.inject({
        method: 'POST',
        url: '/api/predict',
        payload: TEXT,
        remoteAddress: '35.191.0.9',
        headers: { 'x-forwarded-for': `${forged ? `${forged}, ` : ''}${client}, 34.120.0.1` },
      });
    expect((await from('203.0.113.7')).statusCode).toBe(200);
    expect((await from('203.0.113.7', '198.51.100.1')).statusCode).toBe(200);
    expect((await from('203.0.113.7', '198.51.100.2')).statusCode).toBe(429);
    // Another client behind the same proxy has its own allowance.
    expect((await from('203.0.113.8')).statusCode).toBe(200);
  });
});
