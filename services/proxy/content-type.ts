/** Media-type helpers shared by the input builder and the masker. */

/** The media type without parameters, lowercased; null when absent. */
export function mediaType(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  return value.split(';')[0].trim().toLowerCase() || null;
}

export function isJsonType(contentType: string | null): boolean {
  return contentType !== null && /^application\/([\w.+-]*\+)?json$/.test(contentType);
}

export function isTextType(contentType: string | null): boolean {
  if (contentType === null) return false;
  return (
    contentType.startsWith('text/') ||
    /^application\/(xml|javascript|x-www-form-urlencoded|x-ndjson|([\w.+-]*\+)?(json|xml))$/.test(contentType)
  );
}
