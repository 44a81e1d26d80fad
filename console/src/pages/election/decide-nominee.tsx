import { Alert, Checkbox, Form, Input, Radio, Typography } from 'antd';
import { useEffect } from 'react';
import { EligibilityBody } from '../../../../shared/election/candidates/schemas.ts';
import { RULE_NAMES } from '../../../../shared/rules/index.ts';
import { call } from '../../api/client.ts';
import type { AnswerOf } from '../../api/routes.ts';
import type { DialogEnds } from '../../components/dialog-ends.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { useSubmit } from '../../components/use-submit.ts';
import { OFFICE_NAMES } from '../../format.ts';
import type { Election } from './election-data.ts';
import { optionsOf, ProblemList } from './parts.tsx';

type Nomination = AnswerOf<'GET /v1/elections/{id}/nominations'>[number];

interface Values {
  decision: 'accept' | 'reject';
  waive: string[];
  reason?: string;
}

const DECISION_NAMES = { accept: '通过', reject: '不通过' } as const;

/** The decision the organizers are about to make, as the row's buttons start it. */
export interface Pending {
  nomination: Nomination;
  decision: 'accept' | 'reject';
}

/**
 * 资格审查确认 of one nominee (`POST …/eligibility`): 通过 (accepting needs every failed
 * condition waived — only the rules' waivable ones, education and age — with a written reason),
 * or 不通过 with the reason the nominee is told. Checked with the API's own schema first.
 */
export function DecideNominee(
  props: {
    election: Election;
    pending: Pending | null;
    nameOf: (id: string) => string;
  } & DialogEnds,
) {
  const { election, pending } = props;
  const [form] = Form.useForm<Values>();
  const failures = pending?.nomination.check.failures ?? [];
  const waivable: readonly string[] = election.rules.waivableRules;
  const canWaive = failures.filter((f) => waivable.includes(f.rule));
  useEffect(() => {
    if (pending) {
      form.resetFields();
      form.setFieldsValue({ decision: pending.decision, waive: [], reason: '' });
    }
  }, [pending, form]);
  const decision = Form.useWatch('decision', form);
  const submitting = useSubmit({
    form,
    schema: EligibilityBody,
    toBody: (values: Values) => ({
      nomineeId: pending?.nomination.nomineeId,
      office: pending?.nomination.office,
      decision: values.decision,
      ...(values.decision === 'accept' && values.waive?.length ? { waive: values.waive } : {}),
      ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
    }),
    send: (body) =>
      call('POST /v1/elections/{id}/eligibility', { params: { id: election.id }, body }),
    success: (candidate) =>
      `${props.nameOf(candidate.memberId)}:${candidate.status === 'eligible' ? '资格审查通过' : '资格审查未通过'}`,
    onDone: props.onDone,
  });
  const who = pending ? props.nameOf(pending.nomination.nomineeId) : '';
  return (
    <FormModal
      title={pending ? `资格审查:${who}(${OFFICE_NAMES[pending.nomination.office]})` : '资格审查'}
      open={pending !== null}
      onClose={props.onClose}
      form={form}
      name="eligibility"
      okText={decision === 'reject' ? '确认不通过' : '确认通过'}
      danger={decision === 'reject'}
      submitting={submitting}
    >
      {failures.length === 0 ? (
        <Alert type="success" showIcon title="自动审查:符合全部任职条件,材料齐全" />
      ) : (
        <Alert
          type="warning"
          showIcon
          title="自动审查未通过的条件"
          description={
            <ProblemList
              items={failures.map((f) => ({
                key: f.rule,
                text: `${RULE_NAMES[f.rule]}:${f.message}`,
              }))}
            />
          }
        />
      )}
      <Form.Item label="决定" name="decision" required>
        <Radio.Group options={optionsOf(['accept', 'reject'], DECISION_NAMES)} />
      </Form.Item>
      {decision === 'accept' && failures.length > 0 && (
        <Form.Item
          label="放宽的条件"
          name="waive"
          extra={
            canWaive.length > 0
              ? '特别优秀的可适当放宽(仅学历、年龄);须写明理由'
              : '未通过的条件都不能放宽:只能作出“不通过”的决定'
          }
        >
          <Checkbox.Group
            options={canWaive.map((f) => ({
              value: f.rule,
              label: `放宽${RULE_NAMES[f.rule]}`,
            }))}
          />
        </Form.Item>
      )}
      <Form.Item
        label="理由"
        name="reason"
        extra={decision === 'reject' ? '将告知被提名人' : '放宽条件时必填,记入审计日志'}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Typography.Text type="secondary">决定作出后不能更改,并以邮件通知被提名人。</Typography.Text>
    </FormModal>
  );
}
