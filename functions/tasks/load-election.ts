import * as z from 'zod';
import { loadElection, taskHandler } from '../../shared/workflow/task-handler.ts';

/** The entry of every run: where the election is, so a re-run continues there. */
export const handler = taskHandler(
  z.object({ electionId: z.string().min(1) }),
  async ({ electionId }) => ({
    stage: (await loadElection(electionId)).stage,
  }),
);
