/**
 * Durability: a write whose promise resolved must survive kill -9 of the process. A child
 * process writes and reports acknowledged keys; we SIGKILL it mid-stream, reopen the
 * database and check every acknowledged key is there.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../src/storage/sqlite/sqlite-store.js';

const here = fileURLToPath(import.meta.url);
// Run from source (.ts under tsx) or compiled (dist/test/*.js under plain node): the
// writer is the sibling file with our own extension.
const fromSource = extname(here) === '.ts';
const writer = join(dirname(here), 'helpers', `storage-writer${extname(here)}`);
const repoRoot = fromSource ? join(dirname(here), '..') : join(dirname(here), '..', '..');
const ACKS_BEFORE_KILL = 300;

const dir = mkdtempSync(join(tmpdir(), 'k8ts-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** runAndKill starts the writer and SIGKILLs it once `acks` writes were acknowledged. */
function runAndKill(dbPath: string, acks: number): Promise<{ acked: string[]; signal: string | null }> {
  const args = fromSource ? ['--import', 'tsx', writer, dbPath] : [writer, dbPath];
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const acked: string[] = [];
  let partial = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer made only ${acked.length} writes in time; stderr: ${stderr}`));
    }, 20_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop()!; // an incomplete line was not acknowledged yet
      acked.push(...lines);
      if (acked.length >= acks && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    // 'close' comes after the exit and after stdout is drained: lines written before the
    // kill may still sit in the pipe when the process dies.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited early (code ${code}); stderr: ${stderr}`));
      else resolve({ acked, signal });
    });
  });
}

describe('SqliteStore durability', () => {
  it('keeps every acknowledged write after kill -9', async (t) => {
    const dbPath = join(dir, 'crash.sqlite');
    const { acked, signal } = await runAndKill(dbPath, ACKS_BEFORE_KILL);
    assert.equal(signal, 'SIGKILL');
    assert.ok(acked.length >= ACKS_BEFORE_KILL, `acked ${acked.length}`);

    const store = SqliteStore.open(dbPath);
    try {
      const present = new Set((await store.list({ prefix: '/registry/crash/' })).items.map((i) => i.key));
      const lost = acked.filter((k) => !present.has(k));
      t.diagnostic(`acknowledged ${acked.length}, present after restart ${present.size}`);
      assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged writes lost`);
      assert.ok((await store.currentRevision()) >= acked.length);
      // The store keeps working where the dead writer stopped.
      const next = await store.create('/registry/crash/after', 'x');
      assert.equal(next.modRevision, present.size + 1);
    } finally {
      await store.close();
    }
  });
});
