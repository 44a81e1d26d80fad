import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { badRequest, payloadTooLarge } from './errors.ts';

/**
 * The largest request body any route takes: 2 MiB. The largest real ones are a whole roll
 * (5 000 members ≈ 1.2 MB) and a full ballot batch (1 000 ballots of a 60-name slate ≈ 1.2 MB);
 * anything bigger is refused before it is parsed, so junk costs no JSON parse or zod walk.
 * API Gateway (10 MB) and Lambda (6 MB a synchronous invocation) let bigger bodies through.
 */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * The request body as data: JSON, or an HTML form (repeated fields become arrays: the approval
 * page posts `selection` once per chosen member). No body is `undefined`. 413 over
 * MAX_BODY_BYTES, 400 for JSON that does not parse.
 */
export const parseBody = (
  event: APIGatewayProxyEventV2,
  files: readonly string[] = [],
): unknown => {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const size = Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  if (size > MAX_BODY_BYTES) throw payloadTooLarge(size, MAX_BODY_BYTES);
  const contentType = (event.headers?.['content-type'] ?? '').toLowerCase().split(';')[0]?.trim();
  if (contentType && files.includes(contentType)) {
    // A file the endpoint takes (a spreadsheet): its bytes as sent.
    const bytes = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
    return { file: { contentType, bytes: new Uint8Array(bytes) } };
  }
  const text = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;
  const type = (event.headers?.['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) return parseForm(text);
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw badRequest(`the body is not valid JSON: ${reason}`, [
      { path: ['body'], code: 'invalid_json', message: reason },
    ]);
  }
};

/** Fields named like Object.prototype's (`__proto__`, `constructor`) stay plain data. */
const parseForm = (text: string): Record<string, string | string[]> => {
  const fields = new Map<string, string | string[]>();
  for (const [name, value] of new URLSearchParams(text)) {
    const seen = fields.get(name);
    fields.set(
      name,
      seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value],
    );
  }
  return Object.fromEntries(fields);
};
