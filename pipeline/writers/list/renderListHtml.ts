import type { TopLevelSpec } from 'vega-lite';
import { learnerOf } from '../../../models/learners.js';
import { loadSchema } from '../../standard/schema.js';
import { escapeHtml, htmlPage } from '../../util/html.js';
import { renderChart } from '../../util/renderChart.js';
import type { InspectionList, RankedProperty } from '../../rank/InspectionList.js';
import { formatScore, type RiskBand } from '../../rank/riskBand.js';

/** How many of the mapped points carry their rank as a label. */
const MAP_LABELS = 20;
const BAND_COLOURS: Record<RiskBand, string> = { high: '#b00020', medium: '#d98b00', low: '#4a6fa5' };

/**
 * The printable page of a borough's list (A4 landscape, self-contained: inline
 * CSS and SVG, no script, no network): the borough, the data's extract date,
 * the model and what it was trained on, how to use the list, the risk-band
 * thresholds, a map-like scatter of the visit-first properties and their
 * table with reasons. No wall-clock time, so the same list gives the same bytes.
 *
 * @example
 *   writeFileAtomic(layout.listHtml(code), await renderListHtml(list));
 */
export async function renderListHtml(list: InspectionList): Promise<string> {
  const visitFirst = list.rows.slice(0, list.top);
  const name = `${list.borough_name} (${list.borough_code})`;
  const body = [
    `<h1>HMO inspection list: ${escapeHtml(name)}</h1>`,
    `<p class="muted">Data extracted on <strong>${escapeHtml(list.extract_date)}</strong> &middot; ${count(list.rows.length)} candidate properties &middot; ` +
      `the first ${count(visitFirst.length)} are marked to visit first.</p>`,
    modelSection(list),
    howToUse(list, visitFirst.length),
    bandsSection(list, visitFirst),
    await mapSection(visitFirst),
    tableSection(visitFirst),
  ].join('\n');
  return htmlPage({ title: `HMO inspection list: ${name}`, body, landscape: true, extraCss: CSS });
}

const CSS = `
.meta td:first-child { width: 14em; color: #444; }
table.list td.reasons ol { margin: 0; padding-left: 1.2em; }
table.list td.write { width: 7em; }
table.list td.reasons { width: 40%; }
table.list td.address { width: 20%; }
table.list thead { display: table-header-group; }
tr.visit_first td.rank { font-weight: 600; }
.band { display: inline-block; padding: 0 0.4em; border-radius: 3px; color: #fff; font-size: 0.85em; }
.band.high { background: ${BAND_COLOURS.high}; } .band.medium { background: ${BAND_COLOURS.medium}; } .band.low { background: ${BAND_COLOURS.low}; }
.note { border-left: 4px solid #4a6fa5; padding: 0.2em 0.8em; background: #f5f7fb; }
@media print {
  body { font-size: 9.5pt; }
  table.list { font-size: 8.5pt; }
  h2 { page-break-after: avoid; }
  .note, table.meta, table.bands { page-break-inside: avoid; }
}
`;

function modelSection(list: InspectionList): string {
  const trained = list.model.trained_on;
  const byDate = new Map<string, string[]>();
  for (const [code, date] of Object.entries(trained.extract_dates).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    byDate.set(date, [...(byDate.get(date) ?? []), code]);
  }
  const schema = loadSchema();
  const extracts = [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, codes]) => `${escapeHtml(date)}: ${codes.map((c) => escapeHtml(schema.borough(c)?.name ?? c)).join(', ')}`)
    .join('<br>');
  const ownData = trained.boroughs.includes(list.borough_code)
    ? `${escapeHtml(list.borough_name)}'s own past inspections were among them.`
    : `${escapeHtml(list.borough_name)}'s own inspections were not among them: the model carries what it learnt elsewhere.`;
  return `<h2>Data and model</h2>
<table class="meta">
<tr><td>Borough</td><td>${escapeHtml(list.borough_name)} (${escapeHtml(list.borough_code)})</td></tr>
<tr><td>Data extract date</td><td>${escapeHtml(list.extract_date)}: scores and reasons use the council's records as of this date</td></tr>
<tr><td>Model</td><td>${escapeHtml(list.model.model_id)} (${escapeHtml(kindName(list.model.kind))})</td></tr>
<tr><td>Trained on</td><td>${count(trained.rows)} past inspections (${count(trained.positives)} found an HMO) from the extracts dated<br>${extracts}<br>${ownData}</td></tr>
<tr><td>Candidates</td><td>Properties with no current HMO licence (mandatory or additional; a selective licence does not count) and ${
    list.reinspect_after_months === null
      ? 'no inspection on record'
      : `no inspection in the last ${list.reinspect_after_months} months`
  }</td></tr>
</table>`;
}

