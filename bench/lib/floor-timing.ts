/**
 * Times evaluate() on the floor module (floor-module.ts) in a process of its
 * own, and prints one summary per round as JSON. One more module in the
 * bench's process would make the SDK's call sites more polymorphic and slow
 * every case there down; a service holds its policy alone, so the floor
 * gets a process of its own (and is the lowest cost the SDK can have).
 * Usage: node floor-timing.js <input JSON> <rounds> <timing JSON>
 */
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { floorModule } from './floor-module.js';
import { REFERENCE_ENTRYPOINT } from './opa-reference.js';
import { summarise, timeInterleaved, type BatchTiming } from './stats.js';

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as unknown;
  const rounds = Number(process.argv[3] ?? '5');
  const timing = JSON.parse(process.argv[4] ?? '{"iterations":200,"batch":100,"warmup":2000}') as BatchTiming;
  const floor = await loadPolicy(floorModule(REFERENCE_ENTRYPOINT));
  floor.setData({});
  const out = [];
  for (let round = 0; round < rounds; round++) {
    const [samples] = timeInterleaved([() => floor.evaluate(input, REFERENCE_ENTRYPOINT)], {
      ...timing,
      warmup: round === 0 ? timing.warmup : 0,
    });
    out.push(summarise(samples));
  }
  process.stdout.write(JSON.stringify(out));
}

await main();
