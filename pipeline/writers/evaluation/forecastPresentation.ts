import { evaluateMessages as m } from '../../messages/evaluate.js';
import { escapeHtml as e } from '../../util/html.js';
import { fmt } from '../../evaluate/format.js';
import type { ListForecastEntry, MetricsJson } from '../../evaluate/MetricsJson.js';

function boroughLabel(code: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(code);
  return name !== undefined && name !== '' ? `${name} (${code})` : code;
}

function inside(f: ListForecastEntry): boolean | null {
  return f.truth_found === null || f.low === null || f.high === null ? null : f.truth_found >= f.low && f.truth_found <= f.high;
}

/** The sentences under the forecast table: the assumption, and the selection gap the forecast corrects for. */
function methodSentences(metrics: MetricsJson): string[] {
  const method = metrics.list_forecast_method;
  const sentences = [method.assumption];
  for (const [trigger, odds] of Object.entries(method.trigger_odds_ratios)) if (odds !== null) sentences.push(m.forecastTriggerGap(trigger, odds));
  const spread = method.borough_spread;
  if (spread !== undefined && spread.used !== null) sentences.push(m.forecastBoroughSpread(spread.used, spread.estimated, spread.floor, Object.keys(spread.departures).length));
  const referenceRows = method.reference_triggers.reduce((n, t) => n + (method.trigger_rows[t] ?? 0), 0);
  if (method.draws > 0 && referenceRows === 0) sentences.push(m.forecastNoReferenceAnywhere());
  return sentences;
}

/**
 * The report's first section: per borough, the forecast of undeclared HMOs
 * in the head of its list (interval, the scores' own promise, the held-out
 * inspections it rests on, and with truth the count found), then the
 * assumption in words. Empty when there is no borough.
 *
 * @example
 *   parts.push(forecastReportSection(metrics, boroughNames));
 */
export function forecastReportSection(metrics: MetricsJson, names: ReadonlyMap<string, string>): string {
  const entries = Object.entries(metrics.list_forecast);
  if (entries.length === 0) return '';
  const first = entries[0]?.[1];
  const withTruth = entries.some(([, f]) => f.truth_found !== null);
  const rows = entries.map(([code, f]) => {
    const verdict = inside(f);
    const truth = withTruth
      ? `<td class="num">${f.truth_found ?? '—'}</td><td>${verdict === null ? '—' : verdict ? '<span class="ok">inside</span>' : '<strong class="bad">outside</strong>'}</td>`
      : '';
    return (
      `<tr><td>${e(boroughLabel(code, names))}</td><td class="num">${f.listed ?? '—'}</td><td class="num"><strong>${fmt(f.expected_found, 1)}</strong></td>` +
      `<td class="num">${f.low === null ? '—' : `${f.low}–${f.high}`}</td><td class="num">${fmt(f.score_sum, 1)}</td>` +
      `<td class="num">${f.held_out_rows} (${f.held_out_hmos} HMOs, ${f.reference_rows} proactive or list-made)</td>${truth}<td>${e(f.note ?? '')}</td></tr>`
    );
  });
  const truthHead = withTruth ? '<th class="num">Found (truth)</th><th>Within interval</th>' : '';
  return (
    `<h2>${e(m.forecastHeading())}</h2><p>${e(m.forecastIntro(first?.top_n ?? 0, first?.level ?? 0))}</p>` +
    '<table><tr><th>Borough</th><th class="num">Properties listed</th><th class="num">Expected undeclared HMOs</th>' +
    `<th class="num">${Math.round((first?.level ?? 0) * 100)}% interval</th><th class="num">Sum of scores</th><th class="num">Held-out inspections it rests on</th>${truthHead}<th>Note</th></tr>` +
    `${rows.join('')}</table>` +
    `<p class="muted">${e(methodSentences(metrics).join(' '))}</p>`
  );
}

/**
 * The model card's first section, in Markdown: the same table and assumption.
 *
 * @example
 *   lines.push(...forecastModelCardLines(metrics, boroughNames));
 */
