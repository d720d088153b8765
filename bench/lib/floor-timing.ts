/**
 * Times evaluate() on the floor module (floor-module.ts) in a process of its
 * own, and prints one summary per round as JSON. A second module in the
 * bench's process would make the SDK's call sites polymorphic and slow every
 * case there down; a service holds one policy, so each side gets a process.
 * Usage: node floor-timing.js <input JSON> <rounds>
 */
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { floorModule } from './floor-module.js';
import { summarise, timeCalls } from './stats.js';

export const FLOOR_TIMING = { iterations: 200, batch: 100, warmup: 2000 };

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as unknown;
  const rounds = Number(process.argv[3] ?? '5');
  const floor = await loadPolicy(floorModule('rbac/allow'));
  floor.setData({});
  const out = [];
  for (let round = 0; round < rounds; round++) {
    out.push(summarise(await timeCalls(() => floor.evaluate(input, 'rbac/allow'), FLOOR_TIMING)));
  }
  process.stdout.write(JSON.stringify(out));
}

await main();
