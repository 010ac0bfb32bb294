import { JsonRenderer } from '../../../pipeline/progress/JsonRenderer.js';
import { PlainRenderer } from '../../../pipeline/progress/PlainRenderer.js';
import { QuietRenderer } from '../../../pipeline/progress/QuietRenderer.js';
import type { RunEvent } from '../../../pipeline/progress/RunEvent.js';
import { TtyRenderer } from '../../../pipeline/progress/TtyRenderer.js';
import { eventContext } from '../../../pipeline/progress/eventContext.js';
import { RunEvents } from '../../../pipeline/progress/RunEvent.js';
import { runMessages as m } from '../../../pipeline/messages/run.js';

function sink() {
  const chunks: string[] = [];
  return { chunks, stream: { write: (text: string) => chunks.push(text), columns: 100 } };
}

/** A stage of 3 boroughs, each reporting 1000 rows in steps of 10 over 9 simulated seconds. */
function stageEvents(): RunEvent[] {
  const events: RunEvent[] = [{ event: 'stage_start', stage: 'ingest', t: 0 }];
  let t = 0;
  for (let b = 1; b <= 3; b++) {
    const borough = `E0900000${b}`;
    events.push({ event: 'borough_start', stage: 'ingest', borough, index: b, of: 3, t });
    for (let done = 0; done <= 1000; done += 10) {
      t += 30;
      events.push({ event: 'progress', stage: 'ingest', borough, task: 'properties', done, total: 1000, unit: 'rows', t });
    }
    events.push({ event: 'borough_end', stage: 'ingest', borough, seconds: 3, cached: false, index: b, of: 3, t });
  }
  events.push({ event: 'log', level: 'warn', stage: 'ingest', borough: 'E09000003', message: 'odd column', t });
  events.push({ event: 'stage_end', stage: 'ingest', seconds: t / 1000, cached: false, ran: 3, reused: 0, t });
  return events;
}

