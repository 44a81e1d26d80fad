// Proves every notice template renders a short specific subject and the same key facts in its
// plain text and its HTML (times in Asia/Shanghai), as a mobile-friendly page with inline styles
// only, and that each notice's variants (rejected, void, tie, expired link…) say what happens next.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  renderNotice,
  TEMPLATE_NAMES,
  type TemplateData,
  type TemplateName,
} from '../../../shared/notices/index.ts';
import { CONTEXT, ORG, SAMPLES } from './fixtures.ts';

beforeEach(() => vi.stubEnv('ZX_PUBLIC_URL', 'https://zx.example.org'));
afterEach(() => vi.unstubAllEnvs());

const render = <T extends TemplateName>(name: T, data: TemplateData<T>) =>
  renderNotice(name, data, CONTEXT);

/** Facts each sample must show in both its text and its HTML. */
const KEY_FACTS: { [T in TemplateName]: string[] } = {
  announcement: [
    '书记1名、委员2名',
    '有2年以上党龄的中共正式党员',
    '组织关系在本街道',
    '高中(中专)以上文化程度,特别优秀的可适当放宽',
    '年龄55周岁以下',
    '身体健康',
    '5名以上有选举权的党员联名',
    '宣传动员',
    '2026年3月15日 09:00 至 2026年3月23日 09:00',
    '党员大会差额直选书记',
    '2026年4月14日 09:00',
    'https://zx.example.org/public/elections/el-42',
  ],
  'nomination-received': [
    '王芳',
    '联名举荐',
    '李强、张伟、刘洋、陈静、杨磊',
    '超过55周岁以下的要求',
    '缺少:一寸照片',
    '2026年3月28日 09:00前',
  ],
  'eligibility-review-list': ['王芳', '赵敏', '2026年3月28日 09:00', '不符合', '少于3名'],
  'eligibility-result': [
    '王芳',
    '未能通过',
    '超过55周岁以下的要求',
    '缺少:一寸照片',
    '材料补交期限已过',
  ],
  'notice-published': [
    '书记初步候选人共3名',
    '赵敏',
    '孙丽(社区居委会副主任)',
    '周杰',
    '2026年3月28日 09:00 至 2026年4月4日 09:00',
    '提交异议',
    'https://zx.example.org/public/elections/el-42',
  ],
  'objection-digest': [
    '2026年3月30日 16:00至2026年3月30日 17:00',
    '收到3件异议',
    '孙丽(书记候选人):2件',
    '周杰(书记候选人):1件',
    'obj-7',
    '学历证明与档案不一致',
    '2026年3月30日 16:15',
    'obj-9',
    '驳回',
  ],
  'assembly-invitation': [
    '2026年4月5日 09:00',
    '社区党群服务中心一楼会议室',
    '推荐书记人选',
    '赵敏、孙丽、周杰、吴刚',
    '不超过1人',
    '请携带身份证',
  ],
  'round-result': [
    '发出票数',
    '48',
    '收回票数',
    '47',
    '赵敏',
    '30',
    '孙丽',
    '15',
    '钱进',
    '当选',
    '审批后生效',
  ],
  'approval-request': [
    '书记正式候选人票决',
    '选定2名',
    '赵敏(推荐综合得票率 45.83%;考察评价:优秀)',
    '2026年4月13日 09:00',
    'https://zx.example.org/approve/apv-8f3c2a91d0',
    'https://zx.example.org/approve/apv-8f3c2a91d0/report',
    '不会作出任何决定',
  ],
  'approval-reminder': [
    '书记选举结果',
    '2026年4月21日 09:00',
    '新链接',
    'https://zx.example.org/approve/apv-new-77aa01',
    '2026年4月28日 09:00',
  ],
  'approval-outcome': ['新光街道党工委', '批准', '赵敏、孙丽', '公示7天'],
  'final-result': ['新光街道党工委', '书记', '赵敏', '钱进、郑和', '2026年4月20日 10:00'],
  'organizer-reminder': [
    '初步候选人公示',
    '2026年4月4日 09:00',
    '尚未处理的异议',
    '对孙丽的异议(obj-7)',
  ],
  halted: ['资格审查', '少于3名', '2026年3月28日 09:00', 'POST /v1/elections/el-42/resume'],
  cancelled: ['社区区划调整,本届选举撤销', '公开报名', '2026年3月20日 10:00', '不产生结果'],
  'recall-filed': ['赵敏', '任期内未完成就业目标', '10名党员', '郭敏', '上级党组织调查核实'],
  'recall-outcome': ['赵敏', '赞成罢免票', '31', '即行罢免', '钱进', '重新选举'],
  'commitment-published': [
    '赵敏',
    '党组织建设',
    '健全党小组活动制度',
    '新增就业岗位 50 个',
    '新光街道党工委',
  ],
};

