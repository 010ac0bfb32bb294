/** Messages of `hmo features` (point-in-time features and labels). */
export const featuresMessages = {
  noIngest: (out: string) => `No ingested borough under ${out}: run "npx hmo ingest --drop DROP --out ${out}" first.`,
  notALondonCode: (code: string) => `"${code}" is not the GSS code of a London borough (E09000001 ... E09000033).`,
  notIngested: (code: string, out: string) => `Borough ${code} has not been ingested under ${out} (no ingest/${code}/borough.json).`,
  failedIngest: (code: string, firstError: string | undefined) =>
    `Borough ${code} failed ingest, so it has no features${firstError === undefined ? '' : `: ${firstError}`}`,
  skippedFailed: (code: string) => `Borough ${code} failed ingest: skipped (see the quality report).`,
  noExtractDate: (code: string) => `Borough ${code} has no extract date in its borough.json; rerun "npx hmo ingest".`,
  removedStale: (code: string) => `Removed the old features of ${code}, which is no longer a usable borough.`,
  rowCountMismatch: (code: string, file: string, expected: number, written: number) =>
    `Features of ${code}: ${file} has ${written} rows, expected ${expected} (one per anchor); nothing was replaced.`,
  noLabels: (code: string) => `Borough ${code} has no usable labelled inspection: its train.parquet is empty.`,
  boroughDone: (s: {
    borough_code: string;
    as_of: string;
    score_rows: number;
    train_rows: number;
    positives: number;
    declared: number;
  }) =>
    `${s.borough_code}: ${s.score_rows} properties scored as of ${s.as_of}; ${s.train_rows} labelled properties for training ` +
    `(${s.positives} hmo, ${s.train_rows - s.positives} not-hmo)` +
    (s.declared > 0 ? `; ${s.declared} of them declared HMOs at the time (flagged "declared")` : ''),
  done: (boroughs: number, featuresDir: string) => `Features of ${boroughs} borough${boroughs === 1 ? '' : 's'} written under ${featuresDir}.`,
} as const;
