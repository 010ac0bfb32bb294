import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { BoroughStatus } from '../../../../pipeline/db/BoroughStatus.js';
import { outputLayout } from '../../../../pipeline/layout.js';
import { loadSchema } from '../../../../pipeline/standard/schema.js';
import { writeQualityReport } from '../../../../pipeline/writers/quality/writeQualityReport.js';

const CHROMIUM = '/usr/bin/chromium';

/** A borough whose every table quarantined rows for every reason of the standard: the widest table the report can have. */
function everyReason(code: string): BoroughStatus {
  const schema = loadSchema();
  const reasons = Object.fromEntries(schema.rowReasons.map((r, i) => [r, 1000 + i]));
  return {
    borough_code: code,
    borough_name: 'Camden',
    status: 'ok',
    standard: schema.standard,
    extract_date: '2026-09-30',
    errors: [],
    warnings: [],
    tables: Object.fromEntries(
      schema.tables.map((t) => [
        t.name,
        { supplied: true, file: t.file, rows_read: 1234567, rows_accepted: 1200000, rows_quarantined: 34567, reasons, missing_optional_columns: [] },
      ]),
    ),
  } as BoroughStatus;
}

describe('the data quality report in a browser', () => {
  let dir: string;
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian chromium, as scripts/ci/installTestDeps.sh does`);
    dir = mkdtempSync(join(tmpdir(), 'hmo-quality-'));
    const layout = outputLayout(dir);
    mkdirSync(join(layout.ingestDir, 'E09000007'), { recursive: true });
    writeFileSync(layout.boroughStatus('E09000007'), JSON.stringify(everyReason('E09000007')));
    await writeQualityReport({ out: dir });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  test.each([1280, 1024])('is no wider than a %i px window, with every reason column', async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(pathToFileURL(outputLayout(dir).qualityHtml).href);
    const size = await page.$eval('html', (html) => ({ scroll: html.scrollWidth, client: html.clientWidth }));
    expect(size.scroll).toBeLessThanOrEqual(size.client);
    expect(await page.$$eval('th.reason', (ths) => ths.length)).toBe(loadSchema().rowReasons.length);
    const broken = await page.$$eval('.nw', (spans) => spans.filter((s) => s.getClientRects().length > 1).length);
    expect(broken).toBe(0);
    await page.close();
  });
});