const SUBJECTS: { [T in TemplateName]: string } = {
  announcement: '换届选举公告',
  'nomination-received': '报名已登记:王芳(书记)',
  'eligibility-review-list': '资格审查名单(共2人)',
  'eligibility-result': '资格审查结果:王芳(书记)未通过',
  'notice-published': '书记初步候选人公示',
  'objection-digest': '收到异议3件:孙丽(书记候选人)、周杰(书记候选人)',
  'assembly-invitation': '公开推荐大会通知:2026年4月5日 09:00',
  'round-result': '书记选举第1轮结果:赵敏当选书记',
  'approval-request': '请审批:书记正式候选人票决',
  'approval-reminder': '审批提醒:书记选举结果',
  'approval-outcome': '审批结果:书记正式候选人票决已批准',
  'final-result': '选举结果公告',
  'organizer-reminder': '待办提醒:初步候选人公示(1项未完成)',
  halted: '选举已暂停(资格审查)',
  cancelled: '选举已撤销:新光社区党支部公推直选',
  'recall-filed': '罢免要求:书记赵敏',
  'recall-outcome': '罢免结果:书记赵敏被罢免',
  'commitment-published': '书记任职承诺书公示:赵敏',
};

describe.each(TEMPLATE_NAMES)('template %s', (name) => {
  // Rendered in each test, once the env stub of beforeEach is in place.
  const sample = () => render(name, SAMPLES[name] as never);

  it('has a short subject naming the election and the matter', () => {
    const notice = sample();
    expect(notice.subject.startsWith(`【公推直选】${ORG} `)).toBe(true);
    expect(notice.subject).toContain(SUBJECTS[name]);
    expect(notice.subject).not.toMatch(/\n/);
    expect(notice.subject.length).toBeLessThanOrEqual(60);
  });

  it('shows the key facts in the text and in the HTML', () => {
    const notice = sample();
    for (const fact of KEY_FACTS[name]) {
      expect(notice.text, fact).toContain(fact);
      expect(notice.html, fact).toContain(fact);
    }
  });

  it('greets the recipient and signs as the working group', () => {
    const notice = sample();
    expect(notice.text.startsWith('李强:')).toBe(true);
    expect(notice.text).toContain(`${ORG}公推直选工作小组`);
    expect(notice.html).toContain('李强:');
  });

  it('is a mobile-friendly zh-CN page with inline styles only', () => {
    const notice = sample();
    expect(notice.html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(notice.html).toContain(
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
    );
    expect(notice.html).toContain('max-width:600px');
    expect(notice.html).not.toMatch(/<style|<link|<script|class=/i);
  });
});

/** A variant of one template and what its subject and text must (not) say. */
type Variant = {
  [T in TemplateName]: {
    name: T;
    data: TemplateData<T>;
    subject?: string[];
    text?: string[];
    notText?: string[];
  };
}[TemplateName];

const variant = <T extends TemplateName>(v: {
  name: T;
  data: TemplateData<T>;
  subject?: string[];
  text?: string[];
  notText?: string[];
}): Variant => v as Variant;

const round = SAMPLES['round-result'];
const totals = { issued: 48, returned: 47, valid: 46, invalid: 1 };
type RoundTally = TemplateData<'round-result'>['tally'];

/** A round-result variant: a valid count of the sample round unless `tally` says otherwise. */
const roundResult = (
  tally: Partial<RoundTally> & Pick<RoundTally, 'counts' | 'next'>,
  expected: { subject: string[]; text: string[] },
  data: Partial<TemplateData<'round-result'>> = {},
): Variant =>
  variant({
    name: 'round-result',
    data: { ...round, ...data, tally: { status: 'valid', ...totals, elected: [], ...tally } },
    ...expected,
  });

/** Each notice's variants say what happens next. */
const VARIANTS: [string, Variant][] = [
  [
    'eligibility-result: tells an accepted nominee which conditions were relaxed and why',
    variant({
      name: 'eligibility-result',
      data: {
        organization: ORG,
        nominee: '王芳',
        office: 'secretary',
        decision: 'accepted',
        failures: [{ rule: 'age', message: '至选举日已满57周岁' }],
        waived: ['age'],
        reason: '群众基础好,工作实绩突出',
        decidedAt: '2026-03-27T06:00:00.000Z',
      },
      subject: ['王芳(书记)通过'],
      text: ['通过资格审查', '年龄条件经领导小组研究予以适当放宽', '群众基础好,工作实绩突出'],
    }),
  ],
  [
    'round-result: a void round says why and that the vote is held again',
    roundResult(
      {
        status: 'void',
        reason: '收回选票50张,多于发出的48张',
        returned: 50,
        counts: {},
        next: 'revote',
      },
      {
        subject: ['本轮投票无效,重新投票'],
        text: [
          '收回选票50张,多于发出的48张',
          '本轮作废,将重新投票',
          '2026年4月14日 11:00',
          '社区大礼堂',
        ],
      },
      { nextRound: { at: '2026-04-14T03:00:00.000Z', place: '社区大礼堂' } },
    ),
  ],
  [
    'round-result: a round without quorum says so',
    roundResult(
      {
        status: 'no-quorum',
        reason: '收回选票30张,不足应到会48人的五分之四',
        returned: 30,
        counts: {},
        next: 'revote',
      },
      { subject: ['未达到规定人数'], text: ['不足应到会48人的五分之四'] },
    ),
  ],
  [
    'round-result: a tie names the tied and the re-vote among them',
    roundResult(
      { counts: { m1: 23, m2: 23 }, tied: ['m1', 'm2'], next: 'revote' },
      { subject: ['赵敏、孙丽得票相同'], text: ['将在赵敏、孙丽之间重新投票'] },
    ),
  ],
  [
    'round-result: a repeated tie leaves the choice to the organizers',
    roundResult(
      { counts: { m1: 23, m2: 23 }, tied: ['m1', 'm2'], next: 'organizer-decision' },
      { subject: ['第3轮'], text: ['由领导小组决定'] },
      { round: { kind: 'election', office: 'secretary', number: 3 } },
    ),
  ],
  [
    'round-result: a shortfall says how many seats a further round fills',
    roundResult(
      { counts: { m1: 30, m2: 20, m9: 10 }, elected: ['m1'], shortfall: 1, next: 'revote' },
      { subject: ['赵敏当选委员,尚缺1名'], text: ['另行选举,选出其余1名'] },
      { round: { kind: 'election', office: 'member', number: 1 } },
    ),
  ],
  [
    'round-result: a recommendation shows each combined rate and who goes on',
    roundResult(
      {
        counts: { m1: 60, m2: 40, m9: 10 },
        rates: { m1: 0.458333, m2: 0.3, m9: 0.1 },
        elected: ['m1', 'm2', 'm9'],
        next: 'advance',
      },
      {
        subject: ['赵敏、孙丽、钱进确定为推荐人选'],
        text: ['综合得票率', '赵敏 | 60 | 45.83% | 推荐人选'],
      },
      { round: { kind: 'recommendation', office: 'secretary', number: 1 } },
    ),
  ],
  [
    'approval-outcome: a rejected result halts the election and quotes the superior',
    variant({
      name: 'approval-outcome',
      data: {
        organization: ORG,
        kind: 'secretary',
        decision: 'rejected',
        decidedAt: '2026-04-16T02:00:00.000Z',
        comment: '计票过程记录不全',
      },
      subject: ['书记选举结果未批准'],
      text: ['计票过程记录不全', '选举已暂停'],
    }),
  ],
  [
    'approval-outcome: a rejected recall changes nothing else',
    variant({
      name: 'approval-outcome',
      data: {
        organization: ORG,
        kind: 'recall',
        decision: 'rejected',
        decidedAt: '2027-05-20T02:00:00.000Z',
      },
      text: ['不启动罢免程序'],
      notText: ['选举已暂停'],
    }),
  ],
  [
    'recall-outcome: a retained office holder stays in office',
    variant({
      name: 'recall-outcome',
      data: {
        organization: ORG,
        holder: '赵敏',
        office: 'secretary',
        outcome: 'retained',
        decidedAt: '2027-06-01T03:00:00.000Z',
      },
      subject: ['罢免未获通过'],
      text: ['赵敏继续担任书记'],
    }),
  ],
  [
    'recall-outcome: a recalled committee member is replaced by a by-election',
    variant({
      name: 'recall-outcome',
      data: {
        organization: ORG,
        holder: '钱进',
        office: 'member',
        outcome: 'recalled',
        decidedAt: '2027-06-01T03:00:00.000Z',
      },
      text: ['补选'],
    }),
  ],
  [
    'assembly-invitation: an election assembly explains the ballot, write-ins and no proxy voting',
    variant({
      name: 'assembly-invitation',
      data: {
        organization: ORG,
        at: '2026-04-14T01:00:00.000Z',
        place: '社区大礼堂',
        votes: [{ kind: 'election', office: 'secretary', candidates: ['赵敏', '孙丽'], seats: 1 }],
      },
      subject: ['党员大会通知:2026年4月14日 09:00'],
      text: ['差额选举书记,应选1名,候选人:赵敏、孙丽', '另选他人', '不得委托他人投票'],
    }),
  ],
];

it.each(VARIANTS)('%s', (_, { name, data, subject = [], text = [], notText = [] }) => {
  const notice = render(name, data as never);
  for (const part of subject) expect(notice.subject).toContain(part);
  for (const part of text) expect(notice.text).toContain(part);
  for (const part of notText) expect(notice.text).not.toContain(part);
});

it('eligibility-result tells a rejected nominee every failed condition', () => {
  const notice = render('eligibility-result', SAMPLES['eligibility-result']);
  for (const failure of SAMPLES['eligibility-result'].failures ?? []) {
    expect(notice.text).toContain(failure.message);
  }
});
