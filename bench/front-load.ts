// biome-ignore-all lint/suspicious/noExplicitAny: payload patching
/**
 * Child process of bench/front.ts: an HTTP load loop over one keep-alive undici pool (the lightest client
 * Node has, so the load generator takes as little as possible of the CPU the front shares with it).
 * `closed`: C concurrent senders for D seconds (throughput); `open`: R requests/s paced for D seconds,
 * latency measured from each request's scheduled time (no coordinated omission).
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { Pool } from 'undici';

interface Job {
  url: string;
  mode: 'closed' | 'open';
  concurrency: number;
  rate: number;
  seconds: number;
  /** Issue numbers [first, first+count) are used in order, one per request. */
  first: number;
  count: number;
  secret: string;
  /** `webhook` sends signed issues.opened deliveries; `bare` posts the same body to a bare route. */
  kind: 'webhook' | 'bare';
}

const job = JSON.parse(process.env.BENCH_JOB ?? '{}') as Job;
const target = new URL(job.url);
const pool = new Pool(target.origin, { connections: Math.max(job.concurrency, 64) });
const TEXT = {
  title: 'App crashes with a TypeError when saving settings',
  body: 'Steps to reproduce: open settings, click save. Actual: the app crashes with TypeError: Cannot read properties of undefined (stack trace attached).',
};

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as { name: string; examples: Record<string, any>[] }[];
const template = examples.find((e) => e.name === 'issues')?.examples.find((e) => e.action === 'opened');
if (!template) throw new Error('no issues.opened example');

/** The real issues.opened example, moved to the stand-in's repository and issue `number`. */
function build(number: number, createdAt: Date): { headers: Record<string, string>; body: Buffer } {
  const payload = structuredClone(template) as Record<string, any>;
  Object.assign(payload.issue, {
    number,
    title: TEXT.title,
    body: TEXT.body,
    labels: [],
    created_at: createdAt.toISOString(),
  });
  Object.assign(payload.repository, { name: 'bench', full_name: 'bench-org/bench', private: false });
  payload.repository.owner.login = 'bench-org';
  payload.installation = { id: 1 };
  const body = Buffer.from(JSON.stringify(payload));
  const signature = `sha256=${createHmac('sha256', job.secret).update(body).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'content-length': String(body.length),
      'x-github-event': 'issues',
      'x-github-delivery': `bench-${job.kind}-${number}`,
      'x-hub-signature-256': signature,
    },
  };
}

// Signing happens here, before the clock starts: the front's cost is what is measured. A real `opened`
// delivery arrives moments after the issue was created, and the front treats one older than FRESH_ISSUE_MS
// (10 s) as possibly relabelled by a person, with two more GitHub reads. A paced phase outlasts that, so each
// of its deliveries is dated one second before its scheduled send (the schedule starts no earlier than
// `pacedStart`); a closed phase is shorter than 10 s and carries its build time.
const pacedInterval = job.mode === 'open' ? 1000 / job.rate : 0;
const pacedStart = Date.now() + 1000;
const prepared = Array.from({ length: job.count }, (_, i) =>
  build(job.first + i, job.mode === 'open' ? new Date(pacedStart - 1000 + i * pacedInterval) : new Date()),
);
let next = 0;
const latencies: number[] = [];
let errors = 0;
let statuses: Record<number, number> = {};

function send(): Promise<void> {
  const item = prepared[next++ % prepared.length]!;
  const started = performance.now();
  return sendItem(item, started);
}

function sendItem(item: (typeof prepared)[number], started: number, record = true): Promise<void> {
  return pool
    .request({
      path: target.pathname,
      method: 'POST',
      headers: item.headers as Record<string, string>,
      body: item.body,
    })
    .then(
      async (res) => {
        await res.body.dump();
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode !== 200) errors++;
        if (record) latencies.push(performance.now() - started);
      },
      () => {
        errors++;
      },
    );
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function main(): Promise<void> {
  const deadline = performance.now() + job.seconds * 1000;
  let began = performance.now();
  let measuredFrom = began;
  if (job.mode === 'closed') {
    await Promise.all(
      Array.from({ length: job.concurrency }, async () => {
        while (performance.now() < deadline && next < prepared.length) await send();
      }),
    );
  } else {
    // A one-second lead-in at the same pace, not recorded: this process's connections and code warm up
    // (its first requests open connections and run cold), not the front's.
    const leadIn = Math.round(job.rate);
    const total = Math.min(prepared.length, leadIn + Math.round(job.rate * job.seconds));
    const interval = pacedInterval;
    const early = pacedStart - Date.now();
    if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
    began = performance.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const scheduled = began + i * interval;
      const wait = scheduled - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      inflight.push(sendItem(prepared[next++]!, scheduled, i >= leadIn));
    }
    await Promise.all(inflight);
    measuredFrom = began + leadIn * interval;
  }
  const elapsed = (performance.now() - measuredFrom) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  process.send?.({
    completed: latencies.length,
    errors,
    statuses,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? 0,
  });
  await pool.close();
  statuses = {};
}

await main();
