import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { PortcullisError } from '../../common/errors.js';
import { hashApiKey } from '../../proxy/identity/api-keys.js';

/** Prefix of generated keys: says what a leaked string is, as `ghp_` does for GitHub tokens. */
const KEY_PREFIX = 'pc_';

/** A new API key: the prefix and 32 random bytes in base64url (256 bits). */
export function newApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * The key to hash: the argument, else standard input with one trailing
 * newline removed (so `echo "$KEY" | portcullis keys hash` works and the key
 * stays out of the shell history).
 */
export function keyToHash(argument: string | undefined, readStdin: () => string): string {
  const key = argument ?? readStdin().replace(/\r?\n$/, '');
  if (key === '') {
    throw new PortcullisError(
      'invalid_argument',
      'keys hash: no key given: pass it as an argument or on standard input',
    );
  }
  if (/^\s|\s$/.test(key)) {
    throw new PortcullisError(
      'invalid_argument',
      'keys hash: the key starts or ends with whitespace; callers would have to send it exactly so',
    );
  }
  return key;
}

/** The `identity.apiKeys` entry for portcullis.yaml. */
export function apiKeyEntry(options: {
  id: string;
  sha256: string;
  subject: string;
  groups: string[];
}): string {
  return (
    `proxy:\n  identity:\n    apiKeys:\n` +
    `      - id: ${options.id}\n` +
    `        sha256: ${options.sha256}\n` +
    `        subject: ${options.subject}\n` +
    `        groups: [${options.groups.join(', ')}]\n`
  );
}

export function registerKeys(program: Command): void {
  const keys = program
    .command('keys')
    .description('API keys for the proxy: make one, or hash one for proxy.identity.apiKeys');

  keys
    .command('hash')
    .description('print the SHA-256 (hex) portcullis.yaml stores for a key, read from the argument or stdin')
    .argument('[key]', 'the key (default: read from standard input, keeping it out of the shell history)')
    .action((key: string | undefined) => {
      const text = keyToHash(key, () => readFileSync(0, 'utf8'));
      process.stdout.write(`${hashApiKey(text)}\n`);
    });

  keys
    .command('new')
    .description('make a random API key and print it with its hash and the portcullis.yaml entry')
    .option('--id <id>', 'name of the key in the config and the logs', 'my-key')
    .option('--subject <subject>', 'identity the policy sees as input.identity.sub', 'my-service')
    .option('--group <group...>', 'groups the policy sees (repeatable)', [])
    .action((options: { id: string; subject: string; group: string[] }) => {
      const key = newApiKey();
      const sha256 = hashApiKey(key);
      process.stdout.write(
        `key:    ${key}\n` +
          `sha256: ${sha256}\n\n` +
          `Give the key to the caller (header x-api-key); it is not stored anywhere and is shown only now.\n` +
          `Add its hash to portcullis.yaml:\n\n` +
          apiKeyEntry({ id: options.id, sha256, subject: options.subject, groups: options.group }),
      );
    });
}
