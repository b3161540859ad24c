import { createHmac, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DEV_WEBHOOK_SECRET } from '@labelbot/front/dev-webhook-secret';

const USAGE = `usage: labelbot replay PAYLOAD.json [--url URL] [--secret SECRET] [--event NAME] [--delivery ID]

Signs PAYLOAD.json with HMAC-SHA256 (X-Hub-Signature-256) and posts it as a GitHub webhook.
  --url       default http://127.0.0.1:$PORT/api/github/webhooks (PORT defaults to 3000)
  --secret    default $GITHUB_WEBHOOK_SECRET, else the development secret \`labelbot dev\` uses
  --event     X-GitHub-Event; default guessed from the payload (issues, ping, installation, …)
  --delivery  X-GitHub-Delivery; default a new UUID (reuse one to see de-duplication)
`;

/** `labelbot replay`: sign and send a saved webhook payload, print the answer. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      secret: { type: 'string' },
      event: { type: 'string' },
      delivery: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [file] = positionals;
  if (values.help || !file || positionals.length > 1) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  const body = await readFile(file, 'utf8');
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch (error) {
    process.stderr.write(`labelbot replay: ${file} is not JSON (${(error as Error).message}); sending it anyway\n`);
  }
  const event = values.event ?? guessEvent(payload);
  if (!event) {
    process.stderr.write('labelbot replay: cannot tell the event from the payload; pass --event NAME\n');
    return 2;
  }
  const url = values.url ?? `http://127.0.0.1:${process.env.PORT || 3000}/api/github/webhooks`;
  const secret = values.secret ?? (process.env.GITHUB_WEBHOOK_SECRET || DEV_WEBHOOK_SECRET);
  const delivery = values.delivery ?? randomUUID();
  const signature = `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

  process.stdout.write(`POST ${url} (event ${event}, delivery ${delivery})\n`);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'GitHub-Hookshot/labelbot-replay',
        'x-github-event': event,
        'x-github-delivery': delivery,
        'x-hub-signature-256': signature,
      },
      body,
    });
  } catch (error) {
    const cause = (error as { cause?: Error }).cause?.message ?? (error as Error).message;
    process.stderr.write(`labelbot replay: cannot reach ${url} (${cause}); is \`npm start\` running?\n`);
    return 1;
  }
  const text = await response.text();
  process.stdout.write(`HTTP ${response.status}\n${pretty(text)}\n`);
  return response.ok ? 0 : 1;
}

function guessEvent(payload: unknown): string | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const keys = new Set(Object.keys(payload));
  if (keys.has('zen') && keys.has('hook_id')) return 'ping';
  if (keys.has('issue')) return keys.has('comment') ? 'issue_comment' : 'issues';
  if (keys.has('pull_request')) return 'pull_request';
  if (keys.has('repositories_added') || keys.has('repositories_removed')) return 'installation_repositories';
  if (keys.has('installation') && (keys.has('repositories') || !keys.has('repository'))) return 'installation';
  return undefined;
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
