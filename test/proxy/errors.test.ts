import { readFileSync } from 'node:fs';
import { PROXY_ERRORS } from '../../services/proxy/errors.js';

describe('proxy error codes', () => {
  const doc = readFileSync(new URL('../../docs/POLICY.md', import.meta.url), 'utf8');
  it.each(Object.entries(PROXY_ERRORS))(
    '%s is documented in docs/POLICY.md with its status',
    (code, { status }) => {
      expect(doc).toMatch(new RegExp(`\\|\\s*\`${code}\`\\s*\\|\\s*${status}\\s*\\|`));
    },
  );
});
