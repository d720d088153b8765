/**
 * Host implementations, registered by builtin name from the topic files
 * (topics.ts says which file implements which name, so a host loads only
 * the topics a module calls). `callBuiltin` runs one and turns whatever it
 * throws into a `BuiltinError` with OPA's code.
 */
import { BuiltinError, BuiltinFailure, BuiltinNotSupportedError, OperandError } from './errors.js';
import { TOPICS, topicOfBuiltin, type Topic, type TopicName } from './topics.js';
import { UNSUPPORTED } from './unsupported.js';

/** A host implementation: takes the JSON-decoded arguments, returns the result or `undefined`. */
export type HostImplementation = (...args: unknown[]) => unknown;

const implementations = new Map<string, HostImplementation>();
const loaded = new Set<TopicName>();

/** Called once by each topic file with its implementations; every name must be listed under `topic` in topics.ts. */
export function register(topic: TopicName, impls: Record<string, HostImplementation>): void {
  for (const [name, impl] of Object.entries(impls)) {
    if (topicOfBuiltin(name) !== topic) {
      throw new Error(`builtin ${name} is registered by topic ${topic} but topics.ts does not list it there`);
    }
    if (implementations.has(name)) throw new Error(`builtin ${name} registered twice`);
    implementations.set(name, impl);
  }
}

/**
 * Imports the topic files implementing `names` (every topic when omitted);
 * names the host does not implement are skipped. One import at a time:
 * Jest's module linker cannot take several at once.
 */
export async function loadImplementations(names?: Iterable<string>): Promise<void> {
  const wanted = new Set<TopicName>();
  if (names === undefined) for (const topic of Object.keys(TOPICS)) wanted.add(topic as TopicName);
  else {
    for (const name of names) {
      const topic = topicOfBuiltin(name);
      if (topic) wanted.add(topic);
    }
  }
  for (const topic of wanted) {
    if (loaded.has(topic)) continue;
    const entry: Topic = TOPICS[topic];
    await entry.load();
    const missing = entry.names.filter((name) => !implementations.has(name));
    if (missing.length) {
      throw new Error(
        `topics.ts lists ${missing.join(', ')} under ${topic}, but its file does not register them`,
      );
    }
    loaded.add(topic);
  }
}

/** The topics loaded through `loadImplementations`, in load order. */
export function loadedTopics(): TopicName[] {
  return [...loaded];
}

/** The implementation of a builtin, once its topic is loaded. */
export function hostImplementation(name: string): HostImplementation | undefined {
  return implementations.get(name);
}

/** Whether the host implements a builtin (loaded or not). */
export function isHostImplemented(name: string): boolean {
  return topicOfBuiltin(name) !== undefined;
}

/** Every builtin the host implements, loaded or not. */
export function implementedNames(): string[] {
  return Object.values(TOPICS as Record<string, Topic>)
    .flatMap((topic) => topic.names)
    .sort();
}

export function unsupportedReason(name: string): string | undefined {
  return Object.hasOwn(UNSUPPORTED, name) ? UNSUPPORTED[name] : undefined;
}

export function unsupportedBuiltins(): Record<string, string> {
  return { ...UNSUPPORTED };
}

/** Runs a builtin; throws `BuiltinError` (eval_type_error / eval_builtin_error) on failure. */
export function callBuiltin(name: string, args: unknown[]): unknown {
  const impl = implementations.get(name);
  if (!impl) {
    const topic = topicOfBuiltin(name);
    // A host bug, not a policy's: the caller skipped `loadImplementations`.
    if (topic) throw new Error(`builtin ${name} is not loaded: load its topic (${topic}) first`);
    throw new BuiltinNotSupportedError(name, unsupportedReason(name) ?? 'unknown builtin');
  }
  try {
    return impl(...args);
  } catch (err) {
    if (err instanceof BuiltinError) throw err;
    if (err instanceof OperandError)
      throw new BuiltinError('eval_type_error', name, err.message, { cause: err });
    if (err instanceof BuiltinFailure)
      throw new BuiltinError('eval_builtin_error', name, err.message, { cause: err });
    const message = err instanceof Error ? err.message : String(err);
    throw new BuiltinError('eval_builtin_error', name, message, { cause: err });
  }
}
