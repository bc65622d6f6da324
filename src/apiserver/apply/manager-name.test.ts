import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultManager } from './manager-name.js';

test('defaultManager: fieldManager, else the User-Agent before its first "/"', () => {
  const cases: [string | null, string | undefined, string][] = [
    ['my-controller', 'kubectl/v1.33.0', 'my-controller'],
    [null, 'kubectl-client-side-apply/v1.33.0 (linux/amd64) kubernetes/abc', 'kubectl-client-side-apply'],
    [null, 'kubectl-edit/v1.33.0 (linux/amd64)', 'kubectl-edit'],
    ['', 'kubectl/v1.33.0', 'kubectl'],
    [null, 'node-fetch', 'node-fetch'],
    [null, 'a\u0007b/1', 'ab'],
    [null, undefined, ''],
    [null, 'x'.repeat(200), 'x'.repeat(128)],
  ];
  for (const [fm, ua, want] of cases) assert.equal(defaultManager(fm, ua), want, `${fm} ${ua}`);
});
