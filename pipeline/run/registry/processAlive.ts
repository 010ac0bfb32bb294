/**
 * Whether a process with this id is running on this machine (signal 0 probes
 * without signalling; a process of another user counts as alive). The one
 * liveness test of the run lock and the run records.
 *
 * @example
 *   processAlive(process.pid); // true
 */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
