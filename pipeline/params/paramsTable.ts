import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEARNERS, MODEL_KINDS } from '../../models/learners.js';
import { packageRoot } from '../util/packageRoot.js';
import { DEFAULT_PARAMS } from './Params.js';
import type { ParamRule } from './ParamRule.js';
import { PARAM_RULES } from './paramRules.js';

/**
 * The params reference as a Markdown table, generated from DEFAULT_PARAMS,
 * the validation rules of `loadParams` and the doc comments of
 * pipeline/params/Params.ts, so that it cannot drift from the code: key, default,
 * what is allowed, which stage reads it, meaning.
 *
 * @example
 *   paramsTableMarkdown(); // '| key | default | allowed | read by | meaning |\n|---|...'
 */
export function paramsTableMarkdown(): string {
  const meanings = paramComments(readFileSync(join(packageRoot(), 'pipeline', 'params', 'Params.ts'), 'utf8'));
  const rows = Object.entries(PARAM_RULES).map(([key, rule]) => {
    const section = key.split('.')[0] as string;
    return `| \`${key}\` | \`${JSON.stringify(valueAt(DEFAULT_PARAMS, key))}\` | ${allowed(rule)} | ${READERS[section] ?? ''} | ${meanings[key] ?? MEANINGS[key] ?? MEANINGS[parentKey(key)] ?? meanings[parentKey(key)] ?? ''} |`;
  });
  return ['| key | default | allowed | read by (reruns from) | meaning |', '|---|---|---|---|---|', ...rows].join('\n');
}

// Meanings of the keys that pipeline/params/Params.ts does not comment one by one (its inline objects).
const MEANINGS: Record<string, string> = {
  ...Object.fromEntries(MODEL_KINDS.map((kind) => [`train.${kind}`, LEARNERS[kind].settings.docs])),
  'train.calibration': 'How raw scores become probabilities: Platt scaling or isotonic regression.',
  'evaluate.bootstrap_samples': 'Bootstrap resamples for the confidence intervals.',
  'evaluate.calibration_bins': 'Bins of the reliability (calibration) curve.',
};

/** Which stages read a params section (so a change reruns from the first of them). */
const READERS: Record<string, string> = {
  seed: 'train, evaluate',
  features: 'features',
  train: 'train',
  rank: 'evaluate, rank',
  evaluate: 'evaluate',
  promotion: 'evaluate, `hmo models promote`',
};

/** Doc comments of the Params interface, keyed by dotted path. */
export function paramComments(source: string): Record<string, string> {
  const body = source.slice(source.indexOf('export interface Params'), source.indexOf('export const DEFAULT_PARAMS'));
  const comments: Record<string, string> = {};
  const path: string[] = [];
  let pending: string | undefined;
  for (const raw of body.split('\n').slice(1)) {
    const line = raw.trim();
    const doc = /^\/\*\*\s*(.*?)\s*\*\/$/.exec(line);
    if (doc !== null) {
      pending = doc[1];
      continue;
    }
    const member = /^(\w+)\??:\s*(.*)$/.exec(line);
    if (member !== null) {
      const key = [...path, member[1] as string].join('.');
      if (pending !== undefined) comments[key] = pending;
      pending = undefined;
      const rest = member[2] as string;
      if (rest.endsWith('{') || (rest.startsWith('{') && !rest.includes('}'))) path.push(member[1] as string);
      else if (rest.startsWith('{') && rest.includes('}')) continue;
      continue;
    }
    if (line.startsWith('}')) path.pop();
  }
  return comments;
}

function allowed(rule: ParamRule): string {
  switch (rule.kind) {
    case 'boolean':
      return '`true` / `false`';
    case 'enum':
      return rule.values.map((v) => `\`${v}\``).join(' / ');
    case 'enumList':
      return `list of ${rule.values.map((v) => `\`${v}\``).join(', ')}`;
    case 'numberList':
      return `non-empty list of ${rule.integer === true ? 'whole numbers' : 'numbers'}${rule.min === undefined ? '' : ` ≥ ${rule.min}`}`;
    case 'number': {
      const kind = rule.integer === true ? 'whole number' : 'number';
      const range =
        rule.min !== undefined && rule.max !== undefined ? ` ${rule.min} to ${rule.max}` : rule.min !== undefined ? ` ≥ ${rule.min}` : rule.max !== undefined ? ` ≤ ${rule.max}` : '';
      return `${kind}${range}${rule.nullable === true ? ', or `null`' : ''}`;
    }
  }
}

function valueAt(value: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((v, part) => (v as Record<string, unknown> | undefined)?.[part], value);
}

function parentKey(key: string): string {
  return key.split('.').slice(0, -1).join('.');
}

