import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { badRequest } from './errors.ts';

/**
 * The request body as data: JSON, or an HTML form (repeated fields become arrays: the approval
 * page posts `selection` once per chosen member). No body is `undefined`.
 */
export const parseBody = (event: APIGatewayProxyEventV2): unknown => {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;
  const type = (event.headers?.['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) return parseForm(text);
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('the body is not valid JSON');
  }
};

const parseForm = (text: string): Record<string, string | string[]> => {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const seen = fields[name];
    fields[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return fields;
};
