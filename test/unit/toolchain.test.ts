// Proves the npm scripts run on the Node the project pins (the Lambda runtime, nodejs24.x),
// not on whatever node the machine has.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('toolchain', () => {
  it('runs on the pinned Node 24', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  it('pins the same major version it declares in engines', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.devDependencies.node).toMatch(/^\^?24\./);
    expect(pkg.engines.node).toContain('24');
  });
});
