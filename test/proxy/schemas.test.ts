import { readFileSync } from 'node:fs';
import { DETECTOR_NAMES } from '../../services/proxy/mask/detectors.js';
import { parseDecision } from '../../services/proxy/decision/document.js';
import { startHarness, type Harness } from './support/harness.js';
import { check } from './support/mini-schema.js';

function schema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../docs/schemas/${name}`, import.meta.url), 'utf8'));
}

describe('docs/schemas agree with the code', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('the inputs the proxy sends (both phases) match decision-input.schema.json', async () => {
    h = await startHarness({
      decide: (input) => ({ allow: true, inspect_response: input.phase === 'request' }),
    });
    h.upstream.reply = () => ({
      headers: { 'content-type': 'application/json', 'set-cookie': 'a=b' },
      body: '{"ok":1}',
    });
    await h.call('/api/a/b?x=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"q":1}',
    });
    await h.call('/api/raw', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'DROP TABLE x;',
    });
    const inputs = h.decisions.calls.map((c) => c.input);
    expect(inputs.map((i) => i.phase)).toEqual(['request', 'response', 'request', 'response']);
    expect(inputs[1].response.headers['set-cookie']).toBeUndefined();
    for (const input of inputs) expect(check(schema('decision-input.schema.json'), input)).toEqual([]);
  });

  it('a parsed decision matches decision.schema.json and the detector list is the same', () => {
    const decisionSchema = schema('decision.schema.json');
    const decision = parseDecision({
      allow: true,
      mask: { detectors: ['email'] },
      headers: { set: { 'x-a': 'b' } },
    });
    expect(check(decisionSchema, decision)).toEqual([]);
    expect(check(decisionSchema, { allow: 'yes' })).not.toEqual([]);
    type MaskSchema = { properties: { detectors: { items: { enum: string[] } } } };
    const properties = decisionSchema.properties as Record<string, { oneOf: MaskSchema[] }>;
    const maskSchema = properties.mask.oneOf[1];
    expect(maskSchema.properties.detectors.items.enum).toEqual([...DETECTOR_NAMES]);
  });
});
