import * as z from 'zod';
import { Calendar, electionDay, RuleFields, type WaivableRule } from '../../rules/index.ts';
import { action, blocks, bullets, heading, numbered, paragraph, table } from '../blocks.ts';
import { boardUrl } from '../links.ts';
import { base } from '../schemas.ts';
import { defineTemplate } from '../template.ts';
import {
  EDUCATION_NAMES,
  NOMINATION_KIND_NAMES,
  names,
  OFFICE_NAMES,
  STAGE_NAMES,
  when,
} from '../words.ts';

/**
 * 宣传动员 (第六条 1): to every member — the offices, the conditions for office (第三条), how
 * to apply, and the calendar in Shanghai time.
 */

/** The part of the election's rules the announcement tells (pass `election.rules`). */
const AnnouncedRules = RuleFields.pick({
  stages: true,
  nominationKinds: true,
  nominationOffices: true,
  minJointSupporters: true,
  minPartyAgeYears: true,
  maxAge: true,
  minEducation: true,
  orgRelation: true,
  requireHealthy: true,
  requireDocuments: true,
  waivableRules: true,
  minPreliminarySecretary: true,
});

const Seats = z.strictObject({
  secretary: z.int().min(0),
  deputies: z.int().min(0),
  members: z.int().min(0),
});

export const AnnouncementData = z.strictObject({
  ...base,
  seats: Seats,
  rules: AnnouncedRules,
  calendar: Calendar,
  /** How to reach the 工作小组, e.g. `社区党群服务中心 201 室,电话 …`. */
  contact: z.string().trim().min(1).max(500).optional(),
});
export type AnnouncementData = z.infer<typeof AnnouncementData>;

const RELAXABLE = ',特别优秀的可适当放宽';

const conditions = ({ rules, calendar }: AnnouncementData): string[] => {
  const relaxable = (rule: WaivableRule) => (rules.waivableRules.includes(rule) ? RELAXABLE : '');
  const day = calendar['secretary-election'] ? electionDay(calendar) : undefined;
  return [
    `有${rules.minPartyAgeYears}年以上党龄的中共正式党员`,
    rules.orgRelation === 'local' && '组织关系在本街道',
    rules.orgRelation === 'transferable' && '组织关系在本社区,或能够转入本社区',
    rules.minEducation !== null &&
      `${EDUCATION_NAMES[rules.minEducation]}以上文化程度${relaxable('education')}`,
    rules.maxAge !== null &&
      `年龄${rules.maxAge}周岁以下${day ? `(按选举日 ${day} 计算)` : ''}${relaxable('age')}`,
    rules.requireHealthy && '身体健康(须在名册中申报)',
    '未受留党察看处分,党员权利未被停止',
  ].filter((line): line is string => typeof line === 'string');
};

const howToApply = ({ rules }: AnnouncementData): string[] =>
  rules.nominationKinds.map((kind) => {
    if (kind === 'self') return `${NOMINATION_KIND_NAMES.self}:本人向工作小组提交书面申请`;
    if (kind === 'joint') {
      return `${NOMINATION_KIND_NAMES.joint}:须有${rules.minJointSupporters}名以上有选举权的党员联名,每名党员对同一职位只能举荐一人`;
    }
    return `${NOMINATION_KIND_NAMES.organization}:由领导小组提名`;
  });

const seatsLine = ({ seats }: AnnouncementData): string =>
  [
    seats.secretary > 0 && `书记${seats.secretary}名`,
    seats.deputies > 0 && `副书记${seats.deputies}名`,
    seats.members > 0 && `委员${seats.members}名`,
  ]
    .filter(Boolean)
    .join('、');

const calendarRows = ({ rules, calendar }: AnnouncementData): string[][] =>
  rules.stages.flatMap((stage) => {
    const entry = calendar[stage];
    return entry ? [[STAGE_NAMES[stage], `${when(entry.from)} 至 ${when(entry.until)}`]] : [];
  });

export const announcement = defineTemplate({
  schema: AnnouncementData,
  subject: () => '换届选举公告:任职条件、报名方式和日程',
  body: (data, { electionId }) =>
    blocks(
      paragraph(
        `${data.organization}换届采取“公推直选”方式,产生新一届领导班子:${seatsLine(data)}。报名职位:${names(data.rules.nominationOffices.map((office) => OFFICE_NAMES[office]))}。现将任职条件、报名方式和日程安排公告如下,欢迎符合条件的党员积极报名。`,
      ),
      heading('一、任职条件(第三条)'),
      numbered(conditions(data)),
      heading('二、报名方式'),
      bullets(howToApply(data)),
      data.rules.requireDocuments &&
        paragraph(
          '报名时须携带本人身份证原件、户口簿原件、学历证明原件及一寸照片1张,填写报名登记表。',
        ),
      data.rules.nominationOffices.includes('secretary') &&
        paragraph(`书记初步候选人原则上不少于${data.rules.minPreliminarySecretary}名。`),
      heading('三、日程安排(北京时间)'),
      table(['阶段', '时间'], calendarRows(data)),
      paragraph('各阶段的结果和公示都在公示栏公布;日程如有调整,以公示栏为准。'),
      data.contact && paragraph(`工作小组:${data.contact}`),
      action('查看公示栏', boardUrl(electionId)),
    ),
});
