/**
 * The SDK's synchronous `loadPolicySync`. Its ES module entry exports it
 * only on the default object (the type declarations claim a named export),
 * and the asynchronous `loadPolicy` tests `instanceof Response`, which
 * makes Node load its whole fetch implementation: a command line that
 * compiles and evaluates once has no use for either cost.
 */
import * as opaWasm from '@open-policy-agent/opa-wasm';

type LoadPolicySync = typeof opaWasm.loadPolicySync;

const sdk = (opaWasm as unknown as { default: { loadPolicySync: LoadPolicySync } }).default;

export const loadPolicySync: LoadPolicySync = (...args) => sdk.loadPolicySync(...args);
