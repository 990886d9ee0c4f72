import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageServer, startPageServer } from '../src/page-server.js';

const get = (
  url: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(url, { method }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });

describe('the page server', () => {
  let server: PageServer;
  beforeAll(async () => {
    server = await startPageServer(
      new Map([
        ['/', { body: '<!doctype html>', type: 'text/html; charset=utf-8' }],
        [
          '/paralab/page.js',
          { body: new TextEncoder().encode('export {};'), type: 'text/javascript; charset=utf-8' },
        ],
      ]),
    );
  });
  afterAll(() => server.close());

  it('listens on 127.0.0.1 only, on a port of its own', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers every file with the cross-origin isolation headers, the query ignored', async () => {
    const answer = await get(`${server.url}/paralab/page.js?workload=x`);
    expect(answer).toMatchObject({ status: 200, body: 'export {};' });
    expect(answer.headers).toMatchObject({
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
      'content-type': 'text/javascript; charset=utf-8',
      'content-length': '10',
    });
  });

  it.each([
    ['GET', '/missing.js', 404, 'not found: GET /missing.js'],
    ['POST', '/', 404, 'not found: POST /'],
    ['HEAD', '/', 200, ''],
  ])('%s %s answers %i', async (method, path, status, body) => {
    const answer = await get(`${server.url}${path}`, method);
    expect(answer.status).toBe(status);
    expect(answer.body).toBe(body);
    expect(answer.headers['cross-origin-embedder-policy']).toBe('require-corp');
  });

  it('closes, and closing twice is safe', async () => {
    const own = await startPageServer(new Map());
    await own.close();
    await own.close();
    await expect(get(`${own.url}/`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
