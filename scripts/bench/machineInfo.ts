import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';

/** The machine and code a benchmark ran on, for the record. */
export interface MachineInfo {
  cpu_model: string;
  cores: number;
  ram_bytes: number;
  os: string;
  node: string;
  date: string;
  git_commit: string | null;
  git_dirty: boolean | null;
}

/**
 * Describes this machine (CPU model, cores, RAM, kernel, Node) and the
 * project's git commit.
 *
 * @example
 *   machineInfo('/work/project').cores; // 2
 */
export function machineInfo(root: string, now: Date = new Date()): MachineInfo {
  const cpu = cpus();
  return {
    cpu_model: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    ram_bytes: totalmem(),
    os: `${process.platform} ${release()}`,
    node: process.version,
    date: now.toISOString(),
    git_commit: git(root, ['rev-parse', 'HEAD']),
    git_dirty: (() => {
      const status = git(root, ['status', '--porcelain', '--untracked-files=no']);
      return status === null ? null : status !== '';
    })(),
  };
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}
