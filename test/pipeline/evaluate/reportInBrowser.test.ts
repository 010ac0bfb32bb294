import { existsSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { evaluateModel } from '../../../pipeline/evaluate/evaluateModel.js';
import { DEFAULT_PARAMS, type Params } from '../../../pipeline/params/Params.js';
import { silentContext } from '../../../pipeline/stage.js';
import { buildFixture, fakeScorer, type Fixture } from './evaluationFixture.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const params: Params = { ...structuredClone(DEFAULT_PARAMS), evaluate: { ...DEFAULT_PARAMS.evaluate, bootstrap_samples: 20 } };

describe('the evaluation report in a real headless browser', () => {
  let fixture: Fixture;
  let browser: Browser;
  let reportUrl: string;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian chromium (apt-get install -y chromium), as .ci/run does`);
    fixture = await buildFixture();
    const result = await evaluateModel(
      { out: fixture.out, modelDir: fixture.modelDir, baselineModelDir: fixture.weakModelDir, truth: fixture.truth, params },
      silentContext,
      async (dir) => fakeScorer(dir),
    );
    reportUrl = pathToFileURL(result.files.reportHtml).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    if (fixture !== undefined) rmSync(fixture.root, { recursive: true, force: true });
  });

  test('renders offline, shows every chart with a size and a caption, logs no error and requests nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const consoleErrors: string[] = [];
    const failedRequests: string[] = [];
    const outsideRequests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('requestfailed', (request) => failedRequests.push(request.url()));
    // Nothing but the report file itself may be fetched: the report must be self-contained.
    await page.route('**/*', async (route) => {
      if (route.request().url() === reportUrl) return route.continue();
      outsideRequests.push(route.request().url());
      return route.abort();
    });
    const response = await page.goto(reportUrl, { waitUntil: 'load' });
    expect(response === null || response.ok()).toBe(true);
    expect(await page.title()).toContain('Model evaluation');

    const charts = await page.$$eval('figure.chart', (figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          id: figure.id,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: svg?.querySelectorAll('path, rect, line, circle').length ?? 0,
          caption: figure.querySelector('figcaption')?.textContent ?? '',
        };
      }),
    );
    expect(charts.map((c) => c.id).sort()).toEqual(
      ['chart-calibration', 'chart-field-trial', 'chart-gain', 'chart-importance', 'chart-pr', 'chart-precision-by-borough', 'chart-roc', 'chart-slices'].sort(),
    );
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(100);
      expect(chart.height).toBeGreaterThan(100);
      expect(chart.marks).toBeGreaterThan(5);
      expect(chart.caption.length).toBeGreaterThan(60);
    }
    expect(await page.$$eval('svg', (svgs) => svgs.length)).toBe(charts.length);
    expect(await page.$$eval('script', (scripts) => scripts.length)).toBe(0);
    const text = await page.textContent('body');
    expect(text).toContain('Simulated field trial');
    expect(text).toContain('Candidate against the model in use');
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
    expect(outsideRequests).toEqual([]);
    await page.close();
  });
});
