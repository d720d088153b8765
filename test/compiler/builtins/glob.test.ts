/** The host's glob.match (what the module's native leaves to it, and what it was checked against). */
import '../../../services/compiler/builtins/glob.js';
import { callBuiltin } from '../../../services/compiler/builtins/registry.js';

test('compiled patterns are cached by pattern and delimiters, never one for another', () => {
  // Both pairs once read "a", NUL, NUL, "b" to the cache: the second call reused the first's pattern.
  expect(callBuiltin('glob.match', ['a', ['\u0000', 'b'], 'a'])).toBe(true);
  expect(callBuiltin('glob.match', ['a\u0000', ['b'], 'a\u0000'])).toBe(true);
  expect(callBuiltin('glob.match', ['a\u0000', ['b'], 'a'])).toBe(false);
});
