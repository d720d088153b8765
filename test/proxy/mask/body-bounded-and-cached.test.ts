import { PassThrough, Readable } from 'node:stream';
import { maskBody, readBounded } from '../../../services/proxy/mask/body.js';
import { ProxyError } from '../../../services/proxy/errors.js';
import { parseFieldPath } from '../../../services/proxy/mask/field-paths.js';

describe('readBounded', () => {
  it('joins every chunk of a body within the limit', async () => {
    const body = Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]);
    expect((await readBounded(body, 100, undefined)).toString()).toBe('{"a":1}');
  });

  it('refuses (and destroys) a body that grows past the limit', async () => {
    const body = new PassThrough();
    const read = readBounded(body, 8, undefined);
    body.write(Buffer.from('12345'));
    body.write(Buffer.from('67890'));
    await expect(read).rejects.toMatchObject({ code: 'response_too_large_to_mask' });
    expect(body.destroyed).toBe(true);
  });

  it('refuses a declared length past the limit before reading', async () => {
    const body = new PassThrough();
    await expect(readBounded(body, 8, '9')).rejects.toBeInstanceOf(ProxyError);
    expect(body.destroyed).toBe(true);
  });

  it('rejects when the body fails or is cut off, never resolving with part of it', async () => {
    const failing = new PassThrough();
    const read = readBounded(failing, 100, undefined);
    failing.write('partial');
    failing.destroy(new Error('socket hang up'));
    await expect(read).rejects.toThrow('socket hang up');

    const cut = new PassThrough();
    const readCut = readBounded(cut, 100, undefined);
    cut.write('partial');
    cut.destroy();
    await expect(readCut).rejects.toThrow('cut off');

    const gone = new PassThrough();
    gone.destroy();
    await expect(readBounded(gone, 100, undefined)).rejects.toThrow('cut off');
  });
});

describe('maskBody with reused plans', () => {
  const json = Buffer.from(JSON.stringify({ user: { password: 'hunter2', note: 'mail bob@example.com' } }));

  it('gives the same answer each time a plan is reused, and a different one for a different plan', () => {
    const plan = { fields: ['**.password'], detectors: ['email' as const], replacement: '***', literals: [] };
    const first = maskBody(json, 'application/json', plan);
    const again = maskBody(json, 'application/json', { ...plan });
    expect(again.body.toString()).toBe(first.body.toString());
    expect(JSON.parse(first.body.toString())).toEqual({ user: { password: '***', note: 'mail ***' } });

    const other = maskBody(json, 'application/json', { ...plan, fields: [], replacement: '#' });
    expect(JSON.parse(other.body.toString())).toEqual({ user: { password: 'hunter2', note: 'mail #' } });
  });

  it('compiles anew when the arrays of the plan used last are changed in place', () => {
    const plan = { fields: ['**.password'], detectors: [], replacement: '***', literals: [] as string[] };
    const first = maskBody(json, 'application/json', plan);
    expect(JSON.parse(first.body.toString()).user.password).toBe('***');
    plan.fields[0] = '**.note';
    plan.literals.push('hunter2');
    const second = JSON.parse(maskBody(json, 'application/json', plan).body.toString());
    expect(second).toEqual({ user: { password: '***', note: '***' } });
  });

  it('masks a literal added to an otherwise identical plan', () => {
    const text = Buffer.from('token sekret-value here');
    const base = { fields: [], detectors: [], replacement: 'X' };
    expect(maskBody(text, 'text/plain', { ...base, literals: [] }).body.toString()).toBe(
      'token sekret-value here',
    );
    expect(maskBody(text, 'text/plain', { ...base, literals: ['sekret-value'] }).body.toString()).toBe(
      'token X here',
    );
  });
});

describe('parseFieldPath cache', () => {
  it('refuses a malformed glob every time it is asked, not only the first', () => {
    for (let i = 0; i < 3; i++) expect(() => parseFieldPath('a..b')).toThrow(ProxyError);
  });

  it('hands back the same parsed path for the same glob', () => {
    expect(parseFieldPath('users[*].ssn')).toBe(parseFieldPath('users[*].ssn'));
  });
});
