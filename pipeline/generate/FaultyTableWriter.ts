import type { Random } from '../util/Random.js';
import type { RowReason } from '../standard/schema.js';
import type { CsvTableWriter } from './CsvTableWriter.js';
import type { FaultContext, FaultKind, Row } from './faultCatalogue.js';
import type { RowSink } from './RowSink.js';

interface PendingFault {
  due: number;
  row: Row;
  /** Written as it is instead of `row` (a malformed record). */
  rawLine: string | undefined;
}

/**
 * Writes a table's clean rows and, now and then, a faulty row derived from
 * one of them (a few hundred rows later, so faults are spread through the
 * file), counting every faulty row under the reason the standard's checks
 * will give it. The counts are what faults.json promises ingest will find.
 *
 * @example
 *   const table = new FaultyTableWriter(csv, faultCatalogue().licences, 0.002, rng, context, () => fresh());
 *   table.writeClean({ uprn: '1001', ... });
 *   table.close(); // table.faults -> { bad_date: 1, ... }
 */
export class FaultyTableWriter implements RowSink {
  readonly faults: Partial<Record<RowReason, number>> = {};
  private readonly pending: PendingFault[] = [];
  private cleanRows = 0;

  constructor(
    private readonly csv: CsvTableWriter,
    private readonly kinds: readonly FaultKind[],
    private readonly ratePerKind: number,
    private readonly rng: Random,
    private readonly context: FaultContext,
    private readonly freshUprn: () => string,
  ) {}

  /** A row that passes every check of the standard; it may spawn one faulty row. */
  writeClean(row: Row): void {
    this.csv.write(row);
    this.cleanRows += 1;
    const u = this.rng.uniform();
    if (u < this.ratePerKind * this.kinds.length) {
      const kind = this.kinds[Math.floor(u / this.ratePerKind)] as FaultKind;
      const source = kind.freshUprn ? { ...row, uprn: this.freshUprn() } : row;
      const rawLine = kind.rawLine?.(source, this.csv.columns);
      this.pending.push({ due: this.cleanRows + this.rng.int(1, 300), row: kind.corrupt(source, this.context), rawLine });
      this.count(kind.reason);
    }
    if (this.pending.length > 0) this.writeDue(this.cleanRows);
  }

  /** A row that is faulty by nature (a complaint whose address was never matched), written where it falls. */
  writeFaulty(row: Row, reason: RowReason): void {
    this.csv.write(row);
    this.count(reason);
  }

  get rows(): number {
    return this.csv.rows;
  }

  close(): void {
    this.writeDue(Number.POSITIVE_INFINITY);
    this.csv.close();
  }

  private writeDue(now: number): void {
    for (let i = 0; i < this.pending.length; ) {
      const fault = this.pending[i] as PendingFault;
      if (fault.due <= now) {
        if (fault.rawLine === undefined) this.csv.write(fault.row);
        else this.csv.writeRawLine(fault.rawLine);
        this.pending.splice(i, 1);
      } else i += 1;
    }
  }

  private count(reason: RowReason): void {
    this.faults[reason] = (this.faults[reason] ?? 0) + 1;
  }
}
