/** Messages of `hmo run`, `hmo runs` and `hmo models` (pipeline/run/, pipeline/progress/). */
export const runMessages = {
  // Engine
  noUpstreamOutput: (node: string, output: string, borough: string | undefined) =>
    `The pipeline graph asks for output "${output}" of stage "${node}"${borough === undefined ? '' : ` for borough ${borough}`}, which has not run: check the stage's "needs".`,
  duplicateNode: (names: readonly string[]) => `The pipeline graph names a stage twice: ${names.join(', ')}`,
  cycle: (path: readonly string[]) => `The pipeline graph has a cycle: ${path.join(' -> ')}`,
  unknownNeed: (node: string, need: string) => `Stage "${node}" needs "${need}", which is not in the pipeline graph.`,
  keptEditedOutput: (path: string) => `${path} belongs to a borough that is not in this drop, but it was changed since it was written (a filled-in list?), so it is kept.`,
  workerScriptMissing: (script: string) => `The worker thread script ${script} is missing: build the project (npm run build) before running stages on worker threads.`,
  workerPoolClosed: (what: string) => `${what} was not finished: the worker threads were stopped (the run ended or was interrupted).`,
  workerExited: (what: string, code: number) => `The worker thread running ${what} stopped unexpectedly (exit code ${code}); out of memory?`,
  workerFailed: (what: string, detail: string) => `The worker thread running ${what} failed: ${detail}`,
  otherBoroughFailed: (message: string) => `this borough failed too: ${message}`,
  splitStage: (stage: string) => `The nodes of stage "${stage}" are not consecutive in the pipeline graph's order.`,

  // Progress (human renderers)
  stageStarted: (stage: string) => `${stage}: started`,
  stageEnded: (stage: string, seconds: string, ran: number, reused: number) =>
    ran === 0
      ? `${stage}: nothing changed, reused the cached outputs`
      : `${stage}: done in ${seconds}${reused > 0 ? ` (${ran} step${ran === 1 ? '' : 's'} ran, ${reused} reused from the cache)` : ''}`,
  stageStatus: (stage: string, parts: string) => `${stage}: ${parts}`,
  boroughsDone: (done: number, of: number, rate: string) => `${done}/${of} boroughs${rate === '' ? '' : ` (${rate})`}`,
  taskStatus: (borough: string | undefined, task: string, done: number, total: number, unit: string, rate: string) =>
    `${borough === undefined ? '' : `${borough} `}${task} ${done}/${total} ${unit}${rate === '' ? '' : ` (${rate})`}`,
  warning: (where: string, message: string) => `warning${where === '' ? '' : ` [${where}]`}: ${message}`,
  error: (where: string, message: string) => `error${where === '' ? '' : ` [${where}]`}: ${message}`,

  // hmo run
  runStarted: (runId: string, drop: string, out: string) => `Run ${runId}: ${drop} -> ${out}`,
  runFinished: (runId: string, seconds: string) => `Run ${runId} finished in ${seconds}.`,
  boroughsFailed: (failed: readonly string[], usable: number, all: number, qualityReport: string) =>
    `${failed.length} of ${all} borough(s) failed ingest and got no features, model input or list: ${failed.join(', ')}. ` +
    `The ${usable} usable borough(s) went on. Why each failed: ${qualityReport}`,
  nothingChanged: (previous: string | undefined) =>
    `Nothing changed${previous === undefined ? '' : ` since run ${previous}`}: every stage reused its cached outputs.`,
  stagesSummary: (ran: readonly string[], cached: readonly string[]) =>
    `Stages run: ${ran.length === 0 ? 'none' : ran.join(', ')}; cached: ${cached.length === 0 ? 'none' : cached.join(', ')}.`,
  whereOutputs: (quality: string, report: string) => [`Data quality report: ${quality}`, `Evaluation report:   ${report}`].join('\n'),
  /** The officers' lists (OUT/lists): the champion's. */
  championLists: (championRun: string, status: 'current' | 'published', lists: readonly string[]) =>
    [
      `Officers' lists (${lists.length}; the champion model's, run ${championRun}; ${
        status === 'published' ? 'ranked again: the champion or the data changed' : 'unchanged: same champion, same data'
      }; a printable inspection_list.html beside each):`,
      ...lists.map((list) => `  ${list}`),
    ].join('\n'),
  noChampionLists: (notice: string) =>
    `No officers' lists yet: no model has been promoted, so none is approved (${notice} says so where the lists will be).`,
  candidateLists: (dir: string, modelRun: string, isChampion: boolean) =>
    `This run's lists, from ${isChampion ? 'the champion model' : 'its candidate model'} (trained by run ${modelRun}), are kept with the run record: ${dir}${
      isChampion ? '' : ' (not approved: officers get them only if the model is promoted)'
    }`,
  forecastHeading: () => 'What each borough\'s list should find (docs/evaluation.md, "List forecast"):',
  forecastLine: (borough: string, topN: number, expected: string, low: number, high: number, level: number, scoreSum: string, truth: number | undefined) =>
    `  ${borough}: top ${topN} should find ${expected} undeclared HMOs (${Math.round(level * 100)}% interval ${low}–${high}; the scores alone promise ${scoreSum})` +
    (truth === undefined ? '' : `; the truth holds ${truth}${truth < low || truth > high ? ', OUTSIDE the interval' : ''}`),
  driftLine: (borough: string, features: ReadonlyArray<{ feature: string; psi: number }>) =>
    `Drift in ${borough} since the previous drop: ${features.map((f) => `${f.feature} (PSI ${f.psi.toFixed(2)})`).join(', ')}; check the export before sending its list out (docs/evaluation.md, "Drift").`,
  listShortfall: (borough: string, extractDate: string, found: number, expected: number, low: number) =>
    `Shortfall in ${borough}: the list of the drop of ${extractDate} found ${found} HMOs where ${expected.toFixed(1)} were forecast (at least ${low} expected); check the list and the model before the next one.`,
  promotionHint: (runId: string, out: string, preview: string) =>
    `Promotion check against the champion: ${preview}\nTo make it the champion (its lists then become the officers' lists): npx hmo models promote ${runId} --out ${out}`,
  badWorkers: (value: string) => `--workers must be a whole number of at least 1 (boroughs processed at once), not "${value}".`,
  runFailed: (runId: string, detail: string) => `Run ${runId} failed: ${detail}`,
  dropMissing: (drop: string) => `The drop folder ${drop} does not exist or is not a folder.`,
  truthMissing: (truth: string) => `The truth file ${truth} does not exist.`,
  outInsideDrop: (out: string, drop: string) => `The output folder ${out} is inside the drop ${drop}; the drop is read-only, choose another --out.`,
  noUsableBorough: (drop: string) => `No borough of ${drop} passed ingest, so there is nothing to train on; see the data quality report.`,
  runLocked: (out: string, pid: number) => `Another hmo run (process ${pid}) is writing to ${out}; wait for it to finish or choose another --out.`,

  // hmo runs
  noRuns: (out: string) => `No runs under ${out} yet: run "npx hmo run --drop DIR --out ${out}" first.`,
  unknownRun: (runId: string, known: readonly string[]) =>
    `There is no run "${runId}" under this OUT${known.length === 0 ? ' (no runs yet)' : `; known runs: ${known.slice(-5).join(', ')}${known.length > 5 ? ', …' : ''}`}.`,
  ambiguousRun: (prefix: string, matches: readonly string[]) => `"${prefix}" matches several runs: ${matches.join(', ')}; give more of the id.`,
  diffHeader: (a: string, b: string) => `Run ${a} vs ${b}`,
  sameParams: 'Params: identical.',

  // hmo models
  noChampion: (out: string) =>
    `No champion model under ${out} yet: promote a run's model with "npx hmo models promote <run-id> --out ${out}", or pass a model folder or run id.`,
  modelMissing: (ref: string, dir: string) => `The model for "${ref}" should be at ${dir}, which is missing or is not a model folder.`,
  runHasNoModel: (runId: string, status: string) => `Run ${runId} has no model to promote (its status is ${status}).`,
  runHasNoMetrics: (runId: string) => `Run ${runId} has no evaluation metrics, so its model cannot be compared with the champion.`,
  alreadyChampion: (runId: string) => `The model of run ${runId} is already the champion; nothing to do.`,
  forceNeedsWhy: 'Promoting with --force needs --why "<reason>": the reason is recorded in the registry.',
  promoted: (runId: string, reasons: readonly string[]) => `Promoted the model of run ${runId} to champion.${reasons.length > 0 ? `\n  ${reasons.join('\n  ')}` : ''}`,
  promotedForced: (runId: string, why: string, reasons: readonly string[]) =>
    `Promoted the model of run ${runId} to champion by --force ("${why}"), although the checks said:\n  ${reasons.join('\n  ')}`,
  refused: (runId: string, reasons: readonly string[]) =>
    `Refused to promote the model of run ${runId}; the decision is recorded (every check: OUT/registry.json). The check${reasons.length === 1 ? '' : 's'} that failed:\n  ${reasons.join('\n  ')}\nTo override, use --force --why "<reason>".`,
  firstChampion: 'No champion yet: the first model is promoted without a comparison.',
  registryUnreadable: (file: string, detail: string) => `Cannot read the model registry ${file}: ${detail}`,
} as const;

