import * as z from 'zod';
import { ElectionStage, Instant } from '../../rules/index.ts';
import { blocks, facts, note, paragraph, quote } from '../blocks.ts';
import { base, Text } from '../schemas.ts';
import { defineTemplate } from '../template.ts';
import { STAGE_NAMES, when } from '../words.ts';

/** cancelled: the organizers cancelled (撤销) the election; every member and organizer is told. */

export const CancelledData = z.strictObject({
  ...base,
  reason: Text,
  /** The stage the election was in when it was cancelled. */
  stage: ElectionStage,
  cancelledAt: Instant,
});

export const cancelled = defineTemplate({
  schema: CancelledData,
  subject: (data) => `选举已撤销:${data.organization}公推直选`,
  body: (data) =>
    blocks(
      paragraph(
        `经选举工作领导小组决定,${data.organization}公推直选已于${when(data.cancelledAt)}撤销,撤销时处于“${STAGE_NAMES[data.stage]}”阶段。撤销原因:`,
      ),
      quote(data.reason),
      facts([
        ['已进行的报名、推荐和投票', '不再继续,本次选举不产生结果'],
        ['后续安排', '如需重新选举,将另行通知'],
      ]),
      note('撤销决定已记入审计记录。如有疑问,请与本组织选举工作小组联系。'),
    ),
});
