/**
 * `import { enforce } from 'portcullis/express'`: the proxy's enforcement
 * in front of an Express app's own routes (docs/EXPRESS.md).
 */
export { enforce, type Enforcement, type EnforceMiddleware } from './enforce.js';
export { EnforceConfigError, type EnforceConnectionInput, type EnforceOptions } from './options.js';
export { PROXY_ERRORS, ProxyError, type ProxyErrorCode } from '../proxy/errors.js';
export { hashApiKey } from '../proxy/identity/api-keys.js';
