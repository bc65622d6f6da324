/** Helpers shared by the storage contract suite files. */
import assert from 'node:assert/strict';
import type { Storage, StorageError, StorageErrorCode, StorageEvent, Watcher } from './interface.js';
import { isStorageError } from './interface.js';

/** kv builds a plain KeyValue for deepEqual against store results. */
export function kv(key: string, value: string, createRevision: number, modRevision: number) {
  return { key, value, createRevision, modRevision };
}

/** assertPage checks more/remaining of a list page. */
export function assertPage(page: { more: boolean; remaining?: number }, remaining: number, msg: string): void {
  assert.equal(page.more, remaining > 0, msg);
  if (page.remaining !== undefined) assert.equal(page.remaining, remaining, msg);
}

/** rejects asserts p fails with a StorageError of code and returns it. */
export async function rejects(p: Promise<unknown>, code: StorageErrorCode, msg?: string): Promise<StorageError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isStorageError(e, code), `${msg ?? ''} want ${code}, got ${String(e)}`);
    return e as StorageError;
  }
  assert.fail(`${msg ?? ''} want ${code}, got success`);
}

/** Collector records what one watch delivered. */
export interface Collector {
  events: StorageEvent[];
  errors: Error[];
  watcher: Watcher;
}

/** collect starts a watch that records events and errors. */
export async function collect(s: Storage, prefix: string, fromRevision: number): Promise<Collector> {
  const events: StorageEvent[] = [];
  const errors: Error[] = [];
  const watcher = await s.watch({ prefix, fromRevision }, { onEvent: (e) => events.push(e), onError: (e) => errors.push(e) });
  return { events, errors, watcher };
}

/** until polls cond until it holds (fails after 2s), for backends that deliver later. */
export async function until(cond: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!cond()) {
    if (Date.now() > deadline) assert.fail('timed out waiting for watch events');
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** summary flattens events to [type, key, value, revision - base, prevKv value]. */
export function summary(events: StorageEvent[], base: number) {
  return events.map((e) => [e.type, e.kv.key, e.kv.value, e.revision - base, e.prevKv?.value]);
}
