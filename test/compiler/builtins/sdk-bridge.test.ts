/**
 * hostBuiltins() through the opa-wasm SDK's calling convention, against the
 * real WASM runtime: arguments dumped to JSON, results parsed back.
 */
import { hostBuiltins } from '../../../services/compiler/builtins/index.js';
import { SdkHarness } from './support/sdk-call.js';

const describeWithRuntime = SdkHarness.available() ? describe : describe.skip;

describeWithRuntime('host builtins called as the opa-wasm SDK calls them', () => {
  let sdk: SdkHarness;
  const lenient = hostBuiltins();
  const strict = hostBuiltins({ strict: true });

  beforeAll(async () => {
    sdk = await SdkHarness.create();
  });

  it('passes strings and objects through and returns strings', () => {
    const out = sdk.call(lenient['strings.replace_n'], [sdk.load({ a: 'b', c: 'd' }), sdk.load('acac')]);
    expect(sdk.dumpValue(out)).toBe('"bdbd"');
  });

  it('receives sets as sorted arrays', () => {
    const out = sdk.call(lenient['strings.any_prefix_match'], [sdk.set(['zeta/1', 'a/b']), sdk.load('a/')]);
    expect(sdk.dumpValue(out)).toBe('true');
  });

  it('returns big integers exactly', () => {
    const out = sdk.call(lenient['time.parse_rfc3339_ns'], [sdk.load('2262-04-11T23:47:16.854775807Z')]);
    expect(sdk.dumpValue(out)).toBe('9223372036854775807');
    const shifted = sdk.call(lenient['bits.lsh'], [sdk.load(1), sdk.load(64)]);
    expect(sdk.dumpValue(shifted)).toBe('18446744073709551616');
  });

  it('makes failing calls undefined, or throws under strict builtin errors', () => {
    expect(sdk.call(lenient['base64.decode'], [sdk.load('%%%')])).toBe(0);
    expect(() => sdk.call(strict['base64.decode'], [sdk.load('%%%')])).toThrow(
      'base64.decode: illegal base64 data at input byte 0',
    );
  });

  it('returns undefined results as address 0', () => {
    expect(
      sdk.call(lenient['json.patch'], [sdk.load({}), sdk.load([{ op: 'remove', path: '/missing' }])]),
    ).toBe(0);
  });
});
