/** Fluent builders for scheduler tests: makePod().name('p').cpu('1').obj(). */
import type { Taint, Toleration } from '../../machinery/tolerations.js';
import type { Container, Node, NodeSelectorTerm, Pod, Volume } from '../framework/types.js';

export class PodBuilder {
  private p: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'uid-p' }, spec: { containers: [{ name: 'c' }] } };

  name(n: string): this {
    this.p.metadata.name = n;
    this.p.metadata.uid = `uid-${n}`;
    return this;
  }
  namespace(ns: string): this {
    this.p.metadata.namespace = ns;
    return this;
  }
  volume(v: Volume): this {
    (this.p.spec.volumes ??= []).push(v);
    return this;
  }
  /** pvc adds a volume using the claim (the volume is named after it, as upstream's builder does). */
  pvc(claimName: string): this {
    return this.volume({ name: claimName, persistentVolumeClaim: { claimName } });
  }
  priority(n: number): this {
    this.p.spec.priority = n;
    return this;
  }
  req(r: Record<string, string>): this {
    this.p.spec.containers[0]!.resources = { requests: r };
    return this;
  }
  container(c: Container): this {
    this.p.spec.containers.push(c);
    return this;
  }
  init(c: Container): this {
    (this.p.spec.initContainers ??= []).push(c);
    return this;
  }
  overhead(r: Record<string, string>): this {
    this.p.spec.overhead = r;
    return this;
  }
  toleration(t: Toleration): this {
    (this.p.spec.tolerations ??= []).push(t);
    return this;
  }
  nodeName(n: string): this {
    this.p.spec.nodeName = n;
    return this;
  }
  nodeSelector(s: Record<string, string>): this {
    this.p.spec.nodeSelector = s;
    return this;
  }
  required(...terms: NodeSelectorTerm[]): this {
    const na = ((this.p.spec.affinity ??= {}).nodeAffinity ??= {});
    na.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: terms };
    return this;
  }
  preferred(weight: number, preference: NodeSelectorTerm): this {
    const na = ((this.p.spec.affinity ??= {}).nodeAffinity ??= {});
    (na.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({ weight, preference });
    return this;
  }
  hostPort(port: number, protocol = 'TCP', hostIP?: string): this {
    (this.p.spec.containers[0]!.ports ??= []).push({ containerPort: port, hostPort: port, protocol, hostIP });
    return this;
  }
  gates(...names: string[]): this {
    this.p.spec.schedulingGates = names.map((name) => ({ name }));
    return this;
  }
  obj(): Pod {
    return structuredClone(this.p);
  }
}

export class NodeBuilder {
  private n: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', labels: {} }, spec: {}, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } };

  name(n: string): this {
    this.n.metadata.name = n;
    return this;
  }
  label(k: string, v: string): this {
    this.n.metadata.labels![k] = v;
    return this;
  }
  taint(t: Taint): this {
    (this.n.spec!.taints ??= []).push(t);
    return this;
  }
  unschedulable(): this {
    this.n.spec!.unschedulable = true;
    return this;
  }
  allocatable(r: Record<string, string>): this {
    this.n.status!.allocatable = r;
    return this;
  }
  obj(): Node {
    return structuredClone(this.n);
  }
}

export const makePod = (): PodBuilder => new PodBuilder();
export const makeNode = (): NodeBuilder => new NodeBuilder();
