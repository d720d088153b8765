export type * from './ast.js';
export { parseModule, parseQuery, parseTerm, type ParseOptions } from './parser.js';
export type { RegoVersion } from './parser-base.js';
export { formatBody, formatExpr, formatHead, formatModule, formatRule, formatTerm } from './printer.js';
