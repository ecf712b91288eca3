// The one check for redirect targets taken from user input (?terug=, hidden form fields): same-origin paths only.

const probe = 'http://x.invalid';

/**
 * Returns `value` when it is a path on this site, else `fallback`. Parsed as a URL (as a browser would resolve it),
 * not pattern-matched: it must start with a single '/', contain no backslash, control character or whitespace
 * escape a browser would strip, and resolve to this origin.
 */
export function sameOriginPath(value: string | undefined | null, fallback = '/'): string {
  if (!value || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  // Backslashes count as slashes in browsers; tabs, CR/LF and other control characters are stripped by them.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, probe);
  } catch {
    return fallback;
  }
  if (url.origin !== probe || url.pathname.startsWith('//')) return fallback;
  return url.pathname + url.search + url.hash;
}
