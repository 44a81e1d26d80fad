#!/usr/bin/env node
// `gongtui-zhixuan-recount FILE [--head HASH]`: recounts a closed round from its public recount
// file (GET /public/elections/{id}/rounds/{roundId}/recount) with the product's own code
// (shared/recount/verify.ts) and prints `match` or each difference by name.
// Exit 0 match, 1 a difference, 2 a bad file or bad arguments.
import { readFile } from 'node:fs/promises';

const USAGE = 'usage: gongtui-zhixuan-recount FILE [--head HASH]';

// The verifier is TypeScript: Node ≥ 22.18 strips its types itself; an older Node (npx run by
// a system Node) goes through tsx, which a clone's `npm ci` installs.
if (!process.features.typescript) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { verifyRecountText, verdictLines } = await import('../shared/recount/verify.ts');

const args = process.argv.slice(2);
const at = args.indexOf('--head');
const head = at >= 0 ? args[at + 1] : undefined;
const files = args.filter((_, index) => at < 0 || (index !== at && index !== at + 1));
if (files.length !== 1 || (at >= 0 && !/^[0-9a-fA-F]{64}$/.test(head ?? ''))) {
  console.error(at >= 0 && files.length === 1 ? '--head takes a 64-digit hex hash' : USAGE);
  process.exit(2);
}

let text;
try {
  text = await readFile(files[0], 'utf8');
} catch (error) {
  console.error(`bad file: ${error.message}`);
  process.exit(2);
}
const verdict = await verifyRecountText(text, head ? { head } : {});
const print = verdict.outcome === 'bad-file' ? console.error : console.log;
for (const line of verdictLines(verdict)) print(line);
process.exit({ match: 0, differs: 1, 'bad-file': 2 }[verdict.outcome]);
