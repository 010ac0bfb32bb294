import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { InspectionList, RankedProperty } from '../../../../pipeline/rank/InspectionList.js';
import { renderListHtml } from '../../../../pipeline/writers/list/renderListHtml.js';
import { riskBand } from '../../../../pipeline/rank/riskBand.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const EXTRACT = '2026-08-31';
/** A4 landscape less the list's print margins (7 mm each side, 9 mm top, 8 mm bottom), in CSS pixels (96 per inch). */
const PRINTABLE = { width: Math.round(((297 - 14) / 25.4) * 96), height: Math.round(((210 - 17) / 25.4) * 96) };

/**
 * Reasons and addresses as the sample drop's Newham list gives them, picked
 * from the longest end (every row three reasons, a third of them flats with
 * long addresses), so that the page count is a fair worst case.
 */
const PROPERTIES: Array<[string, string, string, string[]]> = [
  ['4 Holly Lane, London', 'E12 7JE', 'Plaistow South', ['private-rented terraced house with 4 habitable rooms and 71 m² (latest EPC), council tax band E, built in 1865, EPC rating F', `2 electors with 2 different surnames registered (as of ${EXTRACT})`, `in a ward where 2.7% of the other homes hold an HMO licence (as of ${EXTRACT})`]],
  ['Second Floor Flat, 4 Rushmore Mews, London', 'E7 3FQ', 'Canning Town South', [`1 waste complaint in the 36 months to ${EXTRACT}`, 'private-rented terraced house with 5 habitable rooms and 103 m² (latest EPC), council tax band E, built in 1873', `1 person named on the council tax bill while 3 electors are registered (as of ${EXTRACT})`]],
  ['49 Holly Lane, London', 'E12 7AP', 'Plaistow South', ['private-rented terraced house with 7 habitable rooms (latest EPC), council tax band G, built in 1867', `2 electors with 2 different surnames registered (as of ${EXTRACT})`, `in a ward where 2.7% of the other homes hold an HMO licence (as of ${EXTRACT})`]],
  ['12 Lordship Rise, London', 'E16 3PN', 'Forest Gate North', ['terraced house with 7 habitable rooms and 137 m² (latest EPC), council tax band G, built in 1879', `3 electors with 2 different surnames registered (as of ${EXTRACT})`, `in a ward where 2.2% of the other homes hold an HMO licence (as of ${EXTRACT})`]],
  ['First Floor Flat, 27 Alexandra Walk, London', 'E16 3WF', 'Holborn and Covent Garden', [`5 new council tax accounts opened in the 36 months to ${EXTRACT}`, 'private-rented terraced house with 151 m² (latest EPC), council tax band E, built in 1879', `single-person discount claimed while 2 electors are registered (as of ${EXTRACT})`]],
  ['6 Colvestone Rise, London', 'E7 5WF', 'Custom House', ['private-rented terraced house with 5 habitable rooms and 131 m² (latest EPC), council tax band G, built in 1889', `3 new electors registered in the 12 months to ${EXTRACT}`, `3 new council tax accounts opened in the 36 months to ${EXTRACT}`]],
  ['20 Lordship Rise, London', 'E16 3TH', 'Forest Gate North', [`7 electors with 7 different surnames registered (as of ${EXTRACT})`, `3 new council tax accounts opened in the 36 months to ${EXTRACT}`, 'terraced house with 6 habitable rooms and 123 m² (latest EPC), council tax band F, built in 1881']],
  ['Flat Above, 8 Whitmore Avenue, London', 'E12 7YD', 'Custom House', [`4 electors removed from the register in the 12 months to ${EXTRACT}`, 'private-rented house with 4 habitable rooms and 89 m² (latest EPC), built in 1883', `in a ward with 4.0 complaints per 100 homes in the 12 months to ${EXTRACT}`]],
  ['25 Mildmay Road, London', 'E13 3ZA', 'Beckton', [`4 new council tax accounts opened in the 36 months to ${EXTRACT}`, 'private-rented terraced house with 7 habitable rooms and 128 m² (latest EPC), council tax band F', `7 new electors registered in the 36 months to ${EXTRACT}`]],
  ['14 Elgin Walk, London', 'E6 8YU', 'Royal Victoria', ['private-rented terraced house, council tax band F, built in 1862', `landlord holds 1 other licensed HMO in the borough (as of ${EXTRACT})`, `in a ward where 5.2% of the other homes hold an HMO licence (as of ${EXTRACT})`]],
  ['Ground Floor Flat, 8 Blenheim Walk, London', 'E6 2XX', 'Royal Victoria', [`1 waste complaint in the 36 months to ${EXTRACT}`, 'terraced flat with 5 habitable rooms and 88 m² (latest EPC), council tax band E, built in 1886', `2 new council tax accounts opened in the 36 months to ${EXTRACT}`]],
  ['37 Malvern Villas, London', 'E13 9BU', 'Canning Town North', [`single-person discount claimed while 4 electors are registered (as of ${EXTRACT})`, `3 new council tax accounts opened in the 36 months to ${EXTRACT}`, `1 waste complaint in the 36 months to ${EXTRACT}`]],
];

