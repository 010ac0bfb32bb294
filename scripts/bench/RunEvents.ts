/**
 * The `--json` event lines of `hmo run` (and of the Python peer), read
 * tolerantly: one JSON object per line, of which the benchmark needs only
 * `stage_start` / `stage_end` with a `stage` name (and, when given,
 * `seconds`, `cached`, `borough`). Anything else (progress lines, plain
 * text, unknown events, fields of the wrong type) is kept aside, never fatal.
 */
export interface StageEvent {
  kind: 'stage_start' | 'stage_end';
  stage: string;
  /** Milliseconds since the child started, as the harness received the line. */
  atMs: number;
  /** Seconds the stage reports for itself (stage_end only). */
  seconds?: number;
  cached?: boolean;
  /** A per-borough stage names its borough; several such events make one stage. */
  borough?: string;
}

/**
 * Parses one output line; undefined unless it is a JSON object with
 * `event` of `stage_start` or `stage_end` and a string `stage`.
 *
 * @example
 *   parseEventLine('{"event":"stage_end","stage":"ingest","seconds":3.2,"cached":false}', 4100);
 *   // { kind: 'stage_end', stage: 'ingest', atMs: 4100, seconds: 3.2, cached: false }
 */
export function parseEventLine(line: string, atMs: number): StageEvent | undefined {
  const text = line.trim();
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const kind = record.event;
  if ((kind !== 'stage_start' && kind !== 'stage_end') || typeof record.stage !== 'string' || record.stage === '') return undefined;
  const event: StageEvent = { kind, stage: record.stage, atMs };
  if (typeof record.seconds === 'number' && Number.isFinite(record.seconds) && record.seconds >= 0) event.seconds = record.seconds;
  if (typeof record.cached === 'boolean') event.cached = record.cached;
  if (typeof record.borough === 'string') event.borough = record.borough;
  return event;
}

/** One stage of a run as the benchmark reports it: its window in the child's timeline, and what it said of itself. */
export interface StageWindow {
  stage: string;
  /** First start and last end, in ms since the child started (end is the child's exit when no end came). */
  startMs: number;
  endMs: number;
  /** Length of the window, in seconds (what the stage cost the run, waits included). */
  wallSeconds: number;
  /** Sum of the seconds the stage's end events reported, or the window length when none did. */
  seconds: number;
  /** True when every end event of the stage said it came from the cache. */
  cached: boolean;
  /** False when the stage started but never reported its end (the run failed or was cut short). */
  completed: boolean;
}

/**
 * Gathers stage events into one window per stage name, in order of first
 * start. A per-borough stage (many start/end pairs) becomes one window from
 * its first start to its last end. An end without a start counts from the
 * previous stage's end (or 0).
 *
 * @example
 *   stageWindows([start('ingest', 0), end('ingest', 900, 0.9)], 1000);
 *   // [{ stage: 'ingest', startMs: 0, endMs: 900, wallSeconds: 0.9, seconds: 0.9, cached: false, completed: true }]
 */
export function stageWindows(events: readonly StageEvent[], exitMs: number): StageWindow[] {
  const byStage = new Map<string, { startMs?: number; endMs?: number; reported: number; ends: number; cachedEnds: number; open: number }>();
  let lastEndMs = 0;
  for (const event of events) {
    let entry = byStage.get(event.stage);
    if (entry === undefined) {
      entry = { reported: 0, ends: 0, cachedEnds: 0, open: 0 };
      byStage.set(event.stage, entry);
    }
    if (event.kind === 'stage_start') {
      entry.startMs = Math.min(entry.startMs ?? event.atMs, event.atMs);
      entry.open += 1;
    } else {
      entry.startMs ??= lastEndMs;
      entry.endMs = Math.max(entry.endMs ?? event.atMs, event.atMs);
      entry.ends += 1;
      entry.open = Math.max(0, entry.open - 1);
      if (event.seconds !== undefined) entry.reported += event.seconds;
      if (event.cached === true) entry.cachedEnds += 1;
      lastEndMs = Math.max(lastEndMs, event.atMs);
    }
  }
  const windows: StageWindow[] = [];
  for (const [stage, entry] of byStage) {
    const startMs = entry.startMs ?? 0;
    const completed = entry.ends > 0 && entry.open === 0;
    const endMs = completed ? (entry.endMs ?? exitMs) : exitMs;
    windows.push({
      stage,
      startMs,
      endMs,
      wallSeconds: (endMs - startMs) / 1000,
      seconds: entry.reported > 0 ? entry.reported : (endMs - startMs) / 1000,
      cached: entry.ends > 0 && entry.cachedEnds === entry.ends,
      completed,
    });
  }
  return windows.sort((a, b) => a.startMs - b.startMs);
}

