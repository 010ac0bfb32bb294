/**
 * The rule of one leaf key of the params (what a value must be). Kept free of
 * imports: learners (models/) declare their settings' rules with it.
 *
 * @example
 *   const epochs: ParamRule = { kind: 'number', integer: true, min: 1, max: 10000 };
 */
export type ParamRule =
  | { kind: 'number'; min?: number; max?: number; integer?: boolean; nullable?: boolean }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'enumList'; values: readonly string[] }
  | { kind: 'numberList'; min?: number; integer?: boolean };