function kindName(kind: string): string {
  return learnerOf(kind)?.names.list ?? kind;
}

function howToUse(list: InspectionList, visitFirst: number): string {
  return `<h2>How to use this list</h2>
<div class="note"><ul>
<li><strong>It ranks visits; it decides nothing.</strong> A high score is a reason to look, not a finding about anyone: only an inspection establishes whether a property is an HMO.</li>
<li>Visit from the top. The table below holds the first ${count(visitFirst)} of the ${count(list.rows.length)} candidates; the file <code>inspection_list.csv</code> beside this page holds every candidate in the same order (rank 1 to ${count(list.rows.length)}; ranks 1 to ${count(visitFirst)} are the ones to visit first).</li>
<li>Check the reasons before a visit: each is a fact of the council's own records as of ${escapeHtml(list.extract_date)} that raised the property's score, the property's own evidence first and its ward's figures last. A blank reason means the records hold no more evidence for that property, not that any was hidden.${
    list.reasons_computed < list.rows.length
      ? ` In the CSV, reasons are given for ranks 1 to ${count(list.reasons_computed)}; beyond, <code>reason_1</code> says they were not computed.`
      : ''
  }</li>
<li>Record every visit in the CSV: <code>outcome</code> (<code>hmo</code>, <code>not-hmo</code> or <code>no-access</code>) and <code>inspected_on</code> (YYYY-MM-DD). Then <code>hmo outcomes --list inspection_list.csv --out inspections-from-list.csv</code> turns them into rows of the data standard's <code>inspections.csv</code>, so the next data drop carries them and the next model learns from them.</li>
<li>No personal data: the list speaks of properties, never of people.</li>
</ul></div>`;
}

function bandsSection(list: InspectionList, visitFirst: readonly RankedProperty[]): string {
  const { high, medium } = list.risk_bands;
  const tally = (rows: readonly RankedProperty[], band: RiskBand) => rows.filter((r) => r.risk_band === band).length;
  const row = (band: RiskBand, range: string) =>
    `<tr><td><span class="band ${band}">${band}</span></td><td>${range}</td><td class="num">${count(tally(list.rows, band))}</td><td class="num">${count(tally(visitFirst, band))}</td></tr>`;
  return `<h2>Risk bands</h2>
<p>The score is the model's calibrated probability that the property is an HMO: of 100 properties scored 0.300, about 30 would be expected to be HMOs. Bands are set on the score as printed.</p>
<table class="bands"><thead><tr><th>band</th><th>score</th><th class="num">candidates</th><th class="num">visit first</th></tr></thead><tbody>
${row('high', `${formatScore(high)} or more`)}
${row('medium', `${formatScore(medium)} or more, below ${formatScore(high)}`)}
${row('low', `below ${formatScore(medium)}`)}
</tbody></table>`;
}

