/** Messages of the benchmark harness (`npm run bench`, scripts/bench/). */
export const benchMessages = {
  generating: (spec: { boroughs: number | string; scale: number; seed: number; world: string }, dir: string) =>
    `Generating a drop of world ${spec.world}, ${typeof spec.boroughs === 'number' ? `${spec.boroughs} boroughs` : `boroughs ${spec.boroughs}`} at scale ${spec.scale} (seed ${spec.seed}) into ${dir} (cached for later runs)...`,
  generateFailed: (spec: { boroughs: number | string; scale: number; world: string }, code: number | null, stderr: readonly string[]) =>
    `hmo generate --world ${spec.world} --boroughs ${spec.boroughs} --scale ${spec.scale} failed with exit code ${String(code)}:\n${stderr.slice(-10).join('\n')}`,
  generateMadeNoDrop: (dir: string) => `hmo generate finished but wrote no drop/ folder under ${dir}.`,
  dropMissing: (drop: string) => `The drop folder ${drop} does not exist.`,
  truthMissing: (truth: string) => `The truth file ${truth} does not exist.`,
  notBuilt: (file: string) => `${file} is missing: run "npm run build" first (npm run bench does it for you).`,
  badFraction: (value: string) => `--scaling-fractions: "${value}" is not a list of numbers between 0 and 1 (e.g. 0.037,0.111,0.333).`,
  badScaleFraction: (value: number) => `--scale-fraction must be a number above 0 and at most 1, not ${value}.`,
  conflictingOnly: () => '--only-peer and --only-scaling cannot be used together.',
  conflictingPeer: () => '--only-peer and --skip-peer cannot be used together.',
  phase: (name: string, detail: string) => `[bench] ${name}: ${detail}`,
  stageDone: (stage: string, seconds: number, cached: boolean) => `  ${stage} ${seconds.toFixed(1)} s${cached ? ' (cached)' : ''}`,
  commandFailed: (what: string, code: number | null, stderr: readonly string[]) =>
    `${what} failed with exit code ${String(code)}; last lines of its error output:\n${stderr.slice(-12).join('\n')}`,
  pythonMissing: (python: string, detail: string) =>
    `The peer needs ${python} with pandas and scikit-learn (Debian: apt-get install -y python3-pandas python3-sklearn python3-xgboost): ${detail}`,
  resumed: (phase: string) => `[bench] ${phase}: reusing the result of an earlier run (--resume)`,
  wrote: (files: readonly string[]) => `[bench] wrote ${files.join(', ')}`,
  mainFiguresKept: (startedAt: string, commit: string | null, otherCpu: string | null) =>
    `The main drop's figures (pipeline, peer, scan, scaling) are kept from the benchmark started ${startedAt} (commit ${commit?.slice(0, 10) ?? 'unknown'}${otherCpu === null ? '' : `, on another machine: ${otherCpu}`}); this run (--only-compare) measured the comparison sizes and hmo --help.`,
  badCompareProperties: (value: string) => `--compare-properties: "${value}" is not a list of whole numbers of properties (e.g. 100000,400000), or "none".`,
  badCompareBoroughs: (value: number) => `--compare-boroughs must be a whole number from 1 to 33, not ${value}.`,
  targetMissed: (name: string, value: string, target: string) => `target missed: ${name} is ${value} (target ${target})`,
  unknownWorlds: (names: readonly string[], known: readonly string[]) =>
    `--worlds/--held-out: ${names.map((n) => `"${n}"`).join(', ')} ${names.length === 1 ? 'is not a world' : 'are not worlds'} of the generator; choose from ${known.join(', ')}.`,
  unknownLearners: (names: readonly string[], known: readonly string[]) =>
    `--learners: ${names.map((n) => `"${n}"`).join(', ')} ${names.length === 1 ? 'is not a learner' : 'are not learners'} of models/learners.ts; choose from ${known.join(', ')}.`,
  accuracyNeedsBoroughs: (count: number) => `--boroughs: leave-borough-out validation needs at least 2 boroughs, not ${count}.`,
  badAccuracyScale: (value: number) => `--scale must be a number above 0 and at most 200, not ${JSON.stringify(value)}.`,
  accuracyBarMissed: (world: string, p100: boolean, auc: boolean) =>
    `bar missed on world ${world}: ${[p100 ? 'pooled P@100 below the best peer model' : '', auc ? 'ROC AUC more than 0.005 below the best peer model' : ''].filter(Boolean).join('; ')}`,
} as const;
