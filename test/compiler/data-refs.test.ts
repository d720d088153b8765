import { missingDataReads } from '../../services/compiler/data-refs.js';
import { parseModules } from '../../services/compiler/index.js';

const reads = (source: string, data: Record<string, unknown>) =>
  missingDataReads(parseModules([{ file: 'p.rego', source }]), data).map((m) => ({
    path: m.path.join('.'),
    row: m.location?.row,
    foundAt: m.foundAt?.join('.'),
  }));

describe('missingDataReads', () => {
  it('names data paths no file, rule or package provides, once, where first read', () => {
    const source = [
      'package app',
      '',
      'import data.teams as t',
      '',
      'lim := data.app.limits',
      'owner := t.platform.owner',
      'again := data.app.limits.max',
      'r := data.app.roles[input.user]',
      'self := data.app.limits_rule',
      'limits_rule := 3',
      'other := data.other.pkg.rule',
    ].join('\n');
    const data = { teams: { platform: { owner: 'ada' } }, limits: { max: 3 } };
    expect(reads(source, data)).toEqual([
      { path: 'app.limits', row: 5, foundAt: 'limits' },
      { path: 'app.roles', row: 8, foundAt: undefined },
      { path: 'other.pkg.rule', row: 11, foundAt: undefined },
    ]);
  });

  it('takes a read inside a replaced value as answered, but not the document around a replaced part', () => {
    const source = [
      'package app',
      '',
      'cfg := data.app.config',
      'test_mode if data.app.flags.mode == "x" with data.app.flags as {"mode": "x"}',
      'test_level if cfg.level == 1 with data.app.config.level as 1',
    ].join('\n');
    expect(reads(source, {}).map((r) => r.path)).toEqual(['app.config']);
  });
});