async function mapSection(visitFirst: readonly RankedProperty[]): Promise<string> {
  const points = visitFirst
    .filter((r) => r.easting !== null && r.northing !== null)
    .map((r) => ({ rank: r.rank, easting: r.easting as number, northing: r.northing as number, band: r.risk_band, label: r.rank <= MAP_LABELS ? String(r.rank) : '' }));
  const unmapped = visitFirst.length - points.length;
  if (points.length === 0) {
    return `<h2>Where they are</h2><p class="muted">No grid reference (easting/northing) is on record for the properties to visit first, so no map is drawn.</p>`;
  }
  const eastings = points.map((p) => p.easting);
  const northings = points.map((p) => p.northing);
  const pad = (lo: number, hi: number) => Math.max(100, (hi - lo) * 0.05);
  const [e0, e1] = [Math.min(...eastings), Math.max(...eastings)];
  const [n0, n1] = [Math.min(...northings), Math.max(...northings)];
  const xDomain = [e0 - pad(e0, e1), e1 + pad(e0, e1)];
  const yDomain = [n0 - pad(n0, n1), n1 + pad(n0, n1)];
  // Same metres per pixel on both axes, so distances on the page are true to the ground.
  const width = 560;
  const spanX = (xDomain[1] as number) - (xDomain[0] as number);
  const spanY = (yDomain[1] as number) - (yDomain[0] as number);
  const height = Math.round(Math.min(700, Math.max(160, (width * spanY) / spanX)));
  const x = { field: 'easting', type: 'quantitative', title: 'Easting (m)', scale: { domain: xDomain, nice: false, zero: false }, axis: { format: 'd' } } as const;
  const y = { field: 'northing', type: 'quantitative', title: 'Northing (m)', scale: { domain: yDomain, nice: false, zero: false }, axis: { format: 'd' } } as const;
  const spec: TopLevelSpec = {
    width,
    height,
    background: 'white',
    data: { values: points },
    layer: [
      {
        mark: { type: 'circle', size: 42, opacity: 0.8 },
        encoding: {
          x,
          y,
          color: {
            field: 'band',
            type: 'nominal',
            title: 'risk band',
            scale: { domain: ['high', 'medium', 'low'], range: [BAND_COLOURS.high, BAND_COLOURS.medium, BAND_COLOURS.low] },
          },
        },
      },
      {
        mark: { type: 'text', dx: 7, dy: -6, fontSize: 9, align: 'left' },
        encoding: { x, y, text: { field: 'label', type: 'nominal' } },
      },
    ],
  };
  const svg = await renderChart(spec);
  return `<h2>Where they are</h2>
<figure>${svg}<figcaption>The ${count(points.length)} properties to visit first by grid reference (British National Grid, metres); the first ${Math.min(MAP_LABELS, points.length)} carry their rank.${
    unmapped > 0 ? ` ${count(unmapped)} without a grid reference on record are not shown.` : ''
  }</figcaption></figure>`;
}

function tableSection(visitFirst: readonly RankedProperty[]): string {
  const rows = visitFirst.map((r) => {
    const reasons = r.reasons ?? [];
    const note =
      reasons.length === 0
        ? '<p class="muted">No checkable evidence in the records: the score comes from values that are no evidence on their own (such as no complaints).</p>'
        : reasons.length === 1
          ? '<p class="muted">The records hold no second piece of evidence.</p>'
          : '';
    const ward = r.ward_name === null ? r.ward_code : `${r.ward_name} (${r.ward_code})`;
    return `<tr class="visit_first"><td class="num rank">${r.rank}</td><td class="address">${escapeHtml(r.address)}<br><span class="muted">UPRN ${escapeHtml(r.uprn)}</span></td><td>${escapeHtml(r.postcode)}</td><td>${escapeHtml(ward)}</td><td class="num">${formatScore(r.score)}</td><td><span class="band ${r.risk_band}">${r.risk_band}</span></td><td class="reasons">${
      reasons.length > 0 ? `<ol>${reasons.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ol>` : ''
    }${note}</td><td class="write"></td></tr>`;
  });
  return `<h2>Visit first: the top ${count(visitFirst.length)}</h2>
${
  visitFirst.length === 0
    ? '<p>No candidate property: every property holds a current HMO licence or has been inspected.</p>'
    : `<table class="list"><thead><tr><th class="num">rank</th><th>address</th><th>postcode</th><th>ward</th><th class="num">score</th><th>band</th><th>reasons to check</th><th>outcome, date</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`
}`;
}

/** A whole number with thousands separators, independent of the machine's locale. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
