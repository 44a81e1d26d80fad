import { AdvanceInput, advanceStage } from '../../shared/workflow/election-tasks.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

export const handler = taskHandler(AdvanceInput, advanceStage);
