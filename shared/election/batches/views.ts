import * as z from 'zod';
import { ElectionStage, PresetName } from '../../rules/index.ts';
import type { BatchStats } from './stats.ts';

/** A batch's report as a zod schema (the OpenAPI document shows it). */

/** `GET /v1/batches/{id}`: each election's progress, and the statistics (stats.ts). */
export const BatchReportView = z.object({
  id: z.string(),
  preset: PresetName,
  createdAt: z.string(),
  elections: z.array(
    z.object({
      electionId: z.string(),
      orgId: z.string(),
      stage: ElectionStage.nullable(),
      haltReason: z.string().optional(),
    }),
  ),
  stats: z.custom<BatchStats>().meta({
    description:
      'nominations, nominees (with shares), eligibilityFailures, turnout, averageElectionTurnout, elected, secretaries, roll',
  }),
});
