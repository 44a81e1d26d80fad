import { advanceStage } from '../../shared/workflow/election-tasks.ts';
import { StageTaskInput, taskHandler } from '../../shared/workflow/task-handler.ts';

export const handler = taskHandler(StageTaskInput, advanceStage);
