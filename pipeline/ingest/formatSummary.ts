import { ingestMessages } from '../messages/ingest.js';
import type { QualityReport } from '../writers/quality/writeQualityReport.js';

/**
 * The per-borough summary `hmo ingest` and `hmo validate` print: status,
 * rows read / accepted / quarantined per supplied table with the reasons,
 * errors and warnings.
 *
 * @example
 *   process.stdout.write(formatSummary(report));
 */
export function formatSummary(report: QualityReport): string {
  const entries = Object.entries(report.boroughs);
  const failed = entries.filter(([, b]) => b.status === 'failed').length;
  const lines = [ingestMessages.summaryHeader(report.standard, entries.length - failed, failed)];
  for (const [code, b] of entries) {
    lines.push(ingestMessages.boroughLine(code, b.borough_name, b.status));
    for (const [table, t] of Object.entries(b.tables)) {
      if (!t?.supplied) continue;
      const reasons = Object.entries(t.reasons)
        .map(([reason, n]) => `${reason} ${n}`)
        .join(', ');
      lines.push(ingestMessages.tableLine(table, t.rows_read, t.rows_accepted, t.rows_quarantined, reasons));
    }
    for (const error of b.errors) lines.push(ingestMessages.errorLine(error));
    for (const warning of b.warnings) lines.push(ingestMessages.warningLine(warning));
  }
  return `${lines.join('\n')}\n`;
}
