import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';

describe('GET /api/paths', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('answers, without signing in, exactly the paths of the OpenAPI document (what the web menu reads)', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/paths' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const { paths } = res.json() as { paths: string[] };
    const doc = (await s.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(paths).toEqual(Object.keys(doc.paths).sort());
    expect(paths).toContain('/api/dashboard/overview');
    expect(paths).toContain('/api/org-units/{id}');
    // A small answer: the first screen waits on it.
    expect(res.body.length).toBeLessThan(20_000);
  });
});
