// Proves requests to the public pages are told apart by how they were sent (form or JSON) and
// what they accept.
import { describe, expect, it } from 'vitest';
import { isFormPost, wantsJson } from '../../../shared/http/negotiation.ts';

describe('request kinds', () => {
  it('a form post is told by its content type', () => {
    expect(isFormPost({ 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' })).toBe(
      true,
    );
    expect(isFormPost({ 'content-type': 'application/json' })).toBe(false);
    expect(isFormPost(undefined)).toBe(false);
  });

  it('JSON is given when asked for and HTML is not preferred (browsers send text/html)', () => {
    expect(wantsJson({ accept: 'application/json' })).toBe(true);
    expect(wantsJson({ accept: 'text/html,application/xhtml+xml,application/json;q=0.9' })).toBe(
      false,
    );
    expect(wantsJson({ accept: '*/*' })).toBe(false);
    expect(wantsJson({})).toBe(false);
  });
});
