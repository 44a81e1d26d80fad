// Proves the links in notices: ZX_PUBLIC_URL as base (else the local stack's port), the approval
// page at {publicUrl}/approve/{approvalId} and the board at /public/elections/{id}.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { approvalUrl, boardUrl, publicUrl } from '../../../shared/notices/index.ts';

afterEach(() => vi.unstubAllEnvs());

describe('links', () => {
  it('use ZX_PUBLIC_URL without its trailing slash', () => {
    vi.stubEnv('ZX_PUBLIC_URL', 'https://zx.example.org/');
    expect(publicUrl()).toBe('https://zx.example.org');
    expect(approvalUrl('apv-123456')).toBe('https://zx.example.org/approve/apv-123456');
    expect(boardUrl('el-1')).toBe('https://zx.example.org/public/elections/el-1');
  });

  it('default to the local stack on 127.0.0.1:$PORT, 3000 when PORT is unset', () => {
    vi.stubEnv('ZX_PUBLIC_URL', '');
    vi.stubEnv('PORT', '4123');
    expect(publicUrl()).toBe('http://127.0.0.1:4123');
    vi.stubEnv('PORT', '');
    expect(publicUrl()).toBe('http://127.0.0.1:3000');
  });

  it('encode ids, so an id can never change the path', () => {
    vi.stubEnv('ZX_PUBLIC_URL', 'https://zx.example.org');
    expect(approvalUrl('a/b?c')).toBe('https://zx.example.org/approve/a%2Fb%3Fc');
  });
});
