import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStore, SqliteStore, openStorage } from './index.js';
import type { StorageConfig } from './index.js';

describe('openStorage', () => {
  const cases: Array<{ config: StorageConfig; kind: unknown }> = [
    { config: { type: 'memory' }, kind: MemoryStore },
    { config: { type: 'sqlite', path: ':memory:', historyWindow: 0 }, kind: SqliteStore },
  ];
  for (const tc of cases) {
    it(`opens ${tc.config.type}`, async () => {
      const s = await openStorage(tc.config);
      assert.ok(s instanceof (tc.kind as typeof MemoryStore | typeof SqliteStore));
      assert.equal((await s.create('/a', 'b')).modRevision, 1);
      assert.equal((await s.get('/a'))?.value, 'b');
      await s.close();
    });
  }
});
