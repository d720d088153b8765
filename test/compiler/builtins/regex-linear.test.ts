/**
 * Every builtin that compiles a pattern from policy or input text runs in
 * time linear in its input (RE2, see services/compiler/builtins/regex.ts).
 * Nothing here measures time: each input is long enough that a backtracking
 * engine would need longer than anyone waits (`^(a+)+$` on 50,000 characters
 * takes about 2^50,000 steps), so a regression hangs until Jest's timeout,
 * while a linear engine answers in well under a second.
 */
import { outcome } from './support/table.js';
import { loadQuery } from './support/policy.js';

const N = 50_000;
const as = 'a'.repeat(N);
/** Far beyond any honest run of these cases; only a backtracking engine reaches it. */
const HANG_MS = 120_000;

const cases: [string, unknown[], unknown][] = [
  ['regex.match', ['^(a+)+$', `${as}!`], false],
  ['regex.match', ['^(a|a)*$', `${as}!`], false],
  ['regex.match', ['(a*)*b', as], false],
  ['regex.match', ['^(\\w+\\s?)*$', `${'word '.repeat(N / 5)}!`], false],
  ['re_match', ['^(a+)+$', `${as}!`], false],
  ['regex.find_n', ['(a+)+b', as, -1], []],
  ['regex.find_all_string_submatch_n', ['(a|aa)+$', `${as}b`, -1], []],
  ['regex.replace', [`${as}!`, '^(a+)+$', 'x'], `${as}!`],
  ['regex.split', ['(a+)+b', as], [as]],
  ['regex.template_match', ['x{(a+)+}y', `x${as}`, '{', '}'], false],
  ['glob.match', ['*a*a*a*a*a*a*a*a*b', [], as], false],
  ['glob.match', ['{a,a}{a,a}{a,a}*b', null, as], false],
];

describe('regex builtins run in linear time', () => {
  it.each(cases)(
    '%s on pathological patterns',
    (name, args, want) => {
      expect(outcome(name, args)).toEqual({ value: want });
    },
    HANG_MS,
  );

  it(
    'json.match_schema checks a pattern in linear time',
    () => {
      const schema = { type: 'string', pattern: '^(a+)+$' };
      // A string document is JSON text, as in OPA.
      const got = outcome('json.match_schema', [JSON.stringify(`${as}!`), schema]) as {
        value: [boolean, unknown[]];
      };
      expect(got.value[0]).toBe(false);
      expect(got.value[1]).toHaveLength(1);
    },
    HANG_MS,
  );

  it(
    "through the SDK: the module calls our regex.split and regex.match, not the SDK's backtracking ones",
    async () => {
      const split = await loadQuery(
        'package test\n\np := regex.split(`(a+)+b`, input.s)\n',
        'x := data.test.p',
      );
      expect(split.evaluate({ s: `${as}!` })).toEqual([{ x: [`${as}!`] }]);
      const match = await loadQuery(
        'package test\n\np := regex.match(`^(a+)+$`, input.s)\n',
        'x := data.test.p',
      );
      expect(match.evaluate({ s: `${as}!` })).toEqual([{ x: false }]);
      // Go syntax the SDK's JavaScript split would reject: an inline flag group.
      const flags = await loadQuery(
        'package test\n\np := regex.split(`(?i)x`, "aXbxc")\n',
        'x := data.test.p',
      );
      expect(flags.evaluate()).toEqual([{ x: ['a', 'b', 'c'] }]);
    },
    HANG_MS,
  );
});
