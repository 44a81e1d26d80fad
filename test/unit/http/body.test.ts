// Proves how a request body becomes data: JSON text that does not parse is a 400 naming the body,
// a body over the 2 MiB limit is a 413 before any parsing, and a form's fields stay plain data
// whatever their names.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, parseBody } from '../../../shared/http/body.ts';
import { ApiError } from '../../../shared/http/errors.ts';

const event = (body: string | undefined, contentType?: string, base64 = false) =>
  ({
    body,
    isBase64Encoded: base64,
    headers: contentType ? { 'content-type': contentType } : {},
  }) as unknown as APIGatewayProxyEventV2;

const refusal = (run: () => unknown): ApiError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('parseBody', () => {
  it('answers undefined for no body and the data of JSON text', () => {
    expect(parseBody(event(undefined))).toBeUndefined();
    expect(parseBody(event(''))).toBeUndefined();
    expect(parseBody(event('{"a":[1,"党"]}', 'application/json'))).toEqual({ a: [1, '党'] });
  });

  it('refuses JSON text that does not parse with 400, saying why and naming the body', () => {
    for (const text of ['{"a":', "{'a':1}", '{"a":1,}', '\ufeff{}', 'NaN']) {
      const error = refusal(() => parseBody(event(text, 'application/json')));
      expect(error.status, text).toBe(400);
      expect(error.code).toBe('bad-request');
      expect(error.message).toMatch(/^the body is not valid JSON: \S/);
      expect(error.details).toEqual([
        { path: ['body'], code: 'invalid_json', message: expect.any(String) },
      ]);
    }
  });

  it('takes a body of exactly the limit and refuses one byte more with 413, before parsing', () => {
    const atLimit = `"${'x'.repeat(MAX_BODY_BYTES - 2)}"`;
    expect(parseBody(event(atLimit, 'application/json'))).toHaveLength(MAX_BODY_BYTES - 2);
    // Not JSON either: the size is what it is refused for.
    const error = refusal(() => parseBody(event(`${atLimit}x`, 'application/json')));
    expect(error.status).toBe(413);
    expect(error.code).toBe('payload-too-large');
    expect(error.details).toEqual([
      { path: ['body'], size: MAX_BODY_BYTES + 1, limit: MAX_BODY_BYTES },
    ]);
  });

  it('counts bytes, not characters, and a base64 body by its decoded size', () => {
    const chinese = '党'.repeat(Math.floor(MAX_BODY_BYTES / 3) + 1); // 3 bytes each in UTF-8
    expect(refusal(() => parseBody(event(chinese, 'text/plain'))).status).toBe(413);
    const decoded = Buffer.from(`"${'x'.repeat(MAX_BODY_BYTES - 2)}"`);
    // Its base64 text is a third longer than the limit, the body itself is not.
    expect(parseBody(event(decoded.toString('base64'), 'application/json', true))).toHaveLength(
      MAX_BODY_BYTES - 2,
    );
  });

  it('keeps form fields named like Object.prototype as plain data, repeated ones as arrays', () => {
    const fields = parseBody(
      event(
        '__proto__=a&__proto__=b&constructor=c&selection=m1&selection=m2',
        'application/x-www-form-urlencoded',
      ),
    ) as Record<string, unknown>;
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(Object.entries(fields)).toEqual([
      ['__proto__', ['a', 'b']],
      ['constructor', 'c'],
      ['selection', ['m1', 'm2']],
    ]);
  });
});
