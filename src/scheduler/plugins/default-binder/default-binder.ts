import type { Client } from '../../../client/client.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { BindPlugin, Handle } from '../../framework/interface.js';
import { Status } from '../../framework/status.js';
import type { Pod } from '../../framework/types.js';
import { Names } from '../names.js';

export const NAME = Names.DefaultBinder;

/** DefaultBinder binds through POST pods/{name}/binding. */
export class DefaultBinder implements BindPlugin {
  readonly name = NAME;

  constructor(private readonly client: Client) {}

  async bind(_state: CycleState, pod: Pod, nodeName: string): Promise<Status | undefined> {
    const { name, namespace, uid } = pod.metadata;
    try {
      await this.client.post({ version: 'v1', resource: 'pods', namespace }, name!, 'binding', {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name, namespace, uid },
        target: { kind: 'Node', name: nodeName },
      });
      return undefined;
    } catch (err) {
      return Status.error(err);
    }
  }
}

export const create = (_args: unknown, h: Handle): DefaultBinder => new DefaultBinder(h.client);
