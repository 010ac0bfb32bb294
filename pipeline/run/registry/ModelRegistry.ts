import { existsSync, readFileSync } from 'node:fs';
import { CommandError } from '../../errors/CommandError.js';
import { outputLayout } from '../../layout.js';
import { runMessages as m } from '../../messages/run.js';
import { DEFAULT_PARAMS, type Params } from '../../params/Params.js';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import type { DecidePromotion, PromotionDecision } from '../evaluationApi.js';
import { RunStore, type RunRecord } from './RunRecord.js';

/** One promotion decision, accepted or refused, as recorded in OUT/registry.json. */
export interface PromotionEntry {
  run_id: string;
  /** The candidate's model folder, relative to OUT. */
  model: string;
  decided_at: string;
  accepted: boolean;
  /** Accepted by --force although the checks refused it. */
  forced: boolean;
  why: string | null;
  /** The checks' reasons (why it passed or was refused). */
  reasons: string[];
  /** The reasons of the checks that failed (empty when it passed). */
  failed?: string[];
  champion_before: string | null;
}

/** OUT/registry.json: the `champion` alias and every promotion decision, oldest first. */
export interface RegistryFile {
  champion: { run_id: string; model: string; promoted_at: string } | null;
  decisions: PromotionEntry[];
}

export interface PromoteOptions {
  decide: DecidePromotion;
  force?: boolean;
  why?: string;
  now?: Date;
}

export type PromoteResult =
  | { kind: 'already-champion'; run: RunRecord }
  | { kind: 'decided'; run: RunRecord; entry: PromotionEntry; decision: PromotionDecision };

/**
 * The model registry of an OUT folder: which run's model is the champion
 * (the model `hmo rank` uses by default) and the record of every promotion
 * decision. A model becomes champion only through `promote`, which applies
 * the promotion rule to the candidate's and the champion's evaluation
 * metrics, under the candidate run's `promotion` params; a refusal is
 * recorded too, and `force` (which needs a reason) overrides it.
 *
 * @example
 *   const registry = new ModelRegistry('out/sample');
 *   const result = registry.promote('2026-11-27T093012-3fa9c1', { decide: decidePromotion });
 *   registry.champion(); // { run_id: '2026-11-27T093012-3fa9c1', model: 'runs/…/model', … }
 */
export class ModelRegistry {
  private readonly layout;
  private readonly runs: RunStore;

  constructor(readonly out: string) {
    this.layout = outputLayout(out);
    this.runs = new RunStore(out);
  }

  read(): RegistryFile {
    const file = this.layout.registry;
    if (!existsSync(file)) return { champion: null, decisions: [] };
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as RegistryFile;
      return { champion: parsed.champion ?? null, decisions: Array.isArray(parsed.decisions) ? parsed.decisions : [] };
    } catch (error) {
      throw new CommandError(m.registryUnreadable(file, (error as Error).message), 1);
    }
  }

  champion(): RegistryFile['champion'] {
    return this.read().champion;
  }

  promote(runRef: string, options: PromoteOptions): PromoteResult {
    const why = options.why?.trim();
    if (options.force === true && (why === undefined || why === '')) throw new CommandError(m.forceNeedsWhy, 2);
    const run = this.runs.get(runRef);
    if (run.status !== 'ok' || run.model === null) throw new CommandError(m.runHasNoModel(run.run_id, run.status), 1);
    const candidateMetrics = this.runs.metrics(run.run_id);
    if (candidateMetrics === undefined) throw new CommandError(m.runHasNoMetrics(run.run_id), 1);
    const registry = this.read();
    const champion = registry.champion;
    if (champion !== null && champion.model === run.model.dir) return { kind: 'already-champion', run };
    const championMetrics = champion === null ? undefined : this.runs.metrics(champion.run_id);
    const decision = options.decide(candidateMetrics, championMetrics, this.promotionRules(run.run_id));
    const forced = !decision.pass && options.force === true;
    const now = (options.now ?? new Date()).toISOString();
    const entry: PromotionEntry = {
      run_id: run.run_id,
      model: run.model.dir,
      decided_at: now,
      accepted: decision.pass || forced,
      forced,
      why: why === undefined || why === '' ? null : why,
      reasons: decision.reasons,
      failed: decision.pass ? [] : (decision.failed ?? decision.reasons),
      champion_before: champion?.run_id ?? null,
    };
    const next: RegistryFile = {
      champion: entry.accepted ? { run_id: run.run_id, model: run.model.dir, promoted_at: now } : champion,
      decisions: [...registry.decisions, entry],
    };
    writeFileAtomic(this.layout.registry, `${JSON.stringify(next, null, 2)}\n`);
    return { kind: 'decided', run, entry, decision };
  }

  /** The thresholds in force for a candidate: its run's `promotion` params. */
  private promotionRules(runId: string): Params['promotion'] {
    const params = this.runs.params(runId) as Partial<Params> | undefined;
    return params?.promotion ?? DEFAULT_PARAMS.promotion;
  }
}