/** Messages about OUT/lists, the officers' lists (pipeline/run/registry/publishChampionLists.ts). */
export const listsMessages = {
  /** OUT/lists/README.txt before any model is promoted. */
  notice: () =>
    [
      'No inspection list here yet.',
      '',
      'This folder holds the lists officers receive: those of the champion model, the one an analyst has',
      'promoted after checking it. No model has been promoted yet, so there is no approved list.',
      '',
      "Each run's own lists (from its candidate model) are kept with its record, in runs/<run id>/lists/.",
      'An analyst checks a run (evaluation/report.html), then promotes its model:',
      '',
      '  npx hmo models promote <run id> --out <the output folder that holds this lists folder>',
      '',
      "and the champion's lists appear here, one folder per borough.",
      '',
    ].join('\n'),
  published: (championRun: string, boroughs: number, dir: string) =>
    `Officers' lists ranked with the champion model (run ${championRun}) for ${boroughs} borough(s) in ${dir}`,
  promotedLists: (dir: string, status: 'current' | 'published') =>
    status === 'published' ? `The officers' lists in ${dir} are now the new champion's.` : `The officers' lists in ${dir} are already the champion's.`,
  notChampionIntoLists: (dropDb: string) =>
    `${dropDb}/lists holds the officers' lists, which are the champion model's only; to write another model's lists, add --out DIR (or promote the model: npx hmo models promote <run id> --out ${dropDb}).`,
  noChampionToRank: (out: string) =>
    `No champion model under ${out} yet, so there are no officers' lists to write: promote a run's model first (npx hmo models promote <run id> --out ${out}), or name a model with --model and a folder with --out.`,
} as const;
