import { escapeHtml } from './escape-html.js';
import { STATUS_SECTIONS } from './status-sections.js';
import type { StatusSection, StatusView } from './status-view.js';

const STYLE =
  'body{font:14px system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse;margin:.5rem 0 1rem}' +
  'th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}th{background:#f3f3f3}code{font-size:13px}';

/** The front's status page as one HTML document (no scripts, no external assets). */
export function renderStatusPage(view: StatusView, sections: StatusSection[] = STATUS_SECTIONS): string {
  const body = sections
    .map((section) => section(view))
    .map(({ title, html }) => `<section><h2>${escapeHtml(title)}</h2>${html}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>labelbot front</title><style>${STYLE}</style></head>
<body><h1>labelbot front <small>${escapeHtml(view.version)}</small></h1>
<p>Up since ${escapeHtml(view.startedAt)} · rendered ${escapeHtml(view.now)}</p>
${body}
</body></html>
`;
}
