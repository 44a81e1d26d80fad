import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Modal,
  Popconfirm,
  Segmented,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import {
  type Cell,
  ROLL_COLUMNS,
  type RollSheet,
  type RowReport,
  readRollSheet,
} from '../../../../shared/rules/roll-sheet.ts';
import { type ErrorDetail, upload } from '../../api/client.ts';
import { refusalDetails } from '../../api/form-errors.ts';
import type { AnswerOf } from '../../api/routes.ts';

export type RollImported = AnswerOf<'PUT /v1/organizations/{orgId}/roll'>;

/** A sheet read in the browser: the rules' report and the cells as the organizer typed them. */
interface Preview {
  fileName: string;
  file: File;
  contentType: string;
  sheet: RollSheet;
  /** The recognized columns as written, where they are in the sheet. */
  columns: { index: number; header: string }[];
  cells: readonly (readonly Cell[])[];
}

/** A cell as the parser reads it (NFKC, trimmed; a date cell by its day). */
const shown = (cell: Cell): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).normalize('NFKC').trim();
};

/** Read and checked here, with the API's own code: exceljs loads only when a file is chosen. */
const readPreview = async (file: File): Promise<Preview> => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { isXlsx, readSheet, XLSX_TYPE } = await import('../../../../shared/sheets/read.ts');
  const cells = await readSheet(bytes);
  const sheet = readRollSheet(cells);
  const header = cells.find((row) => row.some((cell) => shown(cell) !== '')) ?? [];
  const ignored = new Set(sheet.ignoredColumns);
  const columns = header.flatMap((cell, index) => {
    const written = shown(cell);
    return written && !ignored.has(written) ? [{ index, header: written }] : [];
  });
  return {
    fileName: file.name,
    file,
    contentType: isXlsx(bytes) ? XLSX_TYPE : 'text/csv',
    sheet,
    columns,
    cells,
  };
};

/** The rows' problems as one line each: 第 3 行 · 出生日期:不是有效日期… */
function ProblemList(props: { problems: { row?: number; column?: string; message?: string }[] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 200, overflow: 'auto' }}>
      {props.problems.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a report's lines have no id of their own
        <li key={i}>
          {p.row !== undefined && `第 ${p.row} 行 · `}
          {p.column ? `“${p.column}”:` : ''}
          {p.message}
        </li>
      ))}
    </ul>
  );
}

const NOT_STORED = ROLL_COLUMNS.filter((c) => !c.stored).map((c) => c.header);

/**
 * Importing the roll: the file is read and checked IN THE BROWSER with the same code the API
 * runs (shared/rules/roll-sheet.ts), every problem shown at its row and column; only then is the
 * file itself sent (the API reads it again). Bad rows are left out only by an explicit choice.
 */