export function forecastModelCardLines(metrics: MetricsJson, names: ReadonlyMap<string, string>): string[] {
  const entries = Object.entries(metrics.list_forecast);
  if (entries.length === 0) return [];
  const first = entries[0]?.[1];
  const withTruth = entries.some(([, f]) => f.truth_found !== null);
  const level = Math.round((first?.level ?? 0) * 100);
  return [
    `## ${m.forecastHeading()}`,
    '',
    m.forecastIntro(first?.top_n ?? 0, first?.level ?? 0),
    '',
    `| Borough | Properties listed | Expected undeclared HMOs | ${level}% interval | Sum of scores | Held-out inspections (HMOs, proactive or list-made) |${withTruth ? ' Found (truth) |' : ''} Note |`,
    `|---|---:|---:|---:|---:|---:|${withTruth ? '---:|' : ''}---|`,
    ...entries.map(([code, f]) => {
      const verdict = inside(f);
      const truth = withTruth ? ` ${f.truth_found ?? '—'}${verdict === false ? ' (outside)' : ''} |` : '';
      return `| ${boroughLabel(code, names)} | ${f.listed ?? '—'} | **${fmt(f.expected_found, 1)}** | ${f.low === null ? '—' : `${f.low}–${f.high}`} | ${fmt(f.score_sum, 1)} | ${f.held_out_rows} (${f.held_out_hmos}, ${f.reference_rows}) |${truth} ${f.note ?? ''} |`;
    }),
    '',
    methodSentences(metrics).join(' '),
    '',
  ];
}

/**
 * The console's lines: one per borough, forecast and interval (and the truth
 * count when known).
 *
 * @example
 *   lines.push(...forecastConsoleLines(metrics));
 */
export function forecastConsoleLines(metrics: MetricsJson): string[] {
  const entries = Object.entries(metrics.list_forecast);
  if (entries.length === 0) return [];
  return [
    m.forecastSummaryHeading(),
    ...entries.map(([code, f]) => {
      if (f.expected_found === null || f.low === null || f.high === null) return m.forecastLineMissing(code, f.note ?? '');
      const line = m.forecastLine(code, f.top_n, fmt(f.expected_found, 1), f.low, f.high, fmt(f.score_sum, 1), f.level);
      const verdict = inside(f);
      return verdict === null ? line : line + m.forecastTruthLine(f.truth_found as number, verdict);
    }),
  ];
}

/**
 * The report's section on earlier lists' promises: per list issued, the
 * properties visited, HMOs found, the forecast for them and its interval, and
 * whether the count fell short. Empty when no list has visits yet.
 *
 * @example
 *   parts.push(outcomesReportSection(metrics, boroughNames));
 */
export function outcomesReportSection(metrics: MetricsJson, names: ReadonlyMap<string, string>): string {
  const outcomes = metrics.list_outcomes;
  if (outcomes.length === 0) return '';
  const rows = outcomes.map(
    (o) =>
      `<tr><td>${e(boroughLabel(o.borough_code, names))}</td><td>${e(o.extract_date)}</td><td><code>${e(o.model_id)}</code></td><td class="num">${o.visited} of ${o.top_n}</td>` +
      `<td class="num"><strong>${o.found}</strong></td><td class="num">${fmt(o.expected_found, 1)}</td><td class="num">${o.low}–${o.high}</td><td class="num">${fmt(o.p_at_most_found, 3)}</td>` +
      `<td>${o.shortfall ? '<strong class="bad">shortfall</strong>' : o.found > o.high ? 'more than forecast' : '<span class="ok">as forecast</span>'}</td></tr>`,
  );
  return (
    `<h2>${e(m.outcomesHeading())}</h2><p>${e(m.outcomesIntro())}</p>` +
    '<table><tr><th>Borough</th><th>List of the drop of</th><th>Model</th><th class="num">Visited</th><th class="num">HMOs found</th><th class="num">Forecast</th>' +
    `<th class="num">${Math.round((outcomes[0]?.level ?? 0) * 100)}% interval</th><th class="num">Chance of so few or fewer</th><th>Verdict</th></tr>${rows.join('')}</table>`
  );
}

/** The model card's and console's lines on earlier lists' promises (none when no list has visits yet). */
export function outcomesLines(metrics: MetricsJson): string[] {
  if (metrics.list_outcomes.length === 0) return [];
  return [
    m.outcomesSummaryHeading(),
    ...metrics.list_outcomes.map((o) => m.outcomeLine(o.list, o.visited, o.found, fmt(o.expected_found, 1), o.low, o.high, o.level, o.shortfall)),
  ];
}
