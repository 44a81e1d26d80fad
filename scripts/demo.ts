// `npm run demo`: a whole `community` election of a realistic organization on the local stack,
// driven through the HTTP API as its people would, on a short day. Prints its progress, the
// result and the tallies, and where to read the e-mails.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack } from '../infra/local/stack.ts';
import { apiAt } from './scenario/client.ts';
import { runCommunityElection } from './scenario/community.ts';

const dayLengthMs = Number(process.env.ZX_DAY_MS ?? 1000);
process.env.ZX_AUTH_SECRET ??= 'zx-local-dev-secret';
process.env.ZX_DAY_MS = String(dayLengthMs);

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s`;
const log = (line: string) => console.log(`[${elapsed()}] ${line}`);

const dataDir = process.env.ZX_DATA_DIR || mkdtempSync(join(tmpdir(), 'zx-demo-'));
const stack = await startLocalStack({ port: Number(process.env.PORT ?? 0), dataDir });
log(`本地环境已就绪 ${stack.url}(数据目录 ${dataDir})`);
try {
  const outcome = await runCommunityElection({
    api: apiAt(stack.url),
    secret: process.env.ZX_AUTH_SECRET,
    dayLengthMs,
    log,
  });
  const name = (id: string | null | undefined) => outcome.roll.find((m) => m.id === id)?.name ?? id;
  console.log('\n选举结果');
  console.log(`  书记: ${name(outcome.result?.secretary)}`);
  console.log(`  委员: ${(outcome.result?.members ?? []).map(name).join('、')}`);
  console.log('\n计票');
  for (const [stage, tally] of Object.entries(outcome.tallies)) {
    const shown = Object.entries(tally.rates ?? tally.counts)
      .map(([id, value]) => `${name(id)} ${tally.rates ? `${(value * 100).toFixed(1)}%` : value}`)
      .join(',');
    console.log(`  ${stage}: ${shown}`);
  }
  const mail = (await (await fetch(`${stack.url}/local/mail`)).json()) as unknown[];
  console.log(
    `\n已发送邮件 ${mail.length} 封: ${stack.url}/local/mail(JSON)或 ${stack.ses.endpoint}/(本地 SES 页面)`,
  );
  console.log(`公示栏: ${stack.url}/public/elections/${outcome.electionId}`);
  if (process.env.ZX_DEMO_KEEP) {
    console.log('\nZX_DEMO_KEEP is set: the stack keeps running; Ctrl-C to stop.');
    await new Promise(() => {});
  }
} finally {
  if (!process.env.ZX_DEMO_KEEP) await stack.stop();
}
log('完成');
