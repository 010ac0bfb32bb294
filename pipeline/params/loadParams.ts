import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ParamsError } from '../errors/ParamsError.js';
import { paramsMessages as m, RETIRED_PARAMS } from '../messages/params.js';
import { DEFAULT_PARAMS, type Params } from './Params.js';
import { checkParam, checkParamsTogether, isObject, PARAM_RULES } from './paramRules.js';

/**
 * Reads a params file (JSON or YAML, by content), checks every key against
 * the known params (unknown keys, wrong types, values out of range or not
 * allowed are refused with a message naming the key and what is allowed),
 * and returns the defaults overlaid with it. Without a file, the defaults.
 *
 * @example
 *   const params = loadParams('params.yaml'); // { ...DEFAULT_PARAMS, rank: { ...top: 100 } }
 */
export function loadParams(file?: string): Params {
  if (file === undefined) return structuredClone(DEFAULT_PARAMS);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ParamsError(m.unreadable(file, (error as Error).message), 2);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ParamsError(m.unreadable(file, (error as Error).message), 2);
  }
  return resolveParams(raw ?? {}, file);
}

/** Checks a params object (as read from a file named `source`) and overlays it on the defaults. */
export function resolveParams(raw: unknown, source = 'params'): Params {
  if (!isObject(raw)) throw new ParamsError(m.notAnObject(source), 2);
  const merged = structuredClone(DEFAULT_PARAMS) as unknown as Record<string, unknown>;
  overlay(merged, raw, '', source);
  const params = merged as unknown as Params;
  checkParamsTogether(params, source);
  return params;
}

function overlay(target: Record<string, unknown>, source: Record<string, unknown>, prefix: string, file: string): void {
  for (const [key, value] of Object.entries(source)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const retired = RETIRED_PARAMS[path];
    if (!(key in target) && retired !== undefined) throw new ParamsError(m.retiredKey(file, path, retired), 2);
    if (!(key in target)) throw new ParamsError(m.unknownKey(file, path, Object.keys(target)), 2);
    if (PARAM_RULES[path] === undefined) {
      if (!isObject(value)) throw new ParamsError(m.wrongType(file, path, 'an object of settings', value), 2);
      overlay(target[key] as Record<string, unknown>, value, path, file);
    } else {
      target[key] = checkParam(path, value, file);
    }
  }
}
