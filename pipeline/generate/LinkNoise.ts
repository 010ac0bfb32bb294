import type { Random } from '../util/Random.js';
import type { RowReason } from '../standard/schema.js';
import type { Row } from './faultCatalogue.js';
import type { RowSink } from './RowSink.js';

/**
 * Records some register rows against the neighbouring property's UPRN, as
 * address matching does when it picks the wrong flat or the house next
 * door: a world's `links.misaddressedShare`. The neighbour is the property
 * simulated just before (the same street, as a rule). A row that would then
 * repeat one of the neighbour's rows exactly is left where it is, so no
 * unplanned `duplicate_row` appears and faults.json stays exact. With a
 * share of 0 (the legacy world) the tables are handed back unwrapped and no
 * draw is made.
 *
 * @example
 *   const links = new LinkNoise(0.05, rng.fork('links/uprn'));
 *   const electors = links.wrap(writer('electoral_register'));
 *   // ... simulate one property, writing to `electors` ...
 *   links.propertyDone(uprn);
 */
export class LinkNoise {
  private neighbour: string | undefined;
  private readonly wrapped: MisaddressingSink[] = [];

  constructor(
    private readonly share: number,
    private readonly rng: Random,
  ) {
    if (!(share >= 0 && share < 1)) throw new Error(`links.misaddressedShare must be in [0, 1), not ${share}`);
  }

  wrap(sink: RowSink): RowSink {
    if (this.share === 0) return sink;
    const wrapped = new MisaddressingSink(sink, this);
    this.wrapped.push(wrapped);
    return wrapped;
  }

  wrapOptional(sink: RowSink | undefined): RowSink | undefined {
    return sink === undefined ? undefined : this.wrap(sink);
  }

  /** Every row of `uprn` has been written: it becomes the neighbour of the next property. */
  propertyDone(uprn: string): void {
    this.neighbour = uprn;
    for (const sink of this.wrapped) sink.nextProperty();
  }

  /** The UPRN a row of the current property is recorded against. */
  target(): string | undefined {
    return this.neighbour !== undefined && this.rng.chance(this.share) ? this.neighbour : undefined;
  }
}

class MisaddressingSink implements RowSink {
  /** Rows (as text) now recorded against the neighbour, and against the current property. */
  private neighbourRows = new Set<string>();
  private currentRows = new Set<string>();

  constructor(
    private readonly sink: RowSink,
    private readonly links: LinkNoise,
  ) {}

  writeClean(row: Row): void {
    const target = this.links.target();
    if (target !== undefined) {
      const moved = { ...row, uprn: target };
      const key = rowKey(moved);
      if (!this.neighbourRows.has(key)) {
        this.neighbourRows.add(key);
        this.sink.writeClean(moved);
        return;
      }
    }
    this.currentRows.add(rowKey(row));
    this.sink.writeClean(row);
  }

  writeFaulty(row: Row, reason: RowReason): void {
    this.sink.writeFaulty(row, reason);
  }

  nextProperty(): void {
    this.neighbourRows = this.currentRows;
    this.currentRows = new Set();
  }
}

function rowKey(row: Row): string {
  return JSON.stringify(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
