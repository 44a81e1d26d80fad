/**
 * Content negotiation of the public pages: the headers every page is sent with, and whether a
 * request came from a form or asks for JSON. The pages themselves (shared/pages) only render.
 */

/**
 * Headers of every public page: no scripts at all, inline style only, forms post back to us,
 * no framing; and no referrer, since an approval page's address is its credential.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex, nofollow',
};

/** Whether the request body came from an HTML form (rather than JSON). */
export const isFormPost = (headers: Record<string, string | undefined> | undefined): boolean =>
  (headers?.['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');

/** Whether the client asked for JSON rather than a page (`Accept: application/json`). */
export const wantsJson = (headers: Record<string, string | undefined> | undefined): boolean => {
  const accept = (headers?.accept ?? '').toLowerCase();
  return accept.includes('application/json') && !accept.includes('text/html');
};