describe('progress renderers', () => {
  test('plain lines: start and end always, status at most once per interval, warnings always', () => {
    const { chunks, stream } = sink();
    const renderer = new PlainRenderer(stream, 5000);
    for (const event of stageEvents()) renderer.handle(event);
    const lines = chunks.join('').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\[ +0\.0s\] ingest: started$/);
    expect(lines[lines.length - 1]).toContain(m.stageEnded('ingest', '9.1s', 3, 0));
    const status = lines.filter((line) => line.includes('boroughs'));
    // 9.1 simulated seconds: one status line at 5 s, none more often
    expect(status).toHaveLength(1);
    expect(status[0]).toMatch(/ingest: 1\/3 boroughs \(0\.\d\/s\), E09000002 properties \d+\/1000 rows \(\d+\/s\)/);
    expect(lines.some((line) => line.includes(m.warning('ingest E09000003', 'odd column')))).toBe(true);
  });

  test('JSON lines: every event, progress thinned per task, first and last kept', () => {
    const { chunks, stream } = sink();
    const renderer = new JsonRenderer(stream, 250);
    const events = stageEvents();
    for (const event of events) renderer.handle(event);
    const parsed = chunks.map((line) => JSON.parse(line) as RunEvent);
    expect(chunks.every((c) => c.endsWith('\n') && !c.slice(0, -1).includes('\n'))).toBe(true);
    expect(parsed.filter((e) => e.event !== 'progress')).toEqual(events.filter((e) => e.event !== 'progress'));
    const progress = parsed.filter((e): e is Extract<RunEvent, { event: 'progress' }> => e.event === 'progress');
    expect(progress.length).toBeLessThan(events.filter((e) => e.event === 'progress').length / 5);
    for (const borough of ['E09000001', 'E09000002', 'E09000003']) {
      const mine = progress.filter((e) => e.borough === borough);
      expect(mine[0]?.done).toBe(0);
      expect(mine[mine.length - 1]?.done).toBe(1000);
    }
  });

  test('terminal bars: redrawn in place, a finished stage leaves one line', () => {
    const { chunks, stream } = sink();
    const renderer = new TtyRenderer(stream, 0);
    for (const event of stageEvents()) renderer.handle(event);
    renderer.close();
    const text = chunks.join('');
    expect(text).toContain('\x1b[2A\x1b[0J'); // cursor up over the two live lines, clear
    expect(text).toMatch(/ingest +[█░]{20} +\d\/3 boroughs/);
    expect(text).toMatch(/E09000002 properties \d+\/1000 rows/);
    expect(text).toContain(`✔ ${m.stageEnded('ingest', '9.1s', 3, 0)}\n`);
  });

  test('quiet: errors only', () => {
    const { chunks, stream } = sink();
    const renderer = new QuietRenderer(stream);
    for (const event of stageEvents()) renderer.handle(event);
    renderer.handle({ event: 'log', level: 'error', stage: 'train', message: 'no rows', t: 1 });
    expect(chunks).toEqual([`${m.error('train', 'no rows')}\n`]);
  });

  test('a stage context turns log and progress calls into events tagged with stage and borough', () => {
    const seen: RunEvent[] = [];
    const events = new RunEvents([{ handle: (e) => seen.push(e), close: () => undefined }]);
    const ctx = eventContext(events, 'features', 'E09000007');
    ctx.progress.start('score rows', 10, 'rows');
    ctx.progress.update(4);
    ctx.progress.finish();
    ctx.log.warn('sparse ward');
    expect(seen.map(({ t: _t, ...rest }) => rest)).toEqual([
      { event: 'progress', stage: 'features', borough: 'E09000007', task: 'score rows', done: 0, total: 10, unit: 'rows' },
      { event: 'progress', stage: 'features', borough: 'E09000007', task: 'score rows', done: 4, total: 10, unit: 'rows' },
      { event: 'progress', stage: 'features', borough: 'E09000007', task: 'score rows', done: 10, total: 10, unit: 'rows' },
      { event: 'log', level: 'warn', stage: 'features', borough: 'E09000007', message: 'sparse ward' },
    ]);
  });
  test('two boroughs in flight: the terminal shows a task line for each, the plain status names both, a finished one drops out', () => {
    const events: RunEvent[] = [
      { event: 'stage_start', stage: 'rank', t: 0 },
      { event: 'borough_start', stage: 'rank', borough: 'E09000001', index: 1, of: 3, t: 0 },
      { event: 'borough_start', stage: 'rank', borough: 'E09000002', index: 2, of: 3, t: 0 },
      { event: 'progress', stage: 'rank', borough: 'E09000001', task: 'reasons E09000001', done: 100, total: 500, unit: 'properties', t: 1000 },
      { event: 'progress', stage: 'rank', borough: 'E09000002', task: 'reasons E09000002', done: 200, total: 500, unit: 'properties', t: 2000 },
      { event: 'progress', stage: 'rank', borough: 'E09000001', task: 'reasons E09000001', done: 300, total: 500, unit: 'properties', t: 6000 },
    ];
    const tty = sink();
    const bars = new TtyRenderer(tty.stream, 0);
    for (const event of events) bars.handle(event);
    const frames = tty.chunks.join('').split('\x1b[');
    const last = frames[frames.length - 1] ?? '';
    expect(last).toMatch(/E09000001 reasons E09000001 300\/500 properties/);
    expect(last).toMatch(/E09000002 reasons E09000002 200\/500 properties/);
    bars.handle({ event: 'borough_end', stage: 'rank', borough: 'E09000001', seconds: 6, cached: false, index: 1, of: 3, t: 6000 });
    const after = tty.chunks.join('').split('\x1b[').pop() ?? '';
    bars.close();
    expect(after).not.toContain('E09000001 reasons');
    expect(after).toContain('1/3 boroughs');

    const plain = sink();
    const lines = new PlainRenderer(plain.stream, 5000);
    for (const event of events) lines.handle(event);
    expect(plain.chunks.join('')).toMatch(/rank: 0\/3 boroughs, E09000001 reasons E09000001 300\/500 properties \(\d+\/s\), E09000002 reasons E09000002 200\/500 properties/);
  });
});