export function RollImport(props: {
  orgId: string;
  open: boolean;
  currentCount: number;
  onClose: () => void;
  onImported: (answer: RollImported) => void;
  onTemplate: () => void;
}) {
  const { modal } = App.useApp();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; details: ErrorDetail[] } | null>(null);
  const [sending, setSending] = useState(false);
  const [only, setOnly] = useState<'all' | 'bad'>('all');

  const choose = async (file: File) => {
    setReading(true);
    setReadError(null);
    setRefusal(null);
    try {
      const read = await readPreview(file);
      setPreview(read);
      setOnly(read.sheet.rows.some((r) => !r.ok) ? 'bad' : 'all');
    } catch (error) {
      setPreview(null);
      setReadError(
        `无法读取文件 ${file.name}:${error instanceof Error ? error.message : String(error)}(请选择 .xlsx 或 CSV 文件)`,
      );
    } finally {
      setReading(false);
    }
  };

  const close = () => {
    setPreview(null);
    setReadError(null);
    setRefusal(null);
    props.onClose();
  };

  const send = async (dropInvalid: boolean) => {
    if (!preview) return;
    setSending(true);
    setRefusal(null);
    try {
      const answer = await upload(
        'PUT /v1/organizations/{orgId}/roll',
        { params: { orgId: props.orgId }, query: { dropInvalid } },
        preview.file,
        preview.contentType,
      );
      setPreview(null);
      props.onImported(answer);
    } catch (error) {
      setRefusal(refusalDetails(error));
    } finally {
      setSending(false);
    }
  };

  const rows = preview?.sheet.rows ?? [];
  const bad = rows.filter((r) => !r.ok);
  const valid = rows.length - bad.length;
  const sheetBroken = (preview?.sheet.problems.length ?? 0) > 0;

  const confirmDrop = () =>
    modal.confirm({
      title: `仅导入有效的 ${valid} 行?`,
      content: (
        <>
          <p>
            以下 {bad.length} 行有问题,不会导入:
            {bad.map((r) => `第 ${r.row} 行`).join('、')}。
          </p>
          <p>导入后,当前名册({props.currentCount} 人)将被整体替换。</p>
        </>
      ),
      okText: `仅导入 ${valid} 行`,
      cancelText: '返回修改',
      onOk: () => send(true),
    });

  const columns: ColumnsType<RowReport> = [
    { title: '行', key: 'row', dataIndex: 'row', fixed: 'left', width: 56 },
    {
      title: '检查',
      key: 'ok',
      width: 80,
      render: (_, r) => (r.ok ? <Tag color="success">有效</Tag> : <Tag color="error">有问题</Tag>),
    },
    {
      title: '问题',
      key: 'problems',
      width: 320,
      render: (_, r) =>
        r.problems.length === 0 ? (
          ''
        ) : (
          <Typography.Text type="danger">
            {r.problems.map((p) => `“${p.column}”:${p.message}`).join(';')}
          </Typography.Text>
        ),
    },
    ...(preview?.columns ?? []).map((column): ColumnsType<RowReport>[number] => ({
      title: column.header,
      key: `c${column.index}`,
      render: (_, r) => {
        const value = shown(preview?.cells[r.row - 1]?.[column.index]);
        const problems = r.problems.filter((p) => p.column === column.header);
        if (problems.length === 0) return value;
        return (
          <Tooltip title={problems.map((p) => p.message).join(';')}>
            <Typography.Text type="danger" strong>
              {value || '(空)'}
            </Typography.Text>
          </Tooltip>
        );
      },
      onCell: (r) =>
        r.problems.some((p) => p.column === column.header)
          ? { style: { background: '#fff1f0' } }
          : {},
    })),
  ];

  const footer = preview
    ? [
        <Button key="cancel" onClick={close}>
          取消
        </Button>,
        bad.length > 0 && valid > 0 && !sheetBroken && (
          <Button key="drop" danger loading={sending} onClick={confirmDrop}>
            仅导入有效的 {valid} 行
          </Button>
        ),
        <Popconfirm
          key="import"
          title="导入名册"
          description={`用这 ${valid} 名党员整体替换当前名册(${props.currentCount} 人)?进行中的选举仍使用其开始时的名册。`}
          okText="导入"
          cancelText="取消"
          disabled={bad.length > 0 || sheetBroken || valid === 0}
          onConfirm={() => send(false)}
        >
          <Tooltip
            title={
              bad.length > 0 ? `有 ${bad.length} 行有问题:请修改表格后重新选择,或仅导入有效行` : ''
            }
          >
            <Button
              type="primary"
              loading={sending}
              disabled={bad.length > 0 || sheetBroken || valid === 0}
            >
              导入
            </Button>
          </Tooltip>
        </Popconfirm>,
      ]
    : [
        <Button key="cancel" onClick={close}>
          取消
        </Button>,
      ];

  return (
    <Modal
      title="导入党员名册"
      open={props.open}
      onCancel={close}
      footer={footer}
      width="min(1100px, 96vw)"
      destroyOnHidden
    >
      {readError && <Alert type="error" showIcon title={readError} style={{ marginBottom: 16 }} />}
      {refusal && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`服务器未导入:${refusal.message}`}
          description={
            refusal.details.length > 0 && (
              <ProblemList
                problems={refusal.details.map((d) => ({
                  row: typeof d.row === 'number' ? d.row : undefined,
                  column: typeof d.column === 'string' ? d.column : undefined,
                  message: d.message,
                }))}
              />
            )
          }
        />
      )}
      {!preview ? (
        <>
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            showUploadList={false}
            disabled={reading}
            beforeUpload={(file) => {
              void choose(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">
              {reading ? '正在读取和检查……' : '点击选择或拖拽 Excel(.xlsx)或 CSV 文件到此处'}
            </p>
            <p className="ant-upload-hint">
              第一行为列名,按列名识别(顺序不限);文件先在本机检查,确认后才上传。
            </p>
          </Upload.Dragger>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            必填列:
            {ROLL_COLUMNS.filter((c) => c.required)
              .map((c) => c.header)
              .join('、')}
            。没有现成表格?
            <Button type="link" style={{ padding: 0 }} onClick={props.onTemplate}>
              下载名册模板
            </Button>
          </Typography.Paragraph>
        </>
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text strong>{preview.fileName}</Typography.Text>
            <Button size="small" onClick={() => setPreview(null)}>
              重新选择文件
            </Button>
          </Space>
          {sheetBroken ? (
            <Alert
              type="error"
              showIcon
              title="表格无法导入,请修改后重新选择文件"
              description={<ProblemList problems={preview.sheet.problems} />}
            />
          ) : (
            <Alert
              type={bad.length > 0 ? 'warning' : 'success'}
              showIcon
              title={
                bad.length > 0
                  ? `共 ${rows.length} 行:有效 ${valid} 行,有问题 ${bad.length} 行。请修改表格后重新选择文件,或仅导入有效的行。`
                  : `共 ${rows.length} 行,全部有效,可以导入。`
              }
            />
          )}
          <div style={{ lineHeight: 2 }}>
            <Typography.Text type="secondary">识别的列:</Typography.Text>
            {preview.columns.map((c) => (
              <Tag key={c.index} color="blue">
                {c.header}
              </Tag>
            ))}
            {preview.sheet.ignoredColumns.length > 0 && (
              <div>
                <Typography.Text type="secondary">忽略的列(不导入):</Typography.Text>
                {preview.sheet.ignoredColumns.map((h) => (
                  <Tag key={h}>{h}</Tag>
                ))}
              </div>
            )}
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {NOT_STORED.join('、')} 只检查格式,不存入名册。
            </Typography.Paragraph>
          </div>
          {rows.length > 0 && (
            <>
              <Segmented
                value={only}
                onChange={(value) => setOnly(value as 'all' | 'bad')}
                options={[
                  { value: 'bad', label: `有问题的行(${bad.length})` },
                  { value: 'all', label: `全部(${rows.length})` },
                ]}
              />
              <Table<RowReport>
                rowKey="row"
                size="small"
                columns={columns}
                dataSource={only === 'bad' ? bad : rows}
                pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: '没有有问题的行' }}
              />
            </>
          )}
        </Space>
      )}
    </Modal>
  );
}
