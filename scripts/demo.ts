// `npm run demo`: a whole `community` election of a realistic organization on the local stack,
// driven through the HTTP API as its people would, on a short day. Prints its progress with each
// count read out as at the assembly (names, votes, percentages), the result and every round's
// count, each closed round recounted from its public file, where to read the e-mails, and last
// the organizers' console.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack } from '../infra/local/stack.ts';
import { apiAt } from './scenario/client.ts';
import { runCommunityElection } from './scenario/community.ts';
import { recountClosedRounds, recountLines } from './scenario/recount.ts';
import { nameLookup } from './scenario/tally-report.ts';

const dayLengthMs = Number(process.env.ZX_DAY_MS ?? 1000);
process.env.ZX_AUTH_SECRET ??= 'zx-local-dev-secret';
process.env.ZX_DAY_MS = String(dayLengthMs);

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s`;
const log = (line: string) => console.log(`[${elapsed()}] ${line}`);

const dataDir = process.env.ZX_DATA_DIR || mkdtempSync(join(tmpdir(), 'zx-demo-'));
const keep = Boolean(process.env.ZX_DEMO_KEEP);
const stack = await startLocalStack({ port: Number(process.env.PORT ?? 0), dataDir });
log(`本地环境已就绪 ${stack.url}(数据目录 ${dataDir})`);
try {
  const outcome = await runCommunityElection({
    api: apiAt(stack.url),
    secret: process.env.ZX_AUTH_SECRET,
    dayLengthMs,
    log,
  });
  const name = nameLookup(outcome.roll);
  const { secretary, members = [] } = outcome.result ?? {};
  console.log('\n选举结果');
  console.log(`  书记: ${secretary ? name(secretary) : '(无)'}`);
  console.log(`  委员: ${members.map(name).join('、')}`);
  console.log('\n计票');
  for (const { id } of outcome.final.rounds) {
    await outcome.run.session.readOut(id, (line) => console.log(`  ${line}`));
  }
  // Anyone may count each closed round again from its public file (the first by the command).
  console.log('\n复核(公开复核文件重新计票)');
  const recounts = await recountClosedRounds(apiAt(stack.url), outcome.final);
  for (const line of recountLines(recounts)) console.log(`  ${line}`);
  const mail = (await (await fetch(`${stack.url}/local/mail`)).json()) as unknown[];
  console.log(
    `\n已发送邮件 ${mail.length} 封: ${stack.url}/local/mail(JSON)或 ${stack.ses.endpoint}/(本地 SES 页面)`,
  );
  console.log(`公示栏: ${stack.url}/public/elections/${outcome.electionId}`);
} finally {
  if (!keep) await stack.stop();
}
log('完成');
// Last, where a newcomer goes next: the organizers' console (live while ZX_DEMO_KEEP holds the stack).
const state = keep
  ? '本地环境保持运行,Ctrl-C 停止'
  : '本地环境已停止;ZX_DEMO_KEEP=1 npm run demo 可保持运行后打开';
console.log(`\n组织者控制台: ${stack.url}/console/(${state})`);
if (keep) await new Promise(() => {});
