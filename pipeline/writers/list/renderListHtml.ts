import { learnerOf } from '../../../models/learners.js';
import { listMessages as w } from '../../messages/list.js';
import { loadSchema } from '../../standard/schema.js';
import { escapeHtml, htmlPage } from '../../util/html.js';
import type { InspectionList, RankedProperty } from '../../rank/InspectionList.js';
import { formatScore, type RiskBand } from '../../rank/riskBand.js';
import { roundPlan } from './roundPlan.js';

/**
 * The printable page of a borough's list (self-contained: inline CSS, no
 * script, no network; A4 landscape when printed). In order: the borough and
 * the date of its records, how to use the list and what its columns mean,
 * the visit-first table (rank, address, ward, score, band, reasons, and room
 * to write the outcome and the date by hand), the same properties grouped by
 * ward and postcode to plan a day's round, then the data and the model. The
 * band is printed as a word in a bordered box (a black-and-white printer
 * drops background colours). No wall-clock time, so the same list gives the
 * same bytes. Words: `pipeline/messages/list.ts`.
 *
 * @example
 *   writeFileAtomic(layout.listHtml(code), renderListHtml(list));
 */
export function renderListHtml(list: InspectionList): string {
  const visitFirst = list.rows.slice(0, list.top);
  const name = `${list.borough_name} (${list.borough_code})`;
  const bands = { all: tally(list.rows), visitFirst: tally(visitFirst) };
  const body = [
    `<header><h1>${escapeHtml(w.title(name))}</h1>`,
    `<p class="lead">${w.lead(dated(list.extract_date), list.rows.length, visitFirst.length, bands.visitFirst)}</p></header>`,
    introSection(list, visitFirst.length, bands),
    tableSection(visitFirst, list.extract_date),
    roundsSection(visitFirst),
    modelSection(list),
  ].join('\n');
  return htmlPage({ title: w.title(name), body, landscape: true, extraCss: css(w.pageHeader(name, list.extract_date)) });
}

/**
 * On screen, the house style. On paper: small type, narrow margins, the
 * notes in two columns so the table starts on page 1, a row per property with
 * its reasons beside the address, and two empty columns wide enough to write
 * "no-access" and a date by hand. Bands are words in boxes whose border and
 * weight differ (high: thick, bold; medium: solid; low: dashed), so they read
 * the same in black and white.
 */