/** One progress task of a run, by the run's own clock (the `t` of its `progress` events, ms since the run started). */
export interface TaskSpan {
  task: string;
  borough: string | null;
  startMs: number;
  endMs: number;
  /** The task's size (`total`), e.g. the properties it scores. */
  total: number;
  /** True when its last event reported `done` = `total`. */
  finished: boolean;
}

/**
 * Gathers the `progress` event lines of the tasks `wanted` accepts (given the
 * task name and borough) into one span per task and borough: from its first
 * event to its last. Other lines are ignored, never fatal.
 *
 * @example
 *   taskSpans(['{"event":"progress","stage":"rank","borough":"A","task":"Scoring A","done":0,"total":9,"unit":"properties","t":100}',
 *              '{"event":"progress","stage":"rank","borough":"A","task":"Scoring A","done":9,"total":9,"unit":"properties","t":130}'],
 *             (task, borough) => task === `Scoring ${borough}`);
 *   // [{ task: 'Scoring A', borough: 'A', startMs: 100, endMs: 130, total: 9, finished: true }]
 */
export function taskSpans(lines: Iterable<string>, wanted: (task: string, borough: string | null) => boolean): TaskSpan[] {
  const spans = new Map<string, TaskSpan>();
  for (const line of lines) {
    const text = line.trim();
    if (!text.startsWith('{') || !text.includes('"progress"')) continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(text) as Record<string, unknown>;
    } catch {
      continue;
    }
    const { event, task, done, total, t } = record;
    const borough = typeof record.borough === 'string' ? record.borough : null;
    if (event !== 'progress' || typeof task !== 'string' || typeof done !== 'number' || typeof total !== 'number' || typeof t !== 'number') continue;
    if (!wanted(task, borough)) continue;
    const key = `${borough ?? ''}\u0000${task}`;
    const span = spans.get(key);
    if (span === undefined) {
      spans.set(key, { task, borough, startMs: t, endMs: t, total, finished: done === total });
    } else {
      span.startMs = Math.min(span.startMs, t);
      span.endMs = Math.max(span.endMs, t);
      span.total = total;
      span.finished = done === total;
    }
  }
  return [...spans.values()];
}

/**
 * Properties per second of the finished spans: their totals over the sum of
 * their lengths (each span is one thread's work, so overlapping boroughs
 * are not counted twice as fast). Null without a finished span of length > 0.
 *
 * @example
 *   taskRate([{ task: 'Scoring A', borough: 'A', startMs: 0, endMs: 500, total: 100_000, finished: true }]); // 200000
 */
export function taskRate(spans: readonly TaskSpan[]): { items: number; seconds: number; perSecond: number } | null {
  const finished = spans.filter((s) => s.finished);
  const seconds = finished.reduce((sum, s) => sum + (s.endMs - s.startMs) / 1000, 0);
  const items = finished.reduce((sum, s) => sum + s.total, 0);
  return seconds > 0 ? { items, seconds, perSecond: items / seconds } : null;
}

/**
 * The run's one scoring pass (evaluate's `evaluateMessages.scored` log line:
 * properties and seconds of model time, summed over threads), from the JSON
 * event lines of `hmo run --json`; null when no such line was logged.
 *
 * @example
 *   scoringPass(['{"event":"log","level":"info","stage":"evaluate","message":"Scored 1,000 properties in 0.500 s of model time (2,000 a second), once for the evaluation and the lists.","t":5}']);
 *   // { items: 1000, seconds: 0.5, perSecond: 2000 }
 */
export function scoringPass(lines: Iterable<string>): { items: number; seconds: number; perSecond: number } | null {
  for (const line of lines) {
    const text = line.trim();
    if (!text.startsWith('{') || !text.includes('"log"')) continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(text) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (record.event !== 'log' || record.stage !== 'evaluate' || typeof record.message !== 'string') continue;
    const match = SCORED.exec(record.message);
    if (match === null) continue;
    const items = Number((match[1] as string).replace(/,/g, ''));
    const seconds = Number(match[2]);
    if (items > 0 && seconds > 0) return { items, seconds, perSecond: items / seconds };
  }
  return null;
}

/** `evaluateMessages.scored`'s start (test/scripts/bench/RunEvents.test.ts renders the message and reads it back). */
const SCORED = /^Scored ([\d,]+) properties in ([\d.]+) s of model time/;
