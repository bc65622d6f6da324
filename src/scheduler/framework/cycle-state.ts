/** StateData is a value kept in CycleState; clone() lets preemption fork the state. */
export interface StateData {
  clone(): StateData;
}

/** StateKey<T> names a CycleState slot holding a T; the brand makes reads type-safe. */
export type StateKey<T extends StateData> = string & { readonly __state?: T };

/** stateKey builds a key, conventionally `"PreFilter" + pluginName`. */
export function stateKey<T extends StateData>(name: string): StateKey<T> {
  return name as StateKey<T>;
}

/**
 * CycleState is per-scheduling-cycle scratch space: PreX points write, X points read. It is
 * created for each pod and never shared between pods.
 */
export class CycleState {
  private data = new Map<string, StateData>();
  /** skipFilterPlugins/skipScorePlugins are plugins that returned Skip at PreFilter/PreScore. */
  skipFilterPlugins = new Set<string>();
  skipScorePlugins = new Set<string>();

  write<T extends StateData>(key: StateKey<T>, value: T): void {
    this.data.set(key, value);
  }

  read<T extends StateData>(key: StateKey<T>): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  delete(key: StateKey<StateData>): void {
    this.data.delete(key);
  }

  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, v.clone());
    c.skipFilterPlugins = new Set(this.skipFilterPlugins);
    c.skipScorePlugins = new Set(this.skipScorePlugins);
    return c;
  }
}
