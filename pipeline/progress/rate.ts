/** "12.3/s", "0.4/s", "1.2k/s": a compact rate for progress lines. */
export function formatRate(done: number, seconds: number): string {
  if (seconds <= 0 || done <= 0) return '';
  const rate = done / seconds;
  if (rate >= 10000) return `${(rate / 1000).toFixed(0)}k/s`;
  if (rate >= 1000) return `${(rate / 1000).toFixed(1)}k/s`;
  if (rate >= 10) return `${rate.toFixed(0)}/s`;
  return `${rate.toFixed(1)}/s`;
}

/** "8.2s", "2m05s", "1h02m": a compact duration. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** A text bar of `width` cells, `done/total` filled. */
export function bar(done: number, total: number, width: number): string {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.round(fraction * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}
