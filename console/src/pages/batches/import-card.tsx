import { Alert, Card, Flex, Progress, Spin, Steps, Typography } from 'antd';
import type { AnswerOf } from '../../api/routes.ts';
import { fileSize } from '../../format.ts';
import { FileProblems } from './file-problems.tsx';

type BatchImport = NonNullable<AnswerOf<'GET /v1/batches/{id}'>['import']>;

const STEP: Record<BatchImport['status'], number> = {
  checking: 0,
  refused: 0,
  writing: 1,
  done: 2,
};

/**
 * A batch file's import as the batch page shows it: 检查文件 (every row, nothing written yet),
 * 写入党组织 (organizations with their rolls, written / all), 已完成 — or the file refused, with
 * its problems and how many there are in all.
 */
export function ImportCard(props: { state: BatchImport; following: boolean }) {
  const { state } = props;
  const { organizations = 0, members } = state;
  return (
    <Card title="导入批量选举文件" size="small">
      <Steps
        size="small"
        current={STEP[state.status]}
        status={
          state.status === 'refused' ? 'error' : state.status === 'done' ? 'finish' : 'process'
        }
        items={[
          { title: '检查文件', content: fileSize(state.bytes) },
          {
            title: '写入党组织',
            content: state.organizations === undefined ? undefined : `${organizations} 个党组织`,
          },
          { title: '已完成' },
        ]}
      />
      <div style={{ marginTop: 16 }}>
        {state.status === 'checking' && (
          <Flex align="center" gap="small">
            <Spin size="small" />
            <Typography.Text>正在检查文件的每一行,检查通过后才写入……</Typography.Text>
          </Flex>
        )}
        {state.status === 'writing' && (
          <>
            <Typography.Text>
              写入党组织及其党员名册:{state.written} / {organizations}
              {members !== undefined && `(共 ${members} 名党员)`}
            </Typography.Text>
            <Progress
              percent={organizations ? Math.floor((state.written / organizations) * 100) : 0}
              status="active"
            />
          </>
        )}
        {state.status === 'done' && (
          <Typography.Text type="success">
            已完成:导入 {organizations} 个党组织
            {members !== undefined && `、${members} 名党员`},各党组织的选举见下表。
          </Typography.Text>
        )}
        {state.status === 'refused' && (
          <Alert
            type="error"
            showIcon
            title="文件未通过检查,未导入任何数据"
            description={
              <FileProblems
                problems={state.problems ?? []}
                count={state.problemCount ?? state.problems?.length ?? 0}
                hint="请改正文件后,新建批量选举重新上传。"
              />
            }
          />
        )}
        {props.following && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            导入进行中,本页每 {FOLLOW_SECONDS} 秒自动刷新。
          </Typography.Paragraph>
        )}
      </div>
    </Card>
  );
}

/** How often the batch page reads an import under way again. */
export const FOLLOW_SECONDS = 3;
