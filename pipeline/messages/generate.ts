/** Messages of `hmo generate` (the synthetic London generator). */
export const generateMessages = {
  unknownBoroughs: (codes: readonly string[]) =>
    `--boroughs: ${codes.map((c) => `"${c}"`).join(', ')} ${codes.length === 1 ? 'is not a' : 'are not'} London GSS code${codes.length === 1 ? '' : 's'} (E09000001 … E09000033).`,
  boroughCountOutOfRange: (value: string) => `--boroughs: ${value} is not a number of boroughs from 1 to 33, nor a list of GSS codes.`,
  repeatedBorough: (code: string) => `--boroughs: ${code} is listed twice.`,
  badScale: (value: unknown) => `--scale must be a number above 0 and at most 200 (1 ≈ 3,000 properties a borough), not ${JSON.stringify(value)}.`,
  badSeed: (value: unknown) => `--seed must be a whole number from 0 to 4294967295, not ${JSON.stringify(value)}.`,
  badWorkers: (value: unknown) => `--workers must be a whole number from 1 to 32, not ${JSON.stringify(value)}.`,
  omittedNotSelected: (option: string, code: string) => `${option}: ${code} is not one of the boroughs being generated.`,
  outIsFile: (out: string) => `--out ${out} is a file; name a folder (it will hold drop/, truth.csv and faults.json).`,
  workerFailed: (code: string, detail: string) => `Generating borough ${code} failed: ${detail}`,
  starting: (boroughs: number, scale: number, seed: number, workers: number, world: string) =>
    `Generating ${boroughs} borough${boroughs === 1 ? '' : 's'} of world ${world} at scale ${scale} with seed ${seed} (${workers} worker${workers === 1 ? '' : 's'})`,
  unknownWorld: (name: string, known: readonly string[]) => `--world: "${name}" is not a world of this generator; choose one of ${known.join(', ')}.`,
  boroughDone: (code: string, name: string, properties: number, hmos: number, rows: number) =>
    `${code} ${name}: ${properties.toLocaleString('en-GB')} properties, ${hmos.toLocaleString('en-GB')} HMOs, ${rows.toLocaleString('en-GB')} rows`,
  finished: (out: string, boroughs: number, rows: number, faults: number) =>
    `Wrote ${out}/drop (${boroughs} borough${boroughs === 1 ? '' : 's'}, ${rows.toLocaleString('en-GB')} rows), ${out}/truth.csv and ${out}/faults.json (${faults.toLocaleString('en-GB')} injected faulty rows).`,
  unknownRawStyle: (name: string) => `--raw-style ${JSON.stringify(name)} is not a raw style: default, register, legacy or mixed.`,
  rawBoroughDone: (code: string, style: string, rows: number, addressOnly: number) =>
    `${code} raw exports (${style} style): ${rows.toLocaleString('en-GB')} rows, ${addressOnly.toLocaleString('en-GB')} with an address and no UPRN`,
} as const;
