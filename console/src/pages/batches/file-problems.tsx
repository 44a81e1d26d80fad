import { Table, Typography } from 'antd';
import type { FileProblem } from '../../../../shared/election/batches/batch-file.ts';

/**
 * A batch file's problems as a table of 行, 列, 问题 — the row as the spreadsheet numbers it
 * (1: the header) — and how many there are in all: the server lists the first ones only.
 */
export function FileProblems(props: {
  problems: readonly FileProblem[];
  count?: number;
  /** What to do about them, after the count. */
  hint: string;
}) {
  const { problems, count } = props;
  return (
    <>
      <Typography.Text type="danger">
        {count !== undefined &&
          `共 ${count} 处问题${count > problems.length ? `,下表列出前 ${problems.length} 处` : ''}。`}
        {props.hint}
      </Typography.Text>
      <Table<FileProblem & { key: number }>
        size="small"
        style={{ marginTop: 8 }}
        dataSource={problems.map((p, key) => ({ ...p, key }))}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: '行', dataIndex: 'row', width: 72, align: 'right' },
          {
            title: '列',
            dataIndex: 'column',
            width: 120,
            render: (column: string) => column || '—',
          },
          { title: '问题', dataIndex: 'message' },
        ]}
      />
    </>
  );
}
