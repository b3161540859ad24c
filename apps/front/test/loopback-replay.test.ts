import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { until } from '../../../test/support/until.js';
import { run as replay } from '../../cli/src/commands/replay.js';
import { startServer } from '../src/server.js';
import { type FrontHarness, INSTALLATION, OWNER, startFrontHarness } from './support/front-harness.js';
import { signedDelivery, TEST_SECRET } from './support/signed-delivery.js';
import { issuesPayload } from './support/webhook-examples.js';

const EXAMPLE = resolve(import.meta.dirname, '../examples/issues-opened.json');

describe('the front on real loopback HTTP', () => {
  let front: FrontHarness;
  afterEach(async () => {
    vi.restoreAllMocks();
    await front.close();
  });

  it('takes a delivery signed and sent by `labelbot replay` and prints the decision', async () => {
    front = await startFrontHarness({
      installations: [
        {
          id: 4000001,
          account: 'octo-org',
          repos: [{ name: 'hello-world', labels: ['bug', 'feature', 'question'], issues: [{ number: 42 }] }],
        },
      ],
    });
    const server = await startServer(front.deps, { port: 0, host: '127.0.0.1', handleSignals: false });
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      const url = `${server.url}/api/github/webhooks`;
      const code = await replay([EXAMPLE, '--url', url, '--secret', TEST_SECRET, '--delivery', 'replay-1']);
      const wrong = await replay([EXAMPLE, '--url', url, '--secret', 'not-it']);
      vi.restoreAllMocks();
      expect(code).toBe(0);
      expect(printed.join('')).toMatch(
        /HTTP 200\n\{\n {2}"delivery": "replay-1",\n {2}"event": "issues.opened",\n {2}"outcome": "accepted"/,
      );
      expect(printed.join('')).toContain('"applied": [\n    "bug"\n  ]');
      expect(wrong).toBe(1);
      expect(printed.join('')).toContain('HTTP 401');
      expect(front.standIn.state.repo('octo-org/hello-world').issues.get(42)?.labels).toEqual(['bug']);
      expect(front.standIn.writes[0]?.deliveryId).toBe('replay-1');
    } finally {
      await server.close();
    }
  });
});

describe('graceful shutdown on real loopback HTTP', () => {
  it('finishes a delivery in flight and then closes, without waiting for the keep-alive timeout', async () => {
    let labelling = false;
    const front = await startFrontHarness({
      wrapLabeler: (labeler) => ({
        ...labeler,
        labelIssue: async (request) => {
          labelling = true;
          await new Promise((resolve) => setTimeout(resolve, 500));
          return labeler.labelIssue(request);
        },
      }),
    });
    const server = await startServer(front.deps, { port: 0, host: '127.0.0.1', handleSignals: false });
    try {
      const request = signedDelivery(
        issuesPayload('opened', { owner: OWNER, repo: 'app', number: 1, installationId: INSTALLATION }),
        { event: 'issues' },
      );
      const inFlight = fetch(`${server.url}${request.url}`, {
        method: 'POST',
        headers: request.headers,
        body: request.payload,
      });
      await until(() => labelling);
      const closing = server.close();
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(((await response.json()) as { outcome: string }).outcome).toBe('accepted');
      // Answered while closing, so its connection closes with it: close() need not wait out the keep-alive.
      expect(response.headers.get('connection')).toBe('close');
      await closing;
    } finally {
      await server.close();
      await front.close();
    }
  });
});
