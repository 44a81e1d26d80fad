import * as z from 'zod';
import { ElectionStage, PresetName } from '../../rules/index.ts';
import type { BatchImport } from '../../store/records.ts';
import type { BatchStats } from './stats.ts';

/** A batch's report as a zod schema (the OpenAPI document shows it). */

/** A batch file's import (batch-import.ts): where it is, what it holds, what is wrong with it. */
export const BatchImportView = z.object({
  status: z.enum(['checking', 'writing', 'done', 'refused']),
  bytes: z.number(),
  /** The file's organizations and members, once it is checked. */
  organizations: z.number().optional(),
  members: z.number().optional(),
  /** Organizations stored so far (with their rolls). */
  written: z.number(),
  /** A refused file's first problems (row 1 is the header), and how many there are in all. */
  problems: z
    .array(z.object({ row: z.number(), column: z.string(), message: z.string() }))
    .optional(),
  problemCount: z.number().optional(),
});
export type BatchImportView = z.infer<typeof BatchImportView>;

/** What a batch's import shows: its progress, not its file's place or its lease. */
export const importView = (state: BatchImport): BatchImportView => ({
  status: state.status,
  bytes: state.bytes,
  ...(state.organizations === undefined ? {} : { organizations: state.organizations }),
  ...(state.members === undefined ? {} : { members: state.members }),
  written: state.written,
  ...(state.problems ? { problems: state.problems } : {}),
  ...(state.problemCount === undefined ? {} : { problemCount: state.problemCount }),
});

/** `GET /v1/batches/{id}`: each election's progress, and the statistics (stats.ts). */
export const BatchReportView = z.object({
  id: z.string(),
  preset: PresetName,
  createdAt: z.string(),
  /** A batch made from a file: its import (the elections follow once it is done). */
  import: BatchImportView.optional(),
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
