import { ParamsError } from '../errors/ParamsError.js';
import { paramsMessages as m } from '../messages/params.js';
import { LEARNERS, MODEL_KINDS } from '../../models/learners.js';
import type { ParamRule } from './ParamRule.js';
import type { Params } from './Params.js';


/** The rule for every leaf key of Params (dotted path); sections not listed are objects. The params table of docs/running.md is generated from these and DEFAULT_PARAMS. */
export const PARAM_RULES: Record<string, ParamRule> = {
  seed: { kind: 'number', integer: true, min: 0, max: 4294967295 },
  'features.recent_months': { kind: 'number', integer: true, min: 1, max: 120 },
  'features.long_months': { kind: 'number', integer: true, min: 1, max: 240 },
  'train.models': { kind: 'enumList', values: MODEL_KINDS },
  ...learnerRules(),
  'train.patience': { kind: 'number', integer: true, min: 1, max: 1000 },
  'train.validation_fraction': { kind: 'number', min: 0.01, max: 0.5 },
  'train.class_weight': { kind: 'enum', values: ['balanced', 'none'] },
  'train.calibration': { kind: 'enum', values: ['platt', 'isotonic'] },
  'train.temporal_holdout_fraction': { kind: 'number', min: 0.05, max: 0.5 },
  'train.max_borough_folds': { kind: 'number', integer: true, min: 2, max: 33 },
  'train.parallel_folds': { kind: 'boolean' },
  'rank.top': { kind: 'number', integer: true, min: 1 },
  'rank.reinspect_after_months': { kind: 'number', integer: true, min: 1, nullable: true },
  'rank.risk_bands.high': { kind: 'number', min: 0, max: 1 },
  'rank.risk_bands.medium': { kind: 'number', min: 0, max: 1 },
  'evaluate.k': { kind: 'numberList', integer: true, min: 1 },
  'evaluate.bootstrap_samples': { kind: 'number', integer: true, min: 10, max: 100000 },
  'evaluate.calibration_bins': { kind: 'number', integer: true, min: 2, max: 100 },
  'evaluate.slice_margin': { kind: 'number', min: 0, max: 1 },
  'evaluate.min_slice_rows': { kind: 'number', integer: true, min: 1 },
  'promotion.max_precision_at_100_drop': { kind: 'number', min: 0, max: 1 },
  'promotion.max_auc_drop': { kind: 'number', min: 0, max: 1 },
  'promotion.forbid_new_slice_flags': { kind: 'boolean' },
};

/** Every learner's settings rules, as `train.<kind>.<key>`, in registry order. */
function learnerRules(): Record<string, ParamRule> {
  return Object.fromEntries(
    MODEL_KINDS.flatMap((kind) => Object.entries(LEARNERS[kind].settings.rules as Record<string, ParamRule>).map(([key, rule]) => [`train.${kind}.${key}`, rule])),
  );
}

/**
 * Checks one value against the rule of its key (dotted path) and returns it
 * as kept (a list of models without repeats); throws a ParamsError naming the
 * file, the key, the value and what is allowed.
 *
 * @example
 *   checkParam('rank.top', 100, 'params.yaml'); // 100
 *   checkParam('rank.top', 0, 'params.yaml');   // throws: "rank.top" is 0; it must be at least 1
 */
export function checkParam(path: string, value: unknown, file: string): unknown {
  const rule = PARAM_RULES[path];
  if (rule === undefined) throw new Error(`No params rule for "${path}"`);
  return check(rule, value, path, file);
}

/**
 * Whether a value satisfies the rule of its key, for a command-line option
 * that stands for a param (`hmo rank --top` for `rank.top`).
 *
 * @example
 *   paramAllows('rank.top', 1.5); // false
 */
export function paramAllows(path: string, value: unknown): boolean {
  try {
    checkParam(path, value, '');
    return true;
  } catch (error) {
    if (error instanceof ParamsError) return false;
    throw error;
  }
}

/**
 * The rules that tie keys together, checked once on the whole params (a stage
 * never checks them again): risk bands in order, at least one model, each
 * learner's own `settings.check`.
 *
 * @example
 *   checkParamsTogether(params, 'params.yaml');
 */
export function checkParamsTogether(params: Params, source: string): void {
  if (params.rank.risk_bands.medium > params.rank.risk_bands.high) {
    throw new ParamsError(m.inconsistent(source, '"rank.risk_bands.medium" must not be above "rank.risk_bands.high"'), 2);
  }
  if (params.train.models.length === 0) {
    throw new ParamsError(m.inconsistent(source, `"train.models" must name at least one model (${MODEL_KINDS.join(', ')})`), 2);
  }
  for (const kind of MODEL_KINDS) {
    const learner = LEARNERS[kind] as { settings: { check?: (settings: unknown) => string | undefined } };
    const problem = learner.settings.check?.(params.train[kind]);
    if (problem !== undefined) throw new ParamsError(m.inconsistent(source, `"train.${kind}": ${problem}`), 2);
  }
}

function check(rule: ParamRule, value: unknown, path: string, file: string): unknown {
  const fail = (expected: string) => new ParamsError(m.wrongType(file, path, expected, value), 2);
  switch (rule.kind) {
    case 'boolean':
      if (typeof value !== 'boolean') throw fail('true or false');
      return value;
    case 'enum':
      if (typeof value !== 'string' || !rule.values.includes(value)) throw new ParamsError(m.notAllowed(file, path, value, rule.values), 2);
      return value;
    case 'enumList':
      if (!Array.isArray(value)) throw fail(`a list of ${rule.values.join(' / ')}`);
      for (const item of value) {
        if (typeof item !== 'string' || !rule.values.includes(item)) throw new ParamsError(m.notAllowed(file, path, item, rule.values), 2);
      }
      return [...new Set(value as string[])];
    case 'numberList':
      if (!Array.isArray(value) || value.length === 0) throw fail('a non-empty list of numbers');
      return value.map((item, i) => checkNumber({ ...rule, kind: 'number' }, item, `${path}[${i}]`, file));
    case 'number':
      return checkNumber(rule, value, path, file);
  }
}

function checkNumber(rule: Extract<ParamRule, { kind: 'number' }>, value: unknown, path: string, file: string): number | null {
  if (value === null && rule.nullable === true) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ParamsError(m.wrongType(file, path, rule.nullable === true ? 'a number or null' : 'a number', value), 2);
  }
  if (rule.integer === true && !Number.isInteger(value)) throw new ParamsError(m.wrongType(file, path, 'a whole number', value), 2);
  if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
    const range = rule.max === undefined ? `at least ${rule.min}` : rule.min === undefined ? `at most ${rule.max}` : `between ${rule.min} and ${rule.max}`;
    throw new ParamsError(m.outOfRange(file, path, value, range), 2);
  }
  return value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
