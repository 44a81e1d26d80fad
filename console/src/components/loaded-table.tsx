import { Empty, Table, type TableProps } from 'antd';
import { Problem } from './problem.tsx';

/**
 * A list a card loads whole (`useLoad`), as a table: what failed above it, one page, scrolling
 * sideways past `width` on a tablet, and an empty state that says what to do.
 */
export function LoadedTable<T extends { id: string }>(
  props: Omit<TableProps<T>, 'rowKey' | 'loading' | 'pagination' | 'scroll' | 'locale'> & {
    load: { error: string | null; loading: boolean };
    width: number;
    empty: string;
  },
) {
  const { load, width, empty, ...rest } = props;
  return (
    <>
      <Problem text={load.error} />
      <Table<T>
        rowKey="id"
        loading={load.loading}
        pagination={false}
        scroll={{ x: width }}
        locale={{ emptyText: <Empty description={empty} /> }}
        {...rest}
      />
    </>
  );
}
