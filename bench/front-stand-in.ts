/**
 * Child process of bench/front.ts: the GitHub stand-in seeded with the issues the load will label.
 * Talks to the parent over IPC: sends `{ ready }` once listening, answers `stats`, exits on `close`.
 */
import { startGitHubStandIn } from '../test/support/github-stand-in.js';

const issues = Number(process.env.BENCH_ISSUES ?? 20_000);
const standIn = await startGitHubStandIn({
  installations: [
    {
      id: 1,
      account: 'bench-org',
      repos: [
        {
          name: 'bench',
          labels: ['bug', 'feature', 'question'],
          issues: Array.from({ length: issues }, (_, i) => ({ number: i + 1 })),
        },
      ],
    },
  ],
});
process.send?.({
  type: 'ready',
  url: standIn.url,
  appId: standIn.appId,
  privateKeyPem: standIn.privateKeyPem,
  botLogin: standIn.botLogin,
});
process.on('message', async (message: { type: string }) => {
  if (message.type === 'stats') {
    const failed = standIn.requests
      .filter((request) => request.status >= 400)
      .map((request) => `${request.status} ${request.route ?? `${request.method} ${request.path}`}`);
    const byRoute: Record<string, number> = {};
    for (const request of standIn.requests) {
      const route = request.route ?? `${request.method} ${request.path}`;
      byRoute[route] = (byRoute[route] ?? 0) + 1;
    }
    process.send?.({
      type: 'stats',
      writes: standIn.writes.length,
      requests: standIn.requests.length,
      byRoute,
      failed,
    });
  } else if (message.type === 'close') {
    await standIn.close();
    process.exit(0);
  }
});
// A parent that died without sending `close` must not leave this server running.
process.on('disconnect', () => process.exit(0));
