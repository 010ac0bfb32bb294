/** Text made safe to place in HTML. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * A complete, self-contained HTML page (inline CSS, no scripts, no network)
 * in the project's house style, printable on A4. Every HTML output (quality
 * report, evaluation report, inspection lists) is one of these.
 *
 * @example
 *   htmlPage({ title: 'Data quality', body: '<h1>Data quality</h1>...' });
 */
export function htmlPage(options: { title: string; body: string; extraCss?: string; landscape?: boolean }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>
@page { size: A4${options.landscape === true ? ' landscape' : ''}; margin: 14mm; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1b1b; margin: 24px auto; max-width: 1100px; padding: 0 16px; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05em; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1.2em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f1f1f1; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr { page-break-inside: avoid; }
.muted { color: #555; } .ok { color: #1a6e2a; } .bad { color: #b00020; } .warn { color: #8a5a00; }
.flag { background: #fff1c2; }
figure { margin: 1em 0; page-break-inside: avoid; } figcaption { font-size: 0.9em; color: #444; }
svg { max-width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } .no-print { display: none; } }
${options.extraCss ?? ''}
</style>
</head>
<body>
${options.body}
</body>
</html>
`;
}
