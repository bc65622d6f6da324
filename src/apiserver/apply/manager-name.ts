/** Longest fieldManager upstream accepts (validation.FieldManagerMaxLength), in bytes. */
const MAX_LENGTH = 128;

/**
 * defaultManager is the manager name of a write whose request has no fieldManager:
 * upstream's managerOrUserAgent takes the User-Agent up to its first '/', e.g.
 * 'kubectl-client-side-apply/v1.33.0 (linux/amd64) kubernetes/abc' -> 'kubectl-client-side-apply'
 * (kubectl puts its command there: kubectl-edit, kubectl-label, kubectl-create ...),
 * dropping unprintable characters and cutting at 128 bytes.
 */
export function defaultManager(fieldManager: string | null | undefined, userAgent: string | undefined): string {
  if (fieldManager) return fieldManager;
  const prefix = (userAgent ?? '').split('/')[0];
  let out = '';
  for (const ch of prefix) {
    if (ch !== ' ' && /[\p{C}\p{Z}]/u.test(ch)) continue;
    if (Buffer.byteLength(out + ch) > MAX_LENGTH) break;
    out += ch;
  }
  return out;
}
