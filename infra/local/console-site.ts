import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import * as z from 'zod';
import { signLocalToken } from '../../scripts/token.ts';
import { Role } from '../../shared/principal.ts';
import { consoleContentSecurityPolicy } from '../console-build.ts';
import type { HttpResult, RawRequest } from './http-server.ts';

/**
 * The console as the local stack serves it (on AWS: S3 behind CloudFront, infra/console.ts):
 * its built files under `/console/`, any other path there answered with `index.html` (the
 * app routes in the browser), `config.json` saying people sign in locally, and the local
 * sign-in itself, `POST /local/token` — which exists only here, never on AWS.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const answer = (
  statusCode: number,
  body: string | Buffer,
  type: string,
  headers: Record<string, string> = {},
): HttpResult => ({
  statusCode,
  headers: { 'content-type': type, ...headers },
  body: Buffer.isBuffer(body) ? body : Buffer.from(body),
});

/** What a local sign-in asks for: who, with which roles, for which organizations. */
const LocalSignIn = z.strictObject({
  sub: z.string().trim().min(1).max(128),
  roles: z.array(Role).min(1, { error: '至少选择一个角色' }),
  orgs: z.array(z.string().trim().min(1).max(64)).min(1, { error: '至少填写一个党组织编号,或 *' }),
});

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>控制台尚未构建</title>
<p>控制台尚未构建。运行 <code>npm run console:build</code>(<code>npm start</code> 会自动构建)。</p>`;

/** `connectOrigins`: where else the console's pages may fetch (the local S3, for uploads). */
export const consoleSite = (distDir: string, options: { connectOrigins?: string[] } = {}) => {
  const contentSecurityPolicy = consoleContentSecurityPolicy(options.connectOrigins ?? []);
  const file = async (path: string): Promise<Buffer | undefined> => {
    try {
      return await readFile(path);
    } catch {
      return undefined;
    }
  };

  return async (request: RawRequest): Promise<HttpResult | undefined> => {
    let path: string;
    try {
      path = decodeURIComponent(request.url.split('?')[0] as string);
    } catch {
      return undefined; // not ours to judge: the routes answer a malformed path
    }
    if (request.method === 'POST' && path === '/local/token') {
      let body: unknown;
      try {
        body = JSON.parse(request.body.toString('utf8'));
      } catch {
        body = undefined;
      }
      const parsed = LocalSignIn.safeParse(body);
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) => ({
          path: ['body', ...i.path],
          message: i.message,
        }));
        return answer(
          400,
          JSON.stringify({
            error: {
              code: 'invalid-input',
              message: details.map((d) => d.message).join(';'),
              details,
            },
          }),
          'application/json',
        );
      }
      const token = await signLocalToken({ ...parsed.data, hours: 12 });
      return answer(200, JSON.stringify({ token }), 'application/json');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    if (path === '/' || path === '/console') {
      return answer(302, '', 'text/plain', { location: '/console/' });
    }
    if (!path.startsWith('/console/')) return undefined;
    if (path === '/console/config.json') {
      return answer(200, JSON.stringify({ auth: { kind: 'local' }, api: '' }), 'application/json', {
        'cache-control': 'no-store',
      });
    }
    const relative = normalize(path.slice('/console/'.length));
    if (relative.startsWith('..')) return answer(404, 'not found', 'text/plain');
    const asset = relative && relative !== '.' ? await file(join(distDir, relative)) : undefined;
    if (asset) {
      return answer(200, asset, TYPES[extname(relative)] ?? 'application/octet-stream', {
        // Vite names its assets by their content: they never change under one name.
        'cache-control': relative.startsWith('assets/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      });
    }
    if (relative.startsWith('assets/')) return answer(404, 'not found', 'text/plain');
    const index = await file(join(distDir, 'index.html'));
    return index
      ? answer(200, index, TYPES['.html'] as string, {
          'cache-control': 'no-cache',
          // CloudFront's policy (infra/console.ts), so a violation shows in the browser tests too.
          'content-security-policy': contentSecurityPolicy,
        })
      : answer(503, NOT_BUILT, TYPES['.html'] as string);
  };
};
