// Proves the board's objection form (公示栏, a browser form post) gets pages back: a Chinese
// confirmation (201) when the objection is filed, a page with the JSON answer's status and
// message when it is refused — while JSON requests keep their JSON answers exactly.
import { describe, expect, it } from 'vitest';
import { objectionsOf } from '../../../shared/election/candidates/objections.ts';
import { suiteOf } from '../../support/api-suite.ts';
import { errorCode, seedCandidate, seedElection, startStandIns } from './candidate-fixtures.ts';

const suite = suiteOf(async () => {
  const env = await startStandIns();
  const notice = await seedElection(env.rollId, 'preliminary-notice');
  await seedCandidate(notice, { memberId: 'm1', status: 'preliminary' });
  await seedCandidate(notice, { memberId: 'm2', status: 'eligible' });
  return { env, notice, stop: () => env.stop() };
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const objection = (candidateId = 'm1', text = '该同志长期不参加组织生活') => ({
  candidateId,
  office: 'secretary',
  text,
});

const postForm = (electionId: string, fields: Record<string, string>) =>
  suite.env.api.call('POST', `/v1/elections/${encodeURIComponent(electionId)}/objections`, {
    headers: FORM,
    body: form(fields),
  });

describe('the board form (application/x-www-form-urlencoded)', () => {
  it('files the objection and answers a Chinese confirmation page with 201 and a way back', async () => {
    const answer = await postForm(suite.notice, objection('m1', '表单提交的异议'));
    expect(answer.status).toBe(201);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(answer.text).toMatch(/^<!doctype html>/);
    expect(answer.text).toContain('<title>异议已提交</title>');
    expect(answer.text).toContain('已报送选举工作领导小组');
    expect(answer.text).toContain(`<a href="/public/elections/${suite.notice}">返回公示栏</a>`);
    const filed = (await objectionsOf(suite.notice)).filter((o) => o.text === '表单提交的异议');
    expect(filed).toHaveLength(1);
    expect(answer.text).toContain(`受理编号：${filed[0]?.id}`);
  });

  it('answers a refusal in the handler as a page with the same status and message (409, 422, 404)', async () => {
    const before = (await objectionsOf(suite.notice)).length;
    const closed = await seedElection(suite.env.rollId, 'recommendation');
    await seedCandidate(closed, { memberId: 'm1', status: 'preliminary' });
    const cases = [
      { electionId: closed, fields: objection(), status: 409, says: '当前不在公示期' },
      {
        electionId: suite.notice,
        fields: objection('m2'),
        status: 422,
        says: '不在本次公示名单中',
      },
      { electionId: 'no-such-election', fields: objection(), status: 404, says: '未找到此选举' },
    ];
    for (const { electionId, fields, status, says } of cases) {
      const json = await suite.env.api.call('POST', `/v1/elections/${electionId}/objections`, {
        body: fields,
      });
      const page = await postForm(electionId, fields);
      expect(page.status, says).toBe(status);
      expect(json.status, says).toBe(status);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.text).toContain('<title>异议未能提交</title>');
      expect(page.text).toContain(says);
      const message = (json.body as { error: { message: string } }).error.message;
      expect(page.text).toContain(message.replaceAll("'", '&#39;').replaceAll('"', '&quot;'));
    }
    expect(await objectionsOf(suite.notice)).toHaveLength(before);
    expect(await objectionsOf(closed)).toEqual([]);
  });

  it('answers a form the schema refuses (400) as a page too, naming the field', async () => {
    const page = await postForm(suite.notice, {
      candidateId: 'm1',
      office: 'secretary',
      text: '   ',
    });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('异议内容不符合要求');
    expect(page.text).toContain('body.text');
    expect(page.text).toContain(`<a href="/public/elections/${suite.notice}">返回公示栏</a>`);
  });

  it('escapes what the sender wrote when a refusal repeats it', async () => {
    const page = await postForm(suite.notice, objection('<script>x</script>'));
    expect(page.status).toBe(422);
    expect(page.text).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(page.text).not.toContain('<script>x');
  });
});

describe('JSON requests', () => {
  it('keep their JSON answers: 201 {id}, and refusals in the SPEC error shape', async () => {
    const filed = await suite.env.api.call('POST', `/v1/elections/${suite.notice}/objections`, {
      body: objection('m1', 'JSON 提交的异议'),
    });
    expect(filed.status).toBe(201);
    expect(filed.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(filed.body).toEqual({ id: expect.any(String) });

    const refused = await suite.env.api.call('POST', `/v1/elections/${suite.notice}/objections`, {
      body: objection('m2'),
    });
    expect(refused.status).toBe(422);
    expect(errorCode(refused.body)).toBe('not-a-candidate');
    expect(refused.body).toEqual({
      error: { code: 'not-a-candidate', message: expect.any(String), details: [] },
    });

    const malformed = await suite.env.api.call('POST', `/v1/elections/${suite.notice}/objections`, {
      body: { ...objection(), text: '' },
    });
    expect(malformed.status).toBe(400);
    expect(errorCode(malformed.body)).toBe('invalid-input');
  });
});
