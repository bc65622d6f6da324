import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { realpathSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** findKubectl locates kubectl 1.33 (kubectl.1.33 beside the gcloud dispatcher) or plain kubectl. */
export function findKubectl(): string | undefined {
  if (process.env.KUBECTL) return process.env.KUBECTL;
  try {
    const p = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
    if (!p) return undefined;
    const dir = dirname(realpathSync(p));
    const v133 = join(dir, 'kubectl.1.33');
    if (existsSync(v133)) return v133;
    const anyVersioned = readdirSync(dir).filter((f) => /^kubectl\.1\.\d+$/.test(f)).sort().pop();
    return anyVersioned ? join(dir, anyVersioned) : p;
  } catch {
    return undefined;
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** kubectl runs one command with its own cache dir, so discovery is fetched fresh. */
export function kubectl(bin: string, kubeconfig: string, cacheDir: string, args: string[], opts: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      bin,
      ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args],
      // OpenAPI documents with upstream's descriptions pass 1 MB (get --raw).
      { env: { ...process.env, ...opts.env }, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}
