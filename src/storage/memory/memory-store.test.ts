import { runStorageContract } from '../storage.case.test.js';
import { MemoryStore } from './memory-store.js';

runStorageContract('MemoryStore', async () => new MemoryStore());
