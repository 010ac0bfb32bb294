/** Messages about params files. */
export const paramsMessages = {
  unreadable: (file: string, detail: string) => `Cannot read the params file ${file}: ${detail}`,
  notAnObject: (file: string) => `The params file ${file} must hold an object of settings (JSON or YAML).`,
  unknownKey: (file: string, key: string, allowed: readonly string[]) =>
    `${file}: unknown key "${key}"; allowed here: ${allowed.join(', ')}`,
  wrongType: (file: string, key: string, expected: string, value: unknown) =>
    `${file}: "${key}" must be ${expected}, not ${JSON.stringify(value)}`,
  notAllowed: (file: string, key: string, value: unknown, allowed: readonly string[]) =>
    `${file}: "${key}" is ${JSON.stringify(value)}; allowed values: ${allowed.join(', ')}`,
  outOfRange: (file: string, key: string, value: unknown, range: string) =>
    `${file}: "${key}" is ${JSON.stringify(value)}; it must be ${range}`,
  inconsistent: (file: string, detail: string) => `${file}: ${detail}`,
} as const;
