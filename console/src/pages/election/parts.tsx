import { Button, Empty, Form, Select, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';

/** The choices of a Select or Radio.Group: codes with their Chinese names. */
export const optionsOf = <K extends string>(codes: readonly K[], names: Record<K, string>) =>
  codes.map((code) => ({ value: code, label: names[code] }));

/** Rules or conditions a check found broken, one a line. */
export function ProblemList({ items }: { items: readonly { key: string; text: ReactNode }[] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
      {items.map((item) => (
        <li key={item.key}>{item.text}</li>
      ))}
    </ul>
  );
}

/** What useSubmit gives a form: send it, and whether it is being sent. */
interface Submitting {
  submit: () => void;
  pending: boolean;
}

/** The button that sends a form on the page (not in a dialog). */
export function SubmitButton(props: { submitting: Submitting; children: ReactNode }) {
  return (
    <Button type="primary" loading={props.submitting.pending} onClick={props.submitting.submit}>
      {props.children}
    </Button>
  );
}

/** A list of this page: compact, scrolling sideways on a tablet, saying what to do when empty. */
export function ListTable<T extends object>(
  props: Omit<TableProps<T>, 'size' | 'scroll' | 'locale'> & { empty: string; pageSize: number },
) {
  const { empty, pageSize, ...rest } = props;
  return (
    <Table<T>
      size="small"
      pagination={{ pageSize, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={empty} /> }}
      {...rest}
    />
  );
}

/** A required choice of one of the election's candidates (or nobody, said in `none`). */
export function CandidateChoice(props: {
  label: string;
  name: string;
  choices: { value: string; label: string }[];
  none: string;
}) {
  return (
    <Form.Item
      label={props.label}
      name={props.name}
      required
      extra={props.choices.length === 0 ? props.none : undefined}
    >
      <Select style={{ minWidth: 220 }} options={props.choices} />
    </Form.Item>
  );
}
