import type { PluginFactory } from '../interface.js';

/** Registry maps plugin names to factories; register refuses duplicates. */
export class Registry {
  private factories = new Map<string, PluginFactory>();

  constructor(entries: Record<string, PluginFactory> = {}) {
    for (const [name, f] of Object.entries(entries)) this.register(name, f);
  }

  register(name: string, factory: PluginFactory): void {
    if (this.factories.has(name)) throw new Error(`a plugin named ${name} already exists`);
    this.factories.set(name, factory);
  }

  unregister(name: string): void {
    if (!this.factories.delete(name)) throw new Error(`no plugin named ${name} exists`);
  }

  /** merge adds out-of-tree plugins; a name clash is an error. */
  merge(other: Registry): void {
    for (const [name, f] of other.factories) this.register(name, f);
  }

  get(name: string): PluginFactory | undefined {
    return this.factories.get(name);
  }

  names(): string[] {
    return [...this.factories.keys()];
  }
}
