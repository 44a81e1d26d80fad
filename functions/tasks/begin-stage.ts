import { beginStage } from '../../shared/workflow/stage-tasks.ts';
import { StageTaskInput, taskHandler } from '../../shared/workflow/task-handler.ts';

export const handler = taskHandler(StageTaskInput, beginStage);
