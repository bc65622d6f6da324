import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const compiled = import.meta.url.endsWith('.js');

export interface ServerProcess {
  child: ChildProcess;
  kubeconfig: string;
  url: string;
  output: () => string;
}

/** spawnServer runs `k8ts up` as a separate process (compiled, or through tsx in development). */
export function spawnServer(args: string[], opts: { preferCompiled?: boolean } = {}): Promise<ServerProcess> {
  const root = compiled ? join(here, '..', '..', '..') : join(here, '..', '..');
  const useDist = compiled || (opts.preferCompiled && existsSync(join(root, 'dist', 'src', 'cli', 'run.js')));
  const cmd = useDist ? [join(root, 'bin', 'k8ts')] : ['--import', 'tsx', join(root, 'src', 'cli', 'run.ts')];
  const child = spawn(process.execPath, [...cmd, 'up', ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: root });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const kc = /kubeconfig: (.+)\n/.exec(out);
      const url = /ready at (https:\/\/[^ ]+)/.exec(out);
      if (kc && url) {
        clearTimeout(timer);
        resolve({ child, kubeconfig: kc[1]!.trim(), url: url[1]!, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

/** stopServer ends the process by its PID and waits for it to exit. */
export function stopServer(p: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve(p.child.exitCode);
    p.child.removeAllListeners('exit');
    p.child.once('exit', (code) => resolve(code));
    process.kill(p.child.pid!, signal);
  });
}