function css(pageHeader: string): string {
  return `
.lead { margin-top: 0; }
.intro { display: flex; gap: 1.5em; }
.intro > div { flex: 1 1 0; }
.intro ul { margin: 0.3em 0; padding-left: 1.2em; }
.nw { white-space: nowrap; }
.band { display: inline-block; padding: 0 0.35em; border-radius: 3px; font-size: 0.85em; line-height: 1.3; white-space: nowrap; border: 1px solid currentColor; }
.band.high { color: #8a0016; border-width: 2px; font-weight: 700; text-transform: uppercase; }
.band.medium { color: #6b4400; font-weight: 600; }
.band.low { color: #30486e; border-style: dashed; }
table.meta td:first-child { width: 12em; color: #444; }
table.list td.rank { font-weight: 600; width: 2.4em; }
table.list td.address { width: 25%; }
table.list td.address .ward { display: block; }
table.list td.score { width: 4.4em; }
table.list td.uprn { width: 6em; font-variant-numeric: tabular-nums; }
table.list td.reasons ol { margin: 0; padding-left: 1.1em; }
table.list td.reasons p { margin: 0; }
table.list td.write.outcome { width: 6.6em; }
table.list td.write.date { width: 5.4em; }
table.list thead { display: table-header-group; }
table.list .options { color: #888; font-size: 0.85em; white-space: nowrap; }
.rounds { column-count: 3; column-gap: 1.5em; }
.rounds section { break-inside: avoid-column; }
.rounds h3 { margin: 0.5em 0 0.1em; font-size: 1em; break-after: avoid; }
.rounds ul { list-style: none; margin: 0 0 0.3em; padding: 0; }
.rounds li { padding-left: 5.5em; text-indent: -5.5em; }
.rounds .pc { display: inline-block; width: 5.5em; text-indent: 0; white-space: nowrap; }
@media print {
  @page { margin: 9mm 7mm 8mm; @top-left { content: ${cssString(pageHeader)}; font-size: 7pt; color: #333; } @bottom-right { content: ${cssString(w.pageNumber[0])} counter(page) ${cssString(w.pageNumber[1])} counter(pages); font-size: 7pt; color: #333; } }
  body { font-size: 7.5pt; line-height: 1.2; padding: 0; }
  h1 { font-size: 12pt; margin: 0; } h2 { font-size: 9.5pt; margin: 0.6em 0 0.2em; } .intro h2 { margin-top: 0.1em; }
  .lead { margin: 0.1em 0 0.25em; }
  .intro { font-size: 6.8pt; gap: 1.2em; line-height: 1.15; }
  .intro li { margin: 0; }
  table { margin: 0.2em 0 0.4em; }
  th, td { padding: 0.5px 3px; border-width: 0.5px; border-color: #777; }
  table.list { font-size: 7pt; line-height: 1.08; }
  table.list .uprn { display: none; }
  /* On paper the ward follows the postcode on the same line, so a long address takes two lines, not three. */
  table.list td.address .ward { display: inline; }
  table.list td.address .ward::before { content: "\\00B7  "; }
  /* Inline, so that its border does not make the line taller than the text's. */
  table.list .band { display: inline; line-height: 1.05; padding: 0 0.25em; border-width: 1px; }
  table.list .band.high { border-width: 2px; }
  table.list td.reasons ol { padding: 0; list-style: none; }
  table.list td.reasons li { display: inline; }
  table.list td.reasons li + li::before { content: " \\25CF  "; font-size: 0.8em; }
  table.list td.write { border-left: 1.5px solid #000; }
  .asof { display: none; }
  tr { break-inside: avoid; }
  .band { border-color: #000 !important; color: #000 !important; background: none !important; }
  .rounds { font-size: 7pt; column-count: 5; column-gap: 1em; }
  table.meta { font-size: 6.8pt; }
  table.meta { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
}

/** A CSS string literal of any text (quotes, backslashes and line breaks escaped). */
function cssString(text: string): string {
  return `"${text.replace(/[\\"\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

function tally(rows: readonly RankedProperty[]): Record<RiskBand, number> {
  const counts = { high: 0, medium: 0, low: 0 };
  for (const row of rows) counts[row.risk_band] += 1;
  return counts;
}

/** Escaped text in which no date (YYYY-MM-DD) breaks across lines at its hyphens. */
function dated(text: string): string {
  return nowrapDates(escapeHtml(text));
}

function nowrapDates(html: string): string {
  return html.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (date) => `<span class="nw">${date}</span>`);
}

function band(value: RiskBand): string {
  return `<span class="band ${value}">${value}</span>`;
}

function introSection(list: InspectionList, visitFirst: number, bands: { all: Record<RiskBand, number>; visitFirst: Record<RiskBand, number> }): string {
  const how = w.howToUse({
    visitFirst,
    candidates: list.rows.length,
    extractDate: dated(list.extract_date),
    reasonsComputed: list.reasons_computed < list.rows.length ? list.reasons_computed : null,
  });
  const words = w.words({ high: formatScore(list.risk_bands.high), medium: formatScore(list.risk_bands.medium), bandCounts: w.bandCounts(bands.all, bands.visitFirst) });
  const items = (lines: readonly string[]) => `<ul>${lines.map((line) => `<li>${line}</li>`).join('')}</ul>`;
  return `<div class="intro">
<div><h2>${w.howToUseHeading}</h2>${items(how)}</div>
<div><h2>${w.wordsHeading}</h2>${items(words)}</div>
</div>`;
}

function wardLabel(row: RankedProperty): string {
  return row.ward_name === null || row.ward_name.trim() === ''
    ? `${escapeHtml(row.ward_code)} <span class="muted">(${w.wardNameMissing})</span>`
    : escapeHtml(row.ward_name);
}

