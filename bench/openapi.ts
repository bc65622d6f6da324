/**
 * OpenAPI document benchmark, run by hand: `npx tsx bench/openapi.ts`.
 * Prints, for the built-in resources, the cost of what the first OpenAPI request pays
 * (loading upstream's descriptions, building every v3 document, the v2 document and its
 * gnostic protobuf form) and the sizes served. Each step runs in a fresh resource set, so
 * the documents' per-set cache does not hide the work; the first round is the cold one.
 */
import { performance } from 'node:perf_hooks';
import { BUILTIN_RESOURCES } from '../src/api/resources/index.js';
import { openapiV2Entry, openapiV3Entry, openapiV3Index } from '../src/apiserver/openapi/index.js';
import { messageDocs } from '../src/apiserver/openapi/upstream.js';

const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
};

const [, load] = time(() => messageDocs('api.core.v1.Pod'));
console.log(`upstream descriptions: decompress and parse ${load.toFixed(1)} ms`);

for (let round = 1; round <= 3; round++) {
  const resources = [...BUILTIN_RESOURCES];
  const [index, v3] = time(() => openapiV3Index(resources));
  const sizes = Object.keys(index.paths).map((p) => openapiV3Entry(p, resources)!.json.length);
  const [entry, v2] = time(() => openapiV2Entry(resources));
  const [pb, encode] = time(() => entry.protobuf());
  const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
  console.log(
    `round ${round}: v3 ${sizes.length} documents ${v3.toFixed(0)} ms (${kb(sizes.reduce((a, b) => a + b, 0))}, api/v1 ${kb(openapiV3Entry('api/v1', resources)!.json.length)}); ` +
      `v2 JSON ${v2.toFixed(0)} ms (${kb(entry.json.length)}); protobuf ${encode.toFixed(0)} ms (${kb(pb.length)})`,
  );
}
