/** Messages of `hmo rank` (inspection lists). */
export const rankMessages = {
  boroughNotUsable: (borough: string, out: string) =>
    `Borough ${borough} has no usable ingested data under ${out} (not ingested, or its ingest failed: see ${out}/ingest/${borough}/borough.json).`,
  noUsableBoroughs: (out: string) => `No usable borough under ${out}: run "npx hmo ingest" and "npx hmo features" first.`,
  unknownBoroughs: (asked: readonly string[], usable: readonly string[]) =>
    `No usable borough ${asked.join(', ')}; usable boroughs: ${usable.length > 0 ? usable.join(', ') : 'none'}.`,
  featuresMissing: (borough: string, file: string) =>
    `Borough ${borough} has no scoring features at ${file}: run "npx hmo features" first.`,
  candidatesWithoutFeatures: (borough: string, count: number, example: string, file: string) =>
    `Borough ${borough}: ${count} candidate properties have no row in ${file} (e.g. UPRN ${example}); the features are older than the ingested data: rerun "npx hmo features".`,
  featuresOfOtherBorough: (borough: string, file: string, other: string) =>
    `${file} holds rows of borough ${other}; a list for ${borough} may hold only ${borough}'s properties.`,
  badScore: (borough: string, uprn: string, score: number) =>
    `Borough ${borough}: the model gave UPRN ${uprn} the score ${score}, not a probability between 0 and 1.`,
  attributionCount: (borough: string, asked: number, got: number) =>
    `Borough ${borough}: the model returned attributions for ${got} rows, ${asked} were asked for.`,
  filledListPreserved: (list: string, filled: number, kept: string) =>
    `${list} had ${filled} recorded outcomes; it was kept as ${kept} before the new list replaced it (run "npx hmo outcomes --list ${kept}" to carry them into the next drop).`,
  featureWindowsUnknown: (file: string, recent: number, long: number) =>
    `${file} does not record the time windows of its features; the reasons assume the defaults (${recent} and ${long} months).`,
  modelUnavailable: (modelDir: string, detail: string) => `Cannot load the model at ${modelDir}: ${detail}`,
  ranked: (s: { borough_code: string; borough_name: string; candidates: number; visit_first: number; bands: { high: number; medium: number; low: number }; csv: string }) =>
    `${s.borough_code} ${s.borough_name}: ${s.candidates} candidates ranked (${s.bands.high} high, ${s.bands.medium} medium, ${s.bands.low} low risk); top ${s.visit_first} marked to visit first -> ${s.csv}`,
  staleList: (borough: string, dir: string) =>
    `Borough ${borough} is not usable in this data, but ${dir} holds a list from an earlier run: it is out of date.`,
  reasonsNotComputed: (computed: number) =>
    `(not computed: reasons are given for ranks 1 to ${String(computed).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} only)`,
  /** The progress task of the pure model scoring of a borough's candidates (the benchmark times it by this name). */
  scoring: (borough: string) => `Scoring ${borough}`,
  reasons: (borough: string) => `reasons ${borough}`,
  badTop: (value: unknown) => `--top must be a whole number of at least 1, not ${JSON.stringify(value)}.`,
} as const;

/** Messages of `hmo outcomes` (a filled-in list back into inspections.csv). */
export const outcomesMessages = {
  unreadableList: (file: string, detail: string) => `Cannot read the inspection list ${file}: ${detail}`,
  missingColumns: (file: string, columns: readonly string[]) =>
    `${file}: the header lacks the column${columns.length > 1 ? 's' : ''} ${columns.join(', ')}; is this an inspection_list.csv written by "hmo rank"?`,
  csvError: (file: string, line: number, detail: string) => `${file}, line ${line}: ${detail}`,
  badLine: (file: string, line: number, column: string, detail: string) => `${file}, line ${line}, column ${column}: ${detail}`,
  badUprn: (value: string) =>
    `UPRN ${JSON.stringify(value)} is not 1 to 12 digits without a leading zero (a spreadsheet may have turned it into a number: format the column as text)`,
  badOutcome: (value: string, allowed: readonly string[]) => `outcome ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`,
  missingOutcome: () => `outcome is blank but inspected_on is filled in: write ${'hmo, not-hmo or no-access'} or clear the date`,
  missingDate: () => `inspected_on is blank but an outcome is recorded: write the date of the visit as YYYY-MM-DD`,
  badDate: (value: string) =>
    `inspected_on ${JSON.stringify(value)} is not a real date written YYYY-MM-DD (a spreadsheet may have reformatted it)`,
  futureDate: (value: string, today: string) => `inspected_on ${value} is after today (${today})`,
  duplicateUprn: (uprn: string, firstLine: number) => `UPRN ${uprn} already has an outcome on line ${firstLine}`,
  refused: (file: string, count: number, lines: readonly string[]) =>
    `${file}: ${count} bad line${count === 1 ? '' : 's'}; nothing was written. Correct ${count === 1 ? 'it' : 'them'} and run again:\n  ${lines.join('\n  ')}`,
  outputExists: (file: string) => `${file} already exists: pass --append to add the outcomes to it, or name another file.`,
  existingNotInspections: (file: string, detail: string) => `${file} is not an inspections.csv of the standard: ${detail}`,
  written: (count: number, file: string, skipped: number, alreadyThere: number) =>
    `${count} inspection outcome${count === 1 ? '' : 's'} written to ${file}` +
    (alreadyThere > 0 ? ` (${alreadyThere} already there, not repeated)` : '') +
    `; ${skipped} row${skipped === 1 ? ' was' : 's were'} left blank and skipped.`,
} as const;
