/** Nearest-rank percentile (the smallest value at or above p% of the samples); null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? null;
}

/** The middle sample (nearest rank); NaN for none. */
export function median(values: readonly number[]): number {
  return percentile(values, 50) ?? NaN;
}

export function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
