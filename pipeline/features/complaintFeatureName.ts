/**
 * Column name of a complaint-category count: the category of the standard's
 * enum made safe for a column name, then the window.
 *
 * @example
 *   complaintFeatureName('noise', 'recent'); // 'complaints_noise_recent'
 */
export function complaintFeatureName(category: string, window: 'recent' | 'long'): string {
  return `complaints_${category.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${window}`;
}
