/**
 * The README's screenshots ("What you will see"): page 1 of a borough's
 * printed inspection list (print media, A4 landscape width) and the top of
 * the evaluation report, taken in Debian chromium from an OUT folder with a
 * champion (so that OUT/lists holds lists).
 *
 *   node dist/scripts/docs/screenshots.js --out out/sample --borough E09000007 --to docs/img
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { outputLayout } from '../../pipeline/layout.js';

const arg = (name: string, fallback?: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : fallback;
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
};

const out = arg('out');
const borough = arg('borough', 'E09000007');
const to = arg('to', 'docs/img');
mkdirSync(to, { recursive: true });
const layout = outputLayout(out);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  // The printed list: A4 landscape less its margins is 1070 x 730 CSS pixels.
  const list = await browser.newPage({ viewport: { width: 1070, height: 730 } });
  await list.goto(pathToFileURL(layout.listHtml(borough)).href);
  await list.emulateMedia({ media: 'print' });
  await list.screenshot({ path: join(to, 'inspection-list-page-1.png') });
  const report = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  await report.goto(pathToFileURL(layout.evaluationHtml).href);
  await report.screenshot({ path: join(to, 'evaluation-report.png') });
} finally {
  await browser.close();
}
