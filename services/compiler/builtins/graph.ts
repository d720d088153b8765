/** `graph.reachable` and `graph.reachable_paths` (OPA `graphs.go`). Sets arrive as arrays. */
import { collectionOperand, objectOperand, operandTypeError } from './operands.js';
import { register } from './registry.js';
import { toSet, valuesEqual } from './values.js';
import type { ObjectValue, Value } from './values.js';

function edgesOf(graph: ObjectValue, node: Value): Value[] | undefined {
  if (typeof node !== 'string' || !(node in graph)) return undefined;
  const edges = graph[node];
  if (Array.isArray(edges)) return edges;
  if (edges === null) return [];
  throw operandTypeError(1, edges, 'array', 'set');
}

function reachable(g: unknown, initial: unknown): Value[] {
  const graph = objectOperand(g, 1);
  const queue = [...collectionOperand(initial, 2)];
  const reached: Value[] = [];
  while (queue.length > 0) {
    const node = queue.shift() as Value;
    const edges = edgesOf(graph, node);
    if (edges === undefined) continue;
    if (!reached.some((r) => valuesEqual(r, node))) {
      reached.push(node);
      for (const n of edges) if (!reached.some((r) => valuesEqual(r, n))) queue.push(n);
    }
  }
  return toSet(reached);
}

/**
 * Depth-first from each initial node, with a fresh "reached" set for each of
 * the root's outgoing edges. A node counts as reached once it has been
 * expanded; a path ends at a leaf, before a node outside the graph, or
 * before a reached node.
 */
function reachablePaths(g: unknown, initial: unknown): Value[] {
  const graph = objectOperand(g, 1);
  const paths: Value[] = [];
  const walk = (node: Value, path: Value[], reached: Value[]) => {
    const edges = edgesOf(graph, node);
    if (edges === undefined) {
      if (path.length > 0) paths.push(path);
      return;
    }
    const next = [...path, node];
    if (edges.length === 0) {
      paths.push(next);
      return;
    }
    for (const n of edges) {
      if (reached.some((r) => valuesEqual(r, n))) paths.push(next);
      else {
        if (!reached.some((r) => valuesEqual(r, node))) reached.push(node);
        walk(n, next, reached);
      }
    }
  };
  for (const root of collectionOperand(initial, 2)) {
    const edges = edgesOf(graph, root);
    if (edges === undefined) continue;
    if (edges.length === 0) paths.push([root]);
    for (const n of edges) walk(n, [root], [root]);
  }
  return toSet(paths);
}

register('graph', {
  'graph.reachable': reachable,
  'graph.reachable_paths': reachablePaths,
});
