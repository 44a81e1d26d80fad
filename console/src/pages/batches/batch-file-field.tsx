import {
  DeleteOutlined,
  DownloadOutlined,
  FileTextOutlined,
  InboxOutlined,
} from '@ant-design/icons';
import { Alert, Button, Flex, Form, Progress, Spin, Typography, Upload } from 'antd';
import { saveFile } from '../../components/save-file.ts';
import { fileSize } from '../../format.ts';
import { batchFileTemplate, REQUIRED_HEADERS, TEMPLATE_NAME } from './batch-file-template.ts';
import { FileProblems } from './file-problems.tsx';
import type { Refused, Transfer } from './use-batch-file.ts';

const saveTemplate = () =>
  saveFile(new Blob([batchFileTemplate()], { type: 'text/csv;charset=utf-8' }), TEMPLATE_NAME);

/**
 * The batch file in the new-batch dialog: choosing one .csv (its name and size shown), its
 * template and rules, the upload's progress, and the problems of a file refused.
 */
export function BatchFileField(props: {
  file: File | null;
  onChoose: (file: File | null) => void;
  transfer: Transfer | null;
  refused: Refused | null;
}) {
  const { file, transfer, refused } = props;
  const busy = transfer !== null;
  return (
    <Form.Item
      label="批量选举文件(党组织及其党员名册)"
      required
      extra={
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          每行一名党员:先是党组织的列(组织编号、组织名称、组织类别、上级党组织、上级邮箱,可只填该组织的第一行),再是党员名册的列;同一党组织的行须排在一起。必填列:
          {REQUIRED_HEADERS.join('、')}。在 Excel 中编辑后请“另存为 → CSV UTF-8(逗号分隔)”。
          <Button
            type="link"
            size="small"
            icon={<DownloadOutlined />}
            onClick={saveTemplate}
            style={{ paddingInline: 4 }}
          >
            下载模板
          </Button>
        </Typography.Paragraph>
      }
    >
      {file ? (
        <Flex
          align="center"
          gap="small"
          wrap
          style={{ border: '1px solid #d9d9d9', borderRadius: 4, padding: '8px 12px' }}
        >
          <FileTextOutlined />
          <Typography.Text strong ellipsis style={{ maxWidth: 360 }} title={file.name}>
            {file.name}
          </Typography.Text>
          <Typography.Text type="secondary">{fileSize(file.size)}</Typography.Text>
          <Flex gap="small" style={{ marginInlineStart: 'auto' }}>
            <Upload
              accept=".csv,text/csv"
              showUploadList={false}
              disabled={busy}
              beforeUpload={(chosen) => {
                props.onChoose(chosen);
                return false;
              }}
            >
              <Button size="small" disabled={busy}>
                重新选择
              </Button>
            </Upload>
            <Button
              size="small"
              icon={<DeleteOutlined />}
              disabled={busy}
              aria-label="移除文件"
              onClick={() => props.onChoose(null)}
            />
          </Flex>
        </Flex>
      ) : (
        <Upload.Dragger
          accept=".csv,text/csv"
          multiple={false}
          showUploadList={false}
          beforeUpload={(chosen) => {
            props.onChoose(chosen);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击选择或拖拽批量选举文件(.csv)到此处</p>
          <p className="ant-upload-hint">CSV UTF-8;提交时上传,服务器检查全部行后才导入</p>
        </Upload.Dragger>
      )}
      {transfer?.phase === 'uploading' && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text>
            正在上传 {fileSize(Math.min(transfer.sent, file?.size ?? transfer.sent))} /{' '}
            {fileSize(file?.size ?? transfer.total)}
          </Typography.Text>
          <Progress
            percent={transfer.total ? Math.floor((transfer.sent / transfer.total) * 100) : 0}
            status="active"
          />
        </div>
      )}
      {transfer?.phase === 'checking' && (
        <Flex align="center" gap="small" style={{ marginTop: 8 }}>
          <Spin size="small" />
          <Typography.Text>
            文件已上传,服务器正在检查全部行并导入……(大文件转入后台继续导入,可在批量选举页面查看进度)
          </Typography.Text>
        </Flex>
      )}
      {refused && (
        <Alert
          type="error"
          style={{ marginTop: 12 }}
          title={`${refused.fileName} 的问题`}
          description={
            <FileProblems
              problems={refused.problems}
              hint="未导入任何数据:请在表格中改正这些行,另存为 CSV UTF-8 后重新选择文件。"
            />
          }
        />
      )}
    </Form.Item>
  );
}
