import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './support/render-variant.js';

const manifest = parse(readFileSync(join(repoRoot, 'app.yml'), 'utf8'));

describe('GitHub App manifest', () => {
  it('asks only for the permissions the bot uses', () => {
    expect(manifest.default_permissions).toEqual({ issues: 'write', contents: 'read', metadata: 'read' });
  });

  it('subscribes to issue events and delivers them to the webhook route the Ingress exposes', () => {
    expect(manifest.default_events).toEqual(['issues']);
    expect(new URL(manifest.hook_attributes.url).pathname).toBe('/api/github/webhooks');
    expect(manifest.hook_attributes.url).toMatch(/^https:\/\//);
    expect(manifest.public).toBe(false);
    expect(manifest.name).toMatch(/^[a-z0-9-]+$/);
  });
});
