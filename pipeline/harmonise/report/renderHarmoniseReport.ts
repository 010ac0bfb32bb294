import { escapeHtml, htmlPage } from '../../util/html.js';
import type { HarmoniseReport } from './HarmoniseReport.js';

const n = (x: number) => x.toLocaleString('en-GB');
const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);

/**
 * `harmonise_report.html`: the report as a page a borough analyst reads:
 * rows per file (written, to review, rejected and why), address matching
 * (rates and the score distribution), date forms met, values left unmapped,
 * the assumptions taken, and the validation of the drop.
 *
 * @example
 *   writeFileSync('out/harmonise_report.html', renderHarmoniseReport(report));
 */
export function renderHarmoniseReport(report: HarmoniseReport): string {
  const files = Object.entries(report.files);
  const m = report.address_matching;
  const matched = m.sure + m.review + m.none;
  const maxBar = Math.max(1, ...m.score_histogram);
  const rows = files
    .map(([name, f]) => {
      const reasons = Object.entries(f.reasons).map(([r, c]) => `${escapeHtml(r)} ${n(c)}`).join(', ');
      return `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(f.table)}</td><td class="num">${n(f.rows_read)}</td><td class="num">${n(f.rows_written)}</td><td class="num">${n(f.rows_review)}</td><td class="num">${n(f.rows_rejected)}</td><td>${reasons || '–'}</td></tr>`;
    })
    .join('\n');
  const histogram = m.score_histogram
    .map((count, i) => `<tr><td>${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}</td><td class="num">${n(count)}</td><td><div style="background:#3a6ea5;height:0.8em;width:${Math.round((300 * count) / maxBar)}px"></div></td></tr>`)
    .join('\n');
  const dateForms = files
    .flatMap(([name, f]) => Object.entries(f.date_forms).map(([column, forms]) => `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(column)}</td><td>${Object.entries(forms).map(([form, c]) => `${escapeHtml(form)} ${n(c)}`).join(', ')}</td></tr>`))
    .join('\n');
  const unmapped = files
    .flatMap(([name, f]) => Object.entries(f.unmapped_values).map(([column, values]) => `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(column)}</td><td>${Object.entries(values).map(([v, c]) => `"${escapeHtml(v)}" ×${n(c)}`).join(', ')}</td></tr>`))
    .join('\n');
  const validation = report.validation
    ? `<p>Status: <strong>${report.validation.status === 'ok' ? 'passes' : 'FAILS'}</strong> the checks of <code>hmo validate</code>.</p>${report.validation.errors.map((e) => `<p class="bad">${escapeHtml(e)}</p>`).join('')}
<table><tr><th>table</th><th>rows read</th><th>accepted</th><th>quarantined</th><th>reasons</th></tr>
${Object.entries(report.validation.tables).map(([t, s]) => `<tr><td>${escapeHtml(t)}</td><td class="num">${n(s?.rows_read ?? 0)}</td><td class="num">${n(s?.rows_accepted ?? 0)}</td><td class="num">${n(s?.rows_quarantined ?? 0)}</td><td>${Object.entries(s?.reasons ?? {}).map(([r, c]) => `${escapeHtml(r)} ${n(c ?? 0)}`).join(', ') || '–'}</td></tr>`).join('\n')}</table>`
    : '<p>Not validated (run <code>hmo validate --drop</code> on the drop).</p>';
  const body = `<h1>Harmonised: ${escapeHtml(report.borough_name)} (${escapeHtml(report.borough_code)})</h1>
<p>Extract date ${escapeHtml(report.extract_date)} · standard ${escapeHtml(report.standard)} · mapping ${escapeHtml(report.mapping)} · gazetteer ${escapeHtml(report.gazetteer.file)} (${n(report.gazetteer.properties)} properties)</p>
<h2>Rows per raw file</h2>
<p>Every raw row is written to the drop, held for review (its address matched below the sure threshold) or rejected with its line and reason (<code>rejected/${escapeHtml(report.borough_code)}/</code>).</p>
<table><tr><th>raw file</th><th>table</th><th>read</th><th>written</th><th>to review</th><th>rejected</th><th>reasons</th></tr>
${rows}</table>
<h2>Address matching</h2>
<p>${n(matched)} rows needed an address match (${n(m.distinct_addresses)} distinct addresses): sure ${n(m.sure)} (${pct(m.sure, matched)}), review ${n(m.review)} (${pct(m.review, matched)}), none ${n(m.none)} (${pct(m.none, matched)})${m.decided_by_review > 0 ? `; ${n(m.decided_by_review)} decided by a person` : ''}. Review sheets: <code>matches/${escapeHtml(report.borough_code)}/</code>.</p>
<table><tr><th>best score</th><th>rows</th><th></th></tr>
${histogram}</table>
<h2>Date forms met</h2>
${dateForms ? `<table><tr><th>raw file</th><th>column</th><th>forms (unread = rejected as bad_date)</th></tr>${dateForms}</table>` : '<p>No date columns.</p>'}
<h2>Values not mapped</h2>
${unmapped ? `<p>Rows holding these are rejected until the mapping says what they mean.</p><table><tr><th>raw file</th><th>column</th><th>values</th></tr>${unmapped}</table>` : '<p>Every coded value met was mapped.</p>'}
<h2>Assumptions taken</h2>
${report.assumptions.length > 0 ? `<ul>${report.assumptions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>` : '<p>None.</p>'}
<h2>The drop</h2>
<p>${Object.entries(report.tables).map(([t, c]) => `${escapeHtml(t)} ${n(c)}`).join(' · ')}</p>
${validation}`;
  return htmlPage({ title: `Harmonised ${report.borough_name}`, body, extraCss: '.num { text-align: right; } .bad { color: #a00; }' });
}
