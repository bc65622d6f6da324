/**
 * Parser for Job index lists ("1,3-5,7") in status.completedIndexes / status.failedIndexes,
 * with upstream's exact error strings (they appear after "error parsing completedIndexes: ").
 */

/** An inclusive interval of indexes. */
export interface IndexInterval {
  first: number;
  last: number;
}

/** parseIndexes returns the intervals or the first error message; completions bounds indexes. */
export function parseIndexes(value: string, completions: number): { intervals: IndexInterval[] } | { error: string } {
  const intervals: IndexInterval[] = [];
  if (value === '') return { intervals };
  let previous = -1;
  for (const frag of value.split(',')) {
    const parts = frag.split('-');
    if (parts.length > 2) {
      return { error: `the fragment "${frag}" violates the requirement that an index interval can have at most two parts separated by '-'` };
    }
    const nums: number[] = [];
    for (const part of parts) {
      if (!/^[+-]?[0-9]+$/.test(part)) return { error: `cannot convert string to integer for index: "${part}"` };
      const n = Number(part);
      if (n >= completions) return { error: `too large index: "${part}"` };
      if (n <= previous) return { error: `non-increasing order, previous: ${previous}, current: ${n}` };
      previous = n;
      nums.push(n);
    }
    intervals.push({ first: nums[0]!, last: nums[nums.length - 1]! });
  }
  return { intervals };
}

/** firstOverlap returns the smallest index present in both interval lists, or undefined. */
export function firstOverlap(a: IndexInterval[], b: IndexInterval[]): number | undefined {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]!.first, b[j]!.first);
    const hi = Math.min(a[i]!.last, b[j]!.last);
    if (lo <= hi) return lo;
    if (a[i]!.last < b[j]!.last) i++;
    else j++;
  }
  return undefined;
}