function list(rows: number, top: number): InspectionList {
  const bands = { high: 0.5, medium: 0.2 };
  const ranked: RankedProperty[] = Array.from({ length: rows }, (_, i) => {
    const [address, postcode, ward, reasons] = PROPERTIES[i % PROPERTIES.length] as (typeof PROPERTIES)[number];
    const score = 0.999 * Math.exp(-i / 120);
    return {
      rank: i + 1,
      uprn: String(100000000000 + i * 7919),
      address,
      postcode,
      ward_code: `E0501${String(3900 + (i % 12)).padStart(4, '0')}`,
      ward_name: ward,
      easting: null,
      northing: null,
      score,
      risk_band: riskBand(score, bands),
      reasons: i < 2000 ? reasons : null,
      last_inspection_date: null,
    };
  });
  return {
    borough_code: 'E09000025',
    borough_name: 'Newham',
    extract_date: EXTRACT,
    model: { model_id: 'logistic-0bcda126a8fdda8b', kind: 'logistic', trained_on: { boroughs: ['E09000025'], rows: 540, positives: 132, extract_dates: { E09000025: EXTRACT }, data_fingerprint: 'f' } },
    top,
    risk_bands: bands,
    reinspect_after_months: null,
    reasons_computed: Math.min(rows, 2000),
    rows: ranked,
  };
}

/** Pages of a PDF: its page objects (`/Type /Page`, not the `/Pages` tree). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/** WCAG contrast ratio of an `rgb(...)`/`rgba(...)` colour against white. */
function contrastOnWhite(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05);
}

describe('the printed inspection list (Debian chromium, print to PDF)', () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian chromium (apt-get install -y chromium), as scripts/ci/installTestDeps.sh does`);
    dir = mkdtempSync(join(tmpdir(), 'hmo-list-print-'));
    const file = join(dir, 'inspection_list.html');
    writeFileSync(file, renderListHtml(list(2600, 200)));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: PRINTABLE });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  });
  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  test('the top 200 print on at most 8 A4 pages, without background colours', async () => {
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
    const pages = pdfPages(pdf);
    process.stdout.write(`printed list: ${pages} pages\n`);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(8);
  });

  test('page 1 is not half empty: the visit-first table starts on it', async () => {
    await page.emulateMedia({ media: 'print' });
    const firstRow = await page.$eval('tr.visit_first', (row) => row.getBoundingClientRect().bottom);
    // The first rows are in the upper half of the first page, under a short introduction.
    expect(firstRow).toBeLessThan(PRINTABLE.height / 2);
    const rowsOnPage1 = await page.$$eval('tr.visit_first', (rows, height) => rows.filter((r) => r.getBoundingClientRect().bottom <= height).length, PRINTABLE.height);
    expect(rowsOnPage1).toBeGreaterThanOrEqual(15);
  });

  test('the band reads in black and white: a dark word in a box, never white text on a colour', async () => {
    await page.emulateMedia({ media: 'print' });
    const bands = await page.$$eval('tr.visit_first .band', (spans) =>
      spans.map((s) => {
        // The browser's getComputedStyle (the tests compile without the DOM library).
        const style = (globalThis as unknown as { getComputedStyle(e: unknown): Record<'color' | 'borderTopWidth' | 'borderTopStyle' | 'fontWeight', string> }).getComputedStyle(s);
        return { text: (s.textContent ?? '').trim(), color: style.color, border: parseFloat(style.borderTopWidth), borderStyle: style.borderTopStyle, weight: Number(style.fontWeight) };
      }),
    );
    expect(bands).toHaveLength(200);
    expect(new Set(bands.map((b) => b.text.toLowerCase()))).toEqual(new Set(['high', 'medium', 'low']));
    for (const band of bands) {
      expect(contrastOnWhite(band.color)).toBeGreaterThanOrEqual(7);
      expect(band.border).toBeGreaterThan(0);
    }
    // The three bands differ by more than colour: high is bold in a thicker box, low in a dashed one.
    const of = (text: string) => bands.find((b) => b.text.toLowerCase() === text) as (typeof bands)[number];
    expect(of('high').weight).toBeGreaterThan(of('low').weight);
    expect(of('high').border).toBeGreaterThan(of('medium').border);
    expect(of('low').borderStyle).toBe('dashed');
  });

  test('there is room to write the outcome and the date by hand on every row', async () => {
    await page.emulateMedia({ media: 'print' });
    const cells = await page.$$eval('tr.visit_first td.write', (tds) => tds.map((td) => ({ width: td.getBoundingClientRect().width, height: td.getBoundingClientRect().height })));
    expect(cells).toHaveLength(400);
    // At least 14 mm wide (53 px) and 5.5 mm high (20 px) each.
    for (const cell of cells) {
      expect(cell.width).toBeGreaterThanOrEqual(53);
      expect(cell.height).toBeGreaterThanOrEqual(20);
    }
  });

  test('dates and postcodes never break across lines', async () => {
    const broken = await page.$$eval('.nw', (spans) => spans.filter((s) => s.getClientRects().length > 1).map((s) => s.textContent));
    expect(broken).toEqual([]);
    expect(await page.$$eval('.nw', (spans) => spans.length)).toBeGreaterThan(400);
  });
});
