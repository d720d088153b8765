import { printPolicy } from '../../../services/compiler/plan/printer.js';
import { plan } from './helpers.js';
test('x', () => { const t = printPolicy(plan('package test\np := x if x := input.a[_]\n', ['test/p'])); console.log(JSON.stringify(t.split('\n').filter(l => l.includes('Scan')))); });
