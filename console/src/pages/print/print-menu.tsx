import { Button, Card, Dropdown, Form, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  BallotPapersRequest,
  type Constituency,
  papersSerials,
} from '../../../../shared/rules/index.ts';
import { call } from '../../api/client.ts';
import type { AnswerOf } from '../../api/routes.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { useSubmit } from '../../components/use-submit.ts';
import { SHEETS } from './sheets.ts';

/**
 * On the round page: how many papers are printed for the round (recorded first: it numbers
 * them, and from then on entry checks each serial), and the menu that opens the print sheets.
 */

type Round = AnswerOf<'GET /v1/elections/{id}/rounds/{roundId}'>;

interface Values {
  count?: number;
  constituencies?: Record<string, number | undefined>;
}

export function PrintMenu(props: {
  electionId: string;
  round: Round;
  constituencies: readonly Pick<Constituency, 'id' | 'name'>[];
  onDone: () => void;
}) {
  const { electionId, round } = props;
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const perConstituency = round.kind === 'recommendation';
  const submitting = useSubmit({
    form,
    schema: BallotPapersRequest,
    toBody: (values: Values) =>
      perConstituency
        ? {
            constituencies: props.constituencies.map(({ id }) => ({
              id,
              count: values.constituencies?.[id],
            })),
          }
        : values.count === undefined || values.count === null
          ? {}
          : { count: values.count },
    send: (body) =>
      call('POST /v1/elections/{id}/rounds/{roundId}/ballot-papers', {
        params: { id: electionId, roundId: round.id },
        body,
      }),
    success: (answer) => `已登记印制 ${answer.ballotPapers?.count ?? 0} 张`,
    onDone: () => {
      setOpen(false);
      props.onDone();
    },
  });
  const papers = round.ballotPapers;
  const serials = papers ? papersSerials(papers) : [];
  const canRecord = round.status === 'open' && !round.ballotsEntered;
  const sheetUrl = (sheet: string) =>
    `/console/print/elections/${electionId}/rounds/${round.id}/${sheet}`;
  const expected = round.attendance?.constituencies;

  return (
    <Card title="打印选票 / 签到表 / 计票表">
      <Space wrap align="center">
        <Typography.Text>
          {papers
            ? `已登记印制 ${papers.count} 张,编号 ${serials[0]?.serial} 至 ${serials.at(-1)?.serial}(末位为校验位,录入时核对)`
            : '尚未登记印制张数:先登记,每张选票才有带校验位的编号。'}
        </Typography.Text>
        {canRecord && (
          <Button onClick={() => setOpen(true)}>{papers ? '更改印制张数' : '登记印制张数'}</Button>
        )}
        <Dropdown
          menu={{
            items: Object.entries(SHEETS).map(([sheet, label]) => ({
              key: sheet,
              disabled: sheet === 'ballots' && !papers,
              label: (
                <a href={sheetUrl(sheet)} target="_blank" rel="noreferrer">
                  打印{label}
                </a>
              ),
            })),
          }}
        >
          <Button type="primary">打印…</Button>
        </Dropdown>
      </Space>
      <FormModal
        title="登记印制的选票张数"
        open={open}
        okText="登记"
        form={form}
        name="ballot-papers"
        initialValues={
          perConstituency
            ? {
                constituencies: Object.fromEntries((expected ?? []).map((c) => [c.id, c.expected])),
              }
            : { count: papers?.count }
        }
        submitting={submitting}
        onClose={() => setOpen(false)}
      >
        {perConstituency ? (
          props.constituencies.map((c, i) => (
            <Form.Item
              key={c.id}
              label={`${c.name}(张)`}
              name={['constituencies', c.id]}
              extra={i === 0 ? '每个推荐单位的选票各自连续编号' : undefined}
            >
              <InputNumber min={1} precision={0} style={{ width: 160 }} />
            </Form.Item>
          ))
        ) : (
          <Form.Item
            label="印制张数"
            name="count"
            extra={
              round.kind === 'evaluation'
                ? '满意度测评:按非党员工应到人数填写'
                : '不填则按本轮应到会人数(名册中有选举权的党员)'
            }
          >
            <InputNumber min={1} precision={0} style={{ width: 160 }} />
          </Form.Item>
        )}
      </FormModal>
    </Card>
  );
}