function tableSection(visitFirst: readonly RankedProperty[], extractDate: string): string {
  if (visitFirst.length === 0) return `<h2>${w.tableHeading(0)}</h2>\n<p>${w.noCandidates}</p>`;
  const c = w.columns;
  const rows = visitFirst.map((r) => {
    const reasons = r.reasons ?? [];
    const note = reasons.length === 0 ? `<p class="muted">${w.noEvidence}</p>` : reasons.length === 1 ? `<p class="muted">${w.oneReason}</p>` : '';
    const listed = reasons.length > 0 ? `<ol>${reasons.map((s) => `<li>${reasonHtml(s, extractDate)}</li>`).join('')}</ol>` : '';
    return (
      `<tr class="visit_first"><td class="num rank">${r.rank}</td>` +
      `<td class="address">${escapeHtml(r.address)} <span class="nw">${escapeHtml(r.postcode)}</span> <span class="muted ward">${wardLabel(r)}</span></td>` +
      `<td class="uprn">${escapeHtml(r.uprn)}</td><td class="num score">${formatScore(r.score)}<br>${band(r.risk_band)}</td>` +
      `<td class="reasons">${listed}${note}</td><td class="write outcome"><span class="options">${w.outcomeOptions}</span></td><td class="write date"></td></tr>`
    );
  });
  return `<h2>${w.tableHeading(visitFirst.length)}</h2>
<table class="list"><thead><tr><th class="num">${c.rank}</th><th>${c.address}</th><th class="uprn">${c.uprn}</th><th class="num">${c.score}</th><th>${c.reasons}</th><th>${c.outcome}</th><th>${c.date}</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

/**
 * A reason as HTML: its dates never break at their hyphens, and the date of
 * the records ("(as of 2026-09-30)", "in the 12 months to 2026-09-30") is
 * marked so that the printed page, which states it at the top of every page,
 * can leave it out.
 */
function reasonHtml(sentence: string, extractDate: string): string {
  const date = escapeHtml(extractDate);
  const asOf = ` (as of ${date})`;
  // An extract date is digits and hyphens: nothing to escape in a pattern.
  const monthsTo = new RegExp(`( in the \\d+ months)( to ${date})`, 'g');
  return nowrapDates(escapeHtml(sentence).split(asOf).join(`<span class="asof">${asOf}</span>`).replace(monthsTo, '$1<span class="asof">$2</span>'));
}

function roundsSection(visitFirst: readonly RankedProperty[]): string {
  if (visitFirst.length === 0) return '';
  const rank = (r: RankedProperty) => (r.risk_band === 'high' ? `<strong>${r.rank}</strong>` : String(r.rank));
  const wards = roundPlan(visitFirst).map((ward) => {
    const lines = ward.postcodes.map(
      (group) => `<li><span class="pc">${group.postcode === '' ? w.noPostcode : escapeHtml(group.postcode)}</span> ${group.rows.map(rank).join(', ')}</li>`,
    );
    const first = ward.rows[0] as RankedProperty;
    return `<section><h3>${wardLabel(first)} <span class="muted">&middot; ${w.wardSummary(ward.rows.length, tally(ward.rows))}</span></h3><ul>${lines.join('')}</ul></section>`;
  });
  return `<h2 id="rounds">${w.roundsHeading(visitFirst.length)}</h2>
<p class="muted">${w.roundsIntro}</p>
<div class="rounds">
${wards.join('\n')}
</div>`;
}

function modelSection(list: InspectionList): string {
  const d = w.dataRows;
  const trained = list.model.trained_on;
  const byDate = new Map<string, string[]>();
  for (const [code, date] of Object.entries(trained.extract_dates).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    byDate.set(date, [...(byDate.get(date) ?? []), code]);
  }
  const schema = loadSchema();
  const extracts = [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, codes]) => `${dated(date)}: ${codes.map((code) => escapeHtml(schema.borough(code)?.name ?? code)).join(', ')}`)
    .join('<br>');
  const borough = escapeHtml(list.borough_name);
  const own = trained.boroughs.includes(list.borough_code) ? d.ownIncluded(borough) : d.ownExcluded(borough);
  return `<h2>${w.dataHeading}</h2>
<table class="meta">
<tr><td>${d.borough}</td><td>${borough} (${escapeHtml(list.borough_code)})</td></tr>
<tr><td>${d.records}</td><td>${d.recordsAsOf(dated(list.extract_date))}</td></tr>
<tr><td>${d.model}</td><td>${escapeHtml(d.modelKind(learnerOf(list.model.kind)?.names.list ?? list.model.kind))}</td></tr>
<tr><td>${d.trainedOn}</td><td>${d.trained(trained.rows, trained.positives, extracts, own)}</td></tr>
<tr><td>${d.candidates}</td><td>${d.candidateRule(list.reinspect_after_months)}</td></tr>
<tr><td>${d.modelReference}</td><td>${d.modelReferenceNote(escapeHtml(list.model.model_id))}</td></tr>
</table>`;
}
