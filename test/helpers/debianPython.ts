import { execFileSync } from 'node:child_process';

/** Debian's Python, with the packages scripts/ci/installTestDeps.sh installs (the pyenv `python3` on PATH lacks them). */
export const DEBIAN_PYTHON = '/usr/bin/python3';

/**
 * Whether Debian's Python imports every one of `modules`: tests that need
 * scikit-learn or pandas skip (and say so) where it does not.
 *
 * @example
 *   const maybe = pythonHas('pandas', 'sklearn') ? describe : describe.skip;
 */
export function pythonHas(...modules: string[]): boolean {
  try {
    execFileSync(DEBIAN_PYTHON, ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
