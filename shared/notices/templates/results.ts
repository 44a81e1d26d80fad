import * as z from 'zod';
import { Instant } from '../../rules/index.ts';
import { action, blocks, facts, paragraph, table } from '../blocks.ts';
import { boardUrl } from '../links.ts';
import { base, Name } from '../schemas.ts';
import { defineTemplate } from '../template.ts';
import { names, when } from '../words.ts';

/** The approved result of the election, and the secretary's 任职承诺书 once approved. */

// --- final-result: to every member. ---

export const FinalResultData = z
  .strictObject({
    ...base,
    secretary: Name.nullable().optional(),
    deputies: z.array(Name).default([]),
    members: z.array(Name).default([]),
    approvedAt: Instant,
    /** The superior's name, e.g. `新光街道党工委`. */
    approvedBy: Name.optional(),
  })
  .refine((data) => data.secretary || data.deputies.length > 0 || data.members.length > 0, {
    message: 'a result names at least one person elected',
    path: ['secretary'],
  });

export const finalResult = defineTemplate({
  schema: FinalResultData,
  subject: () => '选举结果公告',
  body: (data, { electionId }) =>
    blocks(
      paragraph(
        `${data.organization}公推直选选举结果经${data.approvedBy ?? '上级党组织'}于${when(data.approvedAt)}批准,新一届领导班子组成如下:`,
      ),
      facts(
        [
          ['书记', data.secretary ?? ''],
          ['副书记', names(data.deputies)],
          ['委员', names(data.members)],
        ].filter((row): row is [string, string] => row[1] !== ''),
      ),
      paragraph('感谢全体党员和居民群众的参与和支持。当选同志将作出任职承诺,接受党员群众监督。'),
      action('查看公示栏', boardUrl(electionId)),
    ),
});

// --- commitment-published: to every member, once the superior approved it. ---

const GOAL_CATEGORIES = {
  'party-building': '党组织建设',
  economy: '社区经济发展',
  employment: '充分就业',
  social: '其他社会事业',
} as const;

const Goal = z.strictObject({
  category: z.enum(['party-building', 'economy', 'employment', 'social']),
  text: z.string().trim().min(1).max(2000),
  target: z.string().trim().min(1).max(500),
});

export const CommitmentPublishedData = z.strictObject({
  ...base,
  /** The secretary who made the commitment. */
  holder: Name,
  goals: z.array(Goal).min(1),
  approvedAt: Instant,
  approvedBy: Name.optional(),
});

export const commitmentPublished = defineTemplate({
  schema: CommitmentPublishedData,
  subject: (data) => `书记任职承诺书公示:${data.holder}`,
  body: (data, { electionId }) =>
    blocks(
      paragraph(
        `${data.organization}书记${data.holder}的《任职承诺书》已经${data.approvedBy ?? '上级党组织'}于${when(data.approvedAt)}审核同意,现在全社区公示,请党员群众监督:`,
      ),
      table(
        ['方面', '目标', '指标'],
        data.goals.map((goal) => [GOAL_CATEGORIES[goal.category], goal.text, goal.target]),
      ),
      paragraph('任期目标的完成情况将在年度工作报告中向党员群众报告。'),
      action('查看公示栏', boardUrl(electionId)),
    ),
});
