import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { startServer } from '../../scripts/lib/serve/server.js';
import { buildArtifactDir, request } from './helpers.js';

test('close(): requests in flight finish, idle keep-alive connections close, new connections are refused', async () => {
  const dir = await buildArtifactDir();
  const expected = fs.readFileSync(path.join(dir, 'dcos/universe.json'));
  let closing: Promise<void> | undefined;
  // Files streamed from disk, and the shutdown starts while the first answer is being streamed.
  const server = await startServer({ dir, port: 0, memoryFileBytes: 0, log: () => void (closing ??= server.close()) });
  try {
    const agent = new http.Agent({ keepAlive: true });
    const url = new URL(server.url);
    const body = await new Promise<Buffer>((resolve, reject) => {
      http
        .get({ host: url.hostname, port: url.port, path: '/dcos/universe.json', agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        })
        .on('error', reject);
    });
    assert.ok(closing, 'the shutdown started during the request');
    assert.ok(body.equals(expected), 'the answer in flight arrived whole');
    await closing;
    await assert.rejects(request(server.url, '/index.json'), /ECONNREFUSED/);
    agent.destroy();
  } finally {
    await server.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});
