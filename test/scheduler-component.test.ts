import assert from 'node:assert/strict';
import { request } from 'node:https';
import { after, before, it } from 'node:test';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';

let cluster: Cluster;
let cred: { cert: string; key: string };

before(async () => {
  cluster = await startCluster({ storage: 'memory', scheduler: true, schedulerThread: true, schedulerSecurePort: 0, featureGates: 'ComponentStatusz=true,ComponentFlagz=true' });
  const b64 = (s: string) => Buffer.from(s, 'base64').toString();
  const user = cluster.kubeconfig.object.users[0]!.user;
  cred = { cert: b64(user['client-certificate-data']), key: b64(user['client-key-data']) };
});
after(async () => {
  await cluster.stop();
});

function get(path: string, withCert: boolean): Promise<{ status: number; body: string }> {
  const url = new URL(path, cluster.schedulerUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, rejectUnauthorized: false, ...(withCert ? cred : {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

it("k8ts up serves the in-process scheduler's own endpoints as kube-scheduler", async () => {
  assert.match(cluster.schedulerUrl ?? '', /^https:\/\/127\.0\.0\.1:\d+$/);
  for (let i = 0; i < 200 && !(await get('/readyz', false)).body.startsWith('ok'); i++) await new Promise((r) => setTimeout(r, 25));
  const ready = await get('/readyz?verbose', false);
  assert.equal(ready.status, 200);
  assert.match(ready.body, /\[\+\]sched-handler-sync ok\n/);
  assert.doesNotMatch(ready.body, /leaderElection/, 'the in-process scheduler does not elect a leader');
  assert.equal((await get('/metrics', false)).status, 403);
  const metrics = await get('/metrics', true);
  assert.match(metrics.body, /^scheduler_pending_pods\{queue="active"\} 0$/m);
  const statusz = await get('/statusz', true);
  assert.match(statusz.body, /^kube-scheduler statusz$/m);
  const flagz = await get('/flagz', true);
  assert.match(flagz.body, /^leader-elect[:= ]+false$/m);
});
