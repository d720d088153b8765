/**
 * Path text that some server or framework behind the proxy would read as
 * other text than the policy sees: the proxy refuses it (400
 * `path_invalid`) rather than guess which reading the upstream makes.
 * Each check names what it refuses; docs/POLICY.md lists them, and
 * docs/SECURITY.md what is left (legacy best-fit code pages that fold
 * accented letters, case-insensitive upstreams).
 */

/**
 * Look-alikes of `/`, `\` and `.` that Unicode normalisation leaves alone
 * but Windows "best fit" code pages, IDNA or path APIs map to them: the
 * division, fraction and big solidi, the set-minus and reverse-solidus
 * operators, the ideographic full stop, and the yen and won signs, which
 * are the backslash in the Japanese and Korean code pages.
 */
const DELIMITER_LOOKALIKES = new Set([
  '\u2215',
  '\u2044',
  '\u29f8',
  '\u29f9',
  '\u2216',
  '\u29f5',
  '\u3002',
  '\u00a5',
  '\u20a9',
]);

/**
 * Characters some stack drops or reads as space: format characters
 * (zero-width, bidi controls, soft hyphen, BOM), separators, private use,
 * unassigned code points and lone surrogates.
 */
const INVISIBLE = /[\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}]/u;
// eslint-disable-next-line no-control-regex
const ASCII = /[\x00-\x7f]/;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** Why the decoded path's non-ASCII text is ambiguous, or undefined when it is not. */
export function unicodeAmbiguity(decoded: string): string | undefined {
  if (!NON_ASCII.test(decoded)) return undefined;
  // Full-width letters and dots (`．．／ａdmin`), ligatures, compatibility and decomposed forms.
  if (decoded.normalize('NFKC') !== decoded)
    return 'characters that Unicode normalisation (NFKC) changes, e.g. full-width forms';
  for (const ch of decoded) {
    if (!NON_ASCII.test(ch)) continue;
    if (INVISIBLE.test(ch)) return `an invisible or space character U+${codePoint(ch)}`;
    if (DELIMITER_LOOKALIKES.has(ch)) return `U+${codePoint(ch)}, read as a path delimiter by some servers`;
    // Dotless ı, long ſ, the Kelvin sign, ß: a case-insensitive comparison reads them as ASCII.
    if (ASCII.test(ch.toLowerCase() + ch.toUpperCase()))
      return `U+${codePoint(ch)}, whose case mapping is ASCII`;
  }
  return undefined;
}

function codePoint(ch: string): string {
  return ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}

/** An MS-DOS 8.3 short name (`ADMINI~1`, `web~1.con`): Windows file systems open the long name it stands for. */
const SHORT_NAME = /^[^.~]{1,6}~\d{1,6}(\.[^.]{0,3})?$/i;

/**
 * Why one (decoded) segment would be read as another by a Windows file
 * system or IIS, or undefined: a trailing dot or space (dropped there),
 * an NTFS stream suffix (`::$DATA`), an 8.3 short name.
 */
export function segmentAmbiguity(segment: string): string | undefined {
  if (segment.endsWith('.') || segment.endsWith(' ')) return 'a segment ending in a dot or a space';
  if (segment.includes('::$')) return 'an NTFS stream suffix (::$)';
  if (SHORT_NAME.test(segment)) return 'an 8.3 short file name';
  return undefined;
}
