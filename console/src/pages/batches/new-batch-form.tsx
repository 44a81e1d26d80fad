import { UploadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, InputNumber, Select, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { NewBatch } from '../../../../shared/election/batches/schemas.ts';
import { call } from '../../api/client.ts';
import type { DialogEnds } from '../../components/dialog-ends.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { useDialogForm } from '../../components/use-dialog-form.ts';
import { useOrganizations } from '../../components/use-organizations.ts';
import { dayjs, fromPicker, ZONE } from '../../format.ts';
import { readOrgIds } from './org-id-file.ts';
import { BATCH_PRESETS } from './words.ts';

interface Values {
  preset: string;
  orgIds?: string[];
  seats: { deputies?: number; members?: number };
  startsAt?: Dayjs;
}

/**
 * A batch (批量选举, 第一篇: 363 communities at once): one plan — preset, seats, start — for
 * many organizations, picked from the list or read from a CSV/Excel file of their ids. An
 * unknown organization stops the whole batch (the API's 404): nothing is started.
 */
export function NewBatchForm(
  props: {
    open: boolean;
  } & DialogEnds<[id: string]>,
) {
  const { message } = App.useApp();
  const orgs = useOrganizations();
  const dialog = useDialogForm(props, {
    schema: NewBatch,
    toBody: (values: Values) => ({
      preset: values.preset,
      orgIds: values.orgIds ?? [],
      seats: {
        secretary: 1,
        deputies: values.seats?.deputies ?? 0,
        members: values.seats?.members ?? 0,
      },
      startsAt: values.startsAt ? fromPicker(values.startsAt) : '',
    }),
    send: (body) => call('POST /v1/batches', { body }),
    success: (created) => `已开始 ${created.electionIds.length} 个党组织的选举`,
    onDone: (created) => props.onDone(created.id),
  });
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
      okText={`开始 ${chosen.length} 个党组织的选举`}
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
          options={orgs.organizations.map((o) => ({ value: o.id, label: `${o.name}(${o.id})` }))}
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
