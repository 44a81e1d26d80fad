import { closeStage } from '../../shared/workflow/stage-tasks.ts';
import { LoopTaskInput, taskHandler } from '../../shared/workflow/task-handler.ts';

export const handler = taskHandler(LoopTaskInput, closeStage);
