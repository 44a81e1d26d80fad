import { Alert, Button, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { useLoad } from './use-load.ts';

/** A page of a list as the API answers it (shared/election/paging.ts). */
export interface ListPage<T> {
  items: T[];
  next: string | null;
}

/**
 * Pages through a list whose API answers opaque cursors: the cursors of the pages seen are kept
 * so "上一页" goes back without the API knowing page numbers. A new `key` (other filters) starts
 * again at the first page.
 */
export const useCursorPages = <T,>(
  load: (cursor: string | undefined) => Promise<ListPage<T>>,
  key: string,
) => {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({
    key,
    cursors: [undefined],
  });
  const cursors = state.key === key ? state.cursors : [undefined];
  const cursor = cursors.at(-1);
  const { data, error, loading, reload } = useLoad(() => load(cursor), `${key}\u0000${cursor}`);
  const next = data?.next ?? null;
  return {
    items: data?.items ?? [],
    error,
    loading,
    reload,
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    hasNext: next !== null,
    previous: () => setState({ key, cursors: cursors.slice(0, -1) }),
    next: () => {
      if (next !== null) setState({ key, cursors: [...cursors, next] });
    },
  };
};

export type CursorPages<T> = ReturnType<typeof useCursorPages<T>>;

/** "上一页 · 第 N 页 · 下一页" under a list paged by cursors. */
export function CursorPager(props: {
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  previous: () => void;
  next: () => void;
  loading?: boolean;
}) {
  if (props.page === 1 && !props.hasNext) return null;
  return (
    <Space style={{ marginTop: 16, width: '100%', justifyContent: 'flex-end' }}>
      <Button disabled={!props.hasPrevious || props.loading} onClick={props.previous}>
        上一页
      </Button>
      <Typography.Text type="secondary">第 {props.page} 页</Typography.Text>
      <Button disabled={!props.hasNext || props.loading} onClick={props.next}>
        下一页
      </Button>
    </Space>
  );
}

/** A cell of two lines: what it says, and under it in grey what identifies or qualifies it. */
export function TwoLines(props: {
  children: ReactNode;
  under: ReactNode;
  underType?: 'secondary' | 'danger';
}) {
  return (
    <Space orientation="vertical" size={0}>
      {props.children}
      <Typography.Text type={props.underType ?? 'secondary'}>{props.under}</Typography.Text>
    </Space>
  );
}

/** A row's own link, for the keyboard: the row's click does the same, so it goes no further. */
export function RowLink(props: { to: string; children: ReactNode }) {
  return (
    <Link to={props.to} onClick={(event) => event.stopPropagation()}>
      {props.children}
    </Link>
  );
}

/**
 * A list's table as every console list shows it: its failure (with 重试) above it, a row opens
 * what it stands for, an empty state that says what to do, the pager under it; tables scroll
 * sideways on a tablet.
 */
export function PagedTable<T extends { id: string }>(props: {
  list: CursorPages<T>;
  /** What failed to load, e.g. 选举列表. */
  what: string;
  columns: ColumnsType<T>;
  onOpen: (row: T) => void;
  empty: ReactNode;
}) {
  const { list } = props;
  return (
    <>
      {list.error && (
        <Alert
          type="error"
          showIcon
          title={`${props.what}加载失败:${list.error}`}
          action={<Button onClick={() => list.reload()}>重试</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<T>
        rowKey="id"
        columns={props.columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(row) => ({ onClick: () => props.onOpen(row), style: { cursor: 'pointer' } })}
        locale={{ emptyText: props.empty }}
      />
      <CursorPager {...list} />
    </>
  );
}
