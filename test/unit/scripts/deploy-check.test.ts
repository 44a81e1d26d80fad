// Proves `npm run deploy:check`: the example production context synthesizes clean (both cdk-nag
// packs, no construct warning); without a context, with a value missing or a placeholder left,
// or with the test clock on, it names each problem — so a plain deploy never goes out half-set.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  contextProblems,
  deployCheck,
  REQUIRED_CONTEXT,
  readContext,
} from '../../../scripts/deploy-check.ts';

const example = JSON.parse(readFileSync('deploy/production.example.json', 'utf8')) as Record<
  string,
  unknown
>;

describe('deploy:check', () => {
  it('passes the example production context: every value set, both cdk-nag packs clean', () => {
    const result = deployCheck(example, { bundling: false });
    expect(result.problems).toEqual([]);
    expect(result.summary?.functions).toBeGreaterThan(20);
    expect(result.summary?.alarms).toBeGreaterThan(result.summary?.functions ?? 0);
    expect(result.summary?.outputs).toEqual(
      expect.arrayContaining(['ApiUrl', 'SignInUrl', 'AlarmTopicArn', 'MailDkim1Name']),
    );
  }, 120_000);

  it('fails without a context, naming every missing value and why it matters', () => {
    expect(() => readContext('no/such/cdk.context.json')).toThrow(/production\.example\.json/);
    const result = deployCheck({}, { bundling: false });
    for (const key of Object.keys(REQUIRED_CONTEXT)) {
      expect(result.problems.join('\n')).toContain(`context ${key} is missing`);
    }
    expect(result.problems.join('\n')).toMatch(/the app refused the context: .*mailDomain/);
  }, 120_000);

  it('fails on a construct warning: no managed login means nobody can sign in', () => {
    const { authDomainPrefix: _prefix, authCallbackUrls: _urls, ...withoutSignIn } = example;
    const result = deployCheck(withoutSignIn, { bundling: false });
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^context authDomainPrefix is missing/),
        expect.stringMatching(/^warning at \/ZxElectionStack\//),
      ]),
    );
  }, 120_000);

  it('refuses placeholders: template markers and names reserved for examples', () => {
    expect(
      contextProblems({
        ...example,
        mailDomain: 'elections.example.org',
        alarmEmail: '<who reads the alarms>',
        consoleDomain: 'console.zx.test',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      }),
    ).toEqual([
      'mailDomain is a placeholder: "elections.example.org"',
      'consoleDomain is a placeholder: "console.zx.test"',
      'certificateArn is a placeholder: "arn:aws:acm:us-east-1:123456789012:certificate/abc"',
      'alarmEmail is a placeholder: "<who reads the alarms>"',
    ]);
  });

  it('refuses the test clock in production', () => {
    expect(contextProblems({ ...example, testClock: 'true' })).toEqual([
      'context testClock is on: requests could set dayLengthMs (test stacks only)',
    ]);
    expect(contextProblems(example)).toEqual([]);
  });
});
