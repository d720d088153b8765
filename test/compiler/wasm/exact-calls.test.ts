/** Host builtins in the exact convention: value text out, value text back, through the SDK. */
import { dumpValue, ensureRuntime, exportsOf, load, local, policy, resultBlock, st, str } from './support.js';

beforeAll(ensureRuntime, 120_000);

/** `p := <builtin>(input.<first>, input.<second>)`, called on the host. */
function twoArgumentCall(builtin: string, first: string, second: string) {
  return policy({
    strings: ['result', first, second],
    builtins: [builtin],
    plans: [
      {
        name: 'test/p',
        blocks: [
          resultBlock(
            0,
            4,
            5,
            st('DotStmt', { source: local(0), key: str(1), target: 2 }),
            st('DotStmt', { source: local(0), key: str(2), target: 3 }),
            st('CallStmt', { func: builtin, args: [local(2), local(3)], result: 4 }),
          ),
        ],
      },
    ],
  });
}

const ir = twoArgumentCall('json.patch', 'doc', 'patch');

test('lists the builtin under its exact name and passes value text both ways', async () => {
  const seen: unknown[][] = [];
  const p = await load(ir, {
    'portcullis.exact.json.patch': (...args: unknown[]) => {
      seen.push(args);
      return '{"s":{2,1},"t":set()}';
    },
  });
  const x = exportsOf(p) as Record<string, () => number>;
  expect(dumpValue(p, x.builtins())).toEqual({ 'portcullis.exact.json.patch': 0 });
  // The answer's sets are parsed as sets (the result set then dumps them as sorted arrays).
  const result = p.evaluate({ doc: { a: [1] }, patch: [] }, 'test/p') as { result: unknown }[];
  expect(seen).toEqual([['{"a":[1]}', '[]']]);
  expect(result).toHaveLength(1);
  expect(result[0].result).toEqual({ s: [1, 2], t: [] });
});

test('an undefined answer makes the call undefined', async () => {
  const p = await load(ir, { 'portcullis.exact.json.patch': () => undefined });
  expect(p.evaluate({ doc: {}, patch: [] }, 'test/p')).toEqual([]);
});

test('an answer that is not value text aborts with the builtin named', async () => {
  const notString = await load(ir, { 'portcullis.exact.json.patch': () => 42 });
  expect(() => notString.evaluate({ doc: {}, patch: [] }, 'test/p')).toThrow(
    'host builtin json.patch (exact convention) did not answer with Rego value text',
  );
  const malformed = await load(ir, { 'portcullis.exact.json.patch': () => '{"a":' });
  expect(() => malformed.evaluate({ doc: {}, patch: [] }, 'test/p')).toThrow(
    'host builtin json.patch answered malformed Rego value text',
  );
});

/** A string answer: plain JSON when the arguments allow. */
const sprintfIr = twoArgumentCall('sprintf', 'format', 'args');

test('a builtin answering a string goes in JSON when its arguments survive JSON, else as value text', async () => {
  const calls: string[] = [];
  const p = await load(sprintfIr, {
    'portcullis.sprintf': (format: unknown, args: unknown) => {
      calls.push(`json ${JSON.stringify([format, args])}`);
      return 'via json';
    },
    'portcullis.exact.sprintf': (format: unknown, args: unknown) => {
      calls.push(`exact ${String(format)} ${String(args)}`);
      return '"via value text"';
    },
  });
  const x = exportsOf(p) as Record<string, () => number>;
  expect(dumpValue(p, x.builtins())).toEqual({ 'portcullis.exact.sprintf': 0, 'portcullis.sprintf': 1 });
  const answer = (input: string): unknown =>
    (p.evaluate(new TextEncoder().encode(input).buffer, 'test/p') as { result: unknown }[])[0]?.result;
  expect(answer('{"format": "%d of %s", "args": [3, "x", 2.5]}')).toBe('via json');
  expect(answer('{"format": "%d", "args": [123456789123456789123]}')).toBe('via value text');
  expect(answer('{"format": "%v", "args": [{"a", "b"}]}')).toBe('via value text');
  expect(calls).toEqual([
    'json ["%d of %s",[3,"x",2.5]]',
    'exact "%d" [123456789123456789123]',
    'exact "%v" [{"a","b"}]',
  ]);
});
