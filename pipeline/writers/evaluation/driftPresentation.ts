import { evaluateMessages as m } from '../../messages/evaluate.js';
import { escapeHtml as e } from '../../util/html.js';
import { fmt } from '../../evaluate/format.js';
import type { MetricsJson } from '../../evaluate/MetricsJson.js';

/** Features shown per borough in the report's drift table (largest PSI first). */
const SHOWN = 5;

/**
 * The report's drift section: the warnings first, then per borough the
 * features that moved most and the scores' PSI, and how it was measured.
 *
 * @example
 *   parts.push(driftReportSection(metrics));
 */
export function driftReportSection(metrics: MetricsJson): string {
  const d = metrics.drift;
  const warnings = d.warnings.length === 0 ? '' : `<ul>${d.warnings.map((w) => `<li><strong class="bad">${e(w)}</strong></li>`).join('')}</ul>`;
  const rows = Object.entries(d.boroughs)
    .filter(() => d.compared_with !== null)
    .map(
      ([code, b]) =>
        `<tr><td>${e(code)}</td><td class="num">${fmt(b.score_psi, 2)}</td><td>${e(
          b.features
            .slice(0, SHOWN)
            .map((f) => `${f.feature} ${fmt(f.psi, 2)}`)
            .join(', '),
        )}</td></tr>`,
    );
  const table = rows.length === 0 ? '' : `<table><tr><th>Borough</th><th class="num">Scores PSI</th><th>Features that moved most (PSI)</th></tr>${rows.join('')}</table>`;
  return `<h2>${e(m.driftHeading())}</h2>${warnings}<p class="muted">${e(d.note)}</p>${table}`;
}

/** The model card's drift lines, in Markdown. */
export function driftModelCardLines(metrics: MetricsJson): string[] {
  const d = metrics.drift;
  return [`## ${m.driftHeading()}`, '', ...d.warnings.map((w) => `- **${w}**`), ...(d.warnings.length > 0 ? [''] : []), d.note, ''];
}

/** The console's drift lines: the warnings, or nothing. */
export function driftConsoleLines(metrics: MetricsJson): string[] {
  return metrics.drift.warnings;
}
