/** Time formats of metav1.Time and metav1.MicroTime, from epoch milliseconds. */

let lastSecond = NaN;
let lastFormatted = '';

/** rfc3339 is metav1.Time: UTC, second precision. Every write asks, mostly for the same second. */
export function rfc3339(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastFormatted = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    lastSecond = second;
  }
  return lastFormatted;
}

/** microTime is metav1.MicroTime: UTC with six fraction digits. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000Z');
}
