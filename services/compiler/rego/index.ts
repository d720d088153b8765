export type * from './ast.js';
export { parseModule, parseQuery, parseTerm } from './parser.js';
export { formatBody, formatExpr, formatHead, formatModule, formatRule, formatTerm } from './printer.js';
