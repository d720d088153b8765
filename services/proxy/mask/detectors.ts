/**
 * Detectors find secrets and personal data inside text. Each is a table
 * entry (a pattern and an optional check), so nothing else enumerates them.
 * Patterns are global regexes; `check` filters false positives (Luhn, mod-97).
 */
export const DETECTOR_NAMES = [
  'email',
  'phone',
  'credit_card',
  'iban',
  'aws_key',
  'jwt',
  'private_key',
  'bearer_token',
] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];

interface Detector {
  pattern: RegExp;
  check?: (match: string) => boolean;
  /**
   * The shortest text the pattern can match, and a substring every match
   * holds: text failing either is skipped without running the pattern
   * (most JSON strings are short words, ids and dates).
   */
  minLength: number;
  mustContain?: string;
}

function luhn(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function ibanChecksum(match: string): boolean {
  const iban = match.replace(/ /g, '');
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

// Order matters: longer, more specific shapes first so a private key or JWT
// is replaced whole before a shorter detector nibbles at its inside.
const DETECTORS: Record<DetectorName, Detector> = {
  private_key: {
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/g,
    minLength: 52,
    mustContain: '-----BEGIN ',
  },
  jwt: {
    pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
    minLength: 18,
    mustContain: 'eyJ',
  },
  bearer_token: { pattern: /\bBearer\s+[A-Za-z0-9\-._~+/]{8,}=*/gi, minLength: 15 },
  aws_key: {
    pattern:
      /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b|(?<=aws_secret_access_key["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40}/gi,
    minLength: 20,
  },
  email: {
    pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
    minLength: 6,
    mustContain: '@',
  },
  credit_card: { pattern: /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g, check: luhn, minLength: 13 },
  iban: { pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g, check: ibanChecksum, minLength: 15 },
  phone: {
    pattern:
      /(?<![\w+]|\d[ .-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)|\d{2,4})[ .-]\d{3,4}[ .-]\d{3,4}(?![\w]|[ .-]\d)|(?<![\w+])\+\d{8,15}(?!\w)/g,
    minLength: 9,
  },
};

const ORDER = Object.keys(DETECTORS) as DetectorName[];

export interface TextMasker {
  /** Returns the text with every match replaced, and how many were replaced. */
  mask(text: string): { text: string; count: number };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A masker for the chosen detectors plus literal secrets (the connection's
 * own credential, in every form it was sent), which always come first.
 */
export function textMasker(
  names: readonly DetectorName[],
  literals: readonly string[],
  replacement: string,
): TextMasker {
  const wanted = new Set(names);
  const steps: Detector[] = [];
  const usable = [...new Set(literals)].filter((l) => l.length >= 4).sort((a, b) => b.length - a.length);
  if (usable.length > 0) {
    const pattern = new RegExp(usable.map(escapeRegex).join('|'), 'g');
    steps.push({ pattern, minLength: usable[usable.length - 1].length });
  }
  for (const name of ORDER) if (wanted.has(name)) steps.push(DETECTORS[name]);
  const shortest = Math.min(...steps.map((step) => step.minLength));
  return {
    mask(text) {
      if (text.length < shortest) return { text, count: 0 };
      let count = 0;
      let out = text;
      for (const { pattern, check, minLength, mustContain } of steps) {
        if (out.length < minLength || (mustContain !== undefined && !out.includes(mustContain))) continue;
        out = out.replace(pattern, (match) => {
          if (check && !check(match)) return match;
          count++;
          return replacement;
        });
      }
      return { text: out, count };
    },
  };
}
