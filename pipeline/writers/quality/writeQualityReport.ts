import type { BoroughStatus, TableStatus } from '../../db/BoroughStatus.js';
import { readBoroughStatuses } from '../../db/openDropDb.js';
import { outputLayout } from '../../layout.js';
import { loadSchema } from '../../standard/schema.js';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import { escapeHtml, htmlPage } from '../../util/html.js';

/** One table of one borough in the quality report: its status as ingest wrote it. */
export type QualityTable = TableStatus;

/** One borough in the quality report. */
export interface QualityBorough {
  status: 'ok' | 'failed';
  borough_name: string | null;
  extract_date: string | null;
  errors: string[];
  warnings: string[];
  tables: Partial<Record<string, QualityTable>>;
}

/** OUT/quality/report.json: the shape fixed by issue 2 (more keys are allowed, none removed). */
export interface QualityReport {
  standard: string;
  boroughs: Record<string, QualityBorough>;
}

/**
 * Gathers every OUT/ingest/<code>/borough.json (or only `boroughs`) into
 * OUT/quality/report.json and a readable OUT/quality/report.html. No clock
 * time goes in, so the same statuses give the same bytes.
 *
 * @example
 *   const report = await writeQualityReport({ out: 'out/sample' });
 *   report.boroughs.E09000007?.status; // 'ok'
 */
export async function writeQualityReport(input: { out: string; boroughs?: readonly string[] }): Promise<QualityReport> {
  const layout = outputLayout(input.out);
  const statuses = readBoroughStatuses(input.out).filter((s) => input.boroughs === undefined || input.boroughs.includes(s.borough_code));
  const report = qualityReport(statuses);
  writeFileAtomic(layout.qualityJson, `${JSON.stringify(report, null, 2)}\n`);
  writeFileAtomic(layout.qualityHtml, qualityHtml(report));
  return report;
}

/** The report of a set of borough statuses. */
export function qualityReport(statuses: readonly BoroughStatus[]): QualityReport {
  const boroughs: Record<string, QualityBorough> = {};
  for (const s of statuses) {
    const tables: Record<string, QualityTable> = {};
    for (const [name, t] of Object.entries(s.tables) as Array<[string, TableStatus]>) tables[name] = t;
    boroughs[s.borough_code] = {
      status: s.status,
      borough_name: s.borough_name,
      extract_date: s.extract_date,
      errors: s.errors,
      warnings: s.warnings,
      tables,
    };
  }
  return { standard: loadSchema().standard, boroughs };
}

/** The report fits the window: reason columns narrow and breakable; a table still too wide scrolls inside its box, never the page. */
const QUALITY_CSS = `
.wide { max-width: 100%; overflow-x: auto; }
th.reason { font-size: 0.8em; font-weight: 600; min-width: 4.5em; }
.nw { white-space: nowrap; }
`;

function qualityHtml(report: QualityReport): string {
  const entries = Object.entries(report.boroughs);
  const failed = entries.filter(([, b]) => b.status === 'failed').length;
  const reasons = loadSchema().rowReasons;
  const parts: string[] = [
    `<h1>Data quality of the drop</h1>`,
    `<p class="muted">Standard ${escapeHtml(report.standard)}. ${entries.length - failed} borough(s) usable, ` +
      `<span class="${failed > 0 ? 'bad' : 'ok'}">${failed} failed</span>. Rows read = rows accepted + rows quarantined for every table; ` +
      `each quarantined row is listed, with its file, line, column and reason, in <code>quarantine/&lt;borough&gt;/&lt;table&gt;.csv</code>.</p>`,
  ];
  for (const [code, b] of entries) {
    parts.push(
      `<h2>${escapeHtml(code)} ${escapeHtml(b.borough_name ?? '')} — <span class="${b.status === 'ok' ? 'ok' : 'bad'}">${b.status === 'ok' ? 'usable' : 'failed'}</span></h2>`,
    );
    if (b.extract_date) parts.push(`<p class="muted">Extract date <span class="nw">${escapeHtml(b.extract_date)}</span>.</p>`);
    if (b.errors.length > 0) parts.push(`<h3>Errors (the borough is not used)</h3><ul class="bad">${b.errors.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul>`);
    if (b.warnings.length > 0) parts.push(`<h3>Warnings</h3><ul class="warn">${b.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`);
    const tables = Object.entries(b.tables) as Array<[string, QualityTable]>;
    if (tables.length === 0) continue;
    const used = reasons.filter((r) => tables.some(([, t]) => (t.reasons[r] ?? 0) > 0));
    parts.push(
      `<div class="wide"><table><thead><tr><th>table</th><th class="num">read</th><th class="num">accepted</th><th class="num">quarantined</th>` +
        // A reason's name may break after its underscores ("malformed_<wbr>row"), so that a dozen of them fit the window.
        used.map((r) => `<th class="num reason">${escapeHtml(r).replace(/_/g, '_<wbr>')}</th>`).join('') +
        `</tr></thead><tbody>` +
        tables
          .map(([name, t]) =>
            t.supplied
              ? `<tr><td>${t.rows_quarantined > 0 ? `<a href="${escapeHtml(`../quarantine/${encodeURIComponent(code)}/${name}.csv`)}">${escapeHtml(name)}</a>` : escapeHtml(name)}</td><td class="num">${t.rows_read}</td><td class="num">${t.rows_accepted}</td>` +
                `<td class="num${t.rows_quarantined > 0 ? ' flag' : ''}">${t.rows_quarantined}</td>` +
                used.map((r) => `<td class="num">${t.reasons[r] ?? ''}</td>`).join('') +
                `</tr>`
              : `<tr><td>${escapeHtml(name)}</td><td colspan="${3 + used.length}" class="muted">not supplied (optional)</td></tr>`,
          )
          .join('') +
        `</tbody></table></div>`,
    );
  }
  return htmlPage({ title: 'Data quality of the drop', body: parts.join('\n'), extraCss: QUALITY_CSS });
}
