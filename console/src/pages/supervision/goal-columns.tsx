import { Table, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { GOAL_CATEGORY_NAMES } from './labels.ts';

/** The columns every table of goals opens with: category, goal, measurable target. */
export const goalColumns = <
  T extends { category: string; text: string; target: string },
>(): TableColumnsType<T> => [
  {
    title: '类别',
    dataIndex: 'category',
    width: 110,
    render: (c: string) => GOAL_CATEGORY_NAMES[c] ?? c,
  },
  { title: '目标', dataIndex: 'text' },
  { title: '指标', dataIndex: 'target', width: 200 },
];

/** A small table of goals, with the columns a screen adds after the three of every goal. */
export function GoalsTable<
  T extends { id: string; category: string; text: string; target: string },
>(props: { goals: T[]; more?: TableColumnsType<T>; empty?: ReactNode }) {
  return (
    <Table<T>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={props.goals}
      scroll={{ x: 640 }}
      locale={props.empty ? { emptyText: props.empty } : undefined}
      columns={[...goalColumns<T>(), ...(props.more ?? [])]}
    />
  );
}
