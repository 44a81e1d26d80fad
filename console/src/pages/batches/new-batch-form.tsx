import { UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  InputNumber,
  Radio,
  Select,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type * as z from 'zod';
import { NewBatch, type NewBatchBody } from '../../../../shared/election/batches/schemas.ts';
import { ElectionPlan } from '../../../../shared/election/elections/schemas.ts';
import { call } from '../../api/client.ts';
import type { DialogEnds } from '../../components/dialog-ends.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { useDialogForm } from '../../components/use-dialog-form.ts';
import { useOrganizations } from '../../components/use-organizations.ts';
import { dayjs, fromPicker, ZONE } from '../../format.ts';
import { BatchFileField } from './batch-file-field.tsx';
import { readOrgIds } from './org-id-file.ts';
import { useBatchFile } from './use-batch-file.ts';
import { BATCH_PRESETS } from './words.ts';

/** What `POST /v1/batches` takes: the organizations by id, or (from a file) the plan alone first. */
type BatchBody = z.output<typeof NewBatchBody>;

/** Where a batch's organizations come from: the console's own, or a file that brings them. */
type Source = 'orgs' | 'file';

interface Values {
  preset: string;
  orgIds?: string[];
  seats: { deputies?: number; members?: number };
  startsAt?: Dayjs;
}

/**
 * A batch (批量选举, 第一篇: 363 communities at once): one plan — preset, seats, start — for
 * many organizations, picked from the list or read from a CSV/Excel file of their ids; or for
 * the organizations of a batch file (issue 17: a province's, with their rolls), uploaded with
 * the batch (use-batch-file.ts). An unknown organization stops the whole batch (the API's 404),
 * a file with a bad row too (422, its rows shown here): nothing is started.
 */
export function NewBatchForm(
  props: {
    open: boolean;
  } & DialogEnds<[id: string]>,
) {
  const { message } = App.useApp();
  const orgs = useOrganizations();
  const [source, setSource] = useState<Source>('orgs');
  const batchFile = useBatchFile();
  const plan = (values: Values) => ({
    preset: values.preset,
    seats: {
      secretary: 1,
      deputies: values.seats?.deputies ?? 0,
      members: values.seats?.members ?? 0,
    },
    startsAt: values.startsAt ? fromPicker(values.startsAt) : '',
  });
  const ends = {
    onDone: (created: { id: string }) => {
      batchFile.reset();
      props.onDone(created.id);
    },
    // Closing stops an upload under way; what was filled in stays for the next time.
    onClose: () => {
      batchFile.abort();
      props.onClose();
    },
  };
  const dialog = useDialogForm(
    { open: props.open, onClose: ends.onClose },
    {
      // From a file, the plan is checked before a byte of the file is sent.
      schema: (source === 'file' ? ElectionPlan : NewBatch) satisfies z.ZodType<BatchBody>,
      toBody: (values: Values) =>
        source === 'file' ? plan(values) : { ...plan(values), orgIds: values.orgIds ?? [] },
      send: (body: BatchBody) =>
        source === 'file' ? batchFile.start(body) : call('POST /v1/batches', { body }),
      success: (created) =>
        source === 'orgs'
          ? `已开始 ${created.electionIds?.length ?? 0} 个党组织的选举`
          : created.electionIds
            ? `已导入 ${created.import?.organizations ?? created.electionIds.length} 个党组织,开始选举`
            : '文件已上传,正在后台导入:本页显示进度',
      onDone: ends.onDone,
    },
  );
  const { form } = dialog;
  const chosen = Form.useWatch('orgIds', form) ?? [];
  const known = new Set(orgs.organizations.map((o) => o.id));
  const unknown = orgs.loading ? [] : chosen.filter((id) => !known.has(id));
  const importFile = async (file: File) => {
    try {
      const ids = await readOrgIds(file);
      if (ids.length === 0) {
        message.warning('文件中没有读到党组织编号');
        return;
      }
      form.setFieldValue('orgIds', [...new Set([...chosen, ...ids])]);
      message.success(`从 ${file.name} 读入 ${ids.length} 个党组织编号`);
    } catch (error) {
      message.error(
        `无法读取 ${file.name}:${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  return (
    <FormModal
      {...dialog}
      title="新建批量选举"
      okText={source === 'file' ? '上传文件并开始选举' : `开始 ${chosen.length} 个党组织的选举`}
      width={720}
      initialValues={{
        preset: 'nanjing',
        seats: { deputies: 1, members: 4 },
        startsAt: dayjs().tz(ZONE).add(1, 'day').startOf('day').hour(9),
      }}
    >
      <Form.Item label="选举方式" name="preset" required>
        <Select options={BATCH_PRESETS} />
      </Form.Item>
      <Form.Item label="党组织来源">
        <Radio.Group
          optionType="button"
          value={source}
          disabled={dialog.submitting.pending}
          onChange={(event) => {
            setSource(event.target.value);
            dialog.submitting.clearProblem();
          }}
          options={[
            { value: 'orgs', label: '已有党组织' },
            { value: 'file', label: '批量选举文件(党组织及其党员名册,CSV)' },
          ]}
        />
      </Form.Item>
      {source === 'file' ? (
        <BatchFileField
          file={batchFile.file}
          onChoose={batchFile.choose}
          transfer={batchFile.transfer}
          refused={batchFile.refused}
        />
      ) : (
        <>
          <Form.Item
            label="参加的党组织"
            name="orgIds"
            required
            extra={
              <Flex vertical>
                <span>
                  已选 {chosen.length} 个。可从列表选择,或导入一列党组织编号的 CSV / Excel
                  文件(表头“编号”)。
                </span>
                {unknown.length > 0 && (
                  <Typography.Text type="danger">
                    以下编号不在您的党组织中,批量选举将不会开始:{unknown.join('、')}
                  </Typography.Text>
                )}
              </Flex>
            }
          >
            <Select
              mode="multiple"
              allowClear
              placeholder="选择党组织"
              optionFilterProp="label"
              loading={orgs.loading}
              maxTagCount={12}
              options={orgs.organizations.map((o) => ({
                value: o.id,
                label: `${o.name}(${o.id})`,
              }))}
            />
          </Form.Item>
          <Upload
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            beforeUpload={(file) => {
              void importFile(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} style={{ marginBottom: 16 }}>
              从文件导入党组织编号
            </Button>
          </Upload>
        </>
      )}
      <Flex gap="middle" wrap>
        <Form.Item label="书记">
          <InputNumber value={1} disabled />
        </Form.Item>
        <Form.Item label="副书记名额" name={['seats', 'deputies']}>
          <InputNumber min={0} max={10} />
        </Form.Item>
        <Form.Item label="委员名额" name={['seats', 'members']}>
          <InputNumber min={0} max={50} />
        </Form.Item>
        <Form.Item label="开始时间" name="startsAt" required>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Flex>
    </FormModal>
  );
}
