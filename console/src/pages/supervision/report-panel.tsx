import { PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  InputNumber,
  Space,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { currentToken } from '../../auth/session.ts';
import { useLoad } from '../../components/use-load.ts';
import { dayjs, when, ZONE } from '../../format.ts';
import { GoalsTable } from './goal-columns.tsx';

const thisYear = () => dayjs().tz(ZONE).year();

/**
 * Opens the report's print-friendly page (shared/pages/report.ts). It needs the organizer's
 * token, which a plain link cannot carry: the page is fetched with it and shown from a blob.
 */
const openPrintable = async (orgId: string, year: number) => {
  const shown = window.open('', '_blank');
  const token = currentToken();
  const response = await fetch(
    `/v1/organizations/${encodeURIComponent(orgId)}/report?year=${year}`,
    { headers: { accept: 'text/html', ...(token ? { authorization: `Bearer ${token}` } : {}) } },
  );
  if (!response.ok) {
    shown?.close();
    throw new Error(`无法打开打印版(HTTP ${response.status})`);
  }
  const url = URL.createObjectURL(new Blob([await response.text()], { type: 'text/html' }));
  if (shown) shown.location.href = url;
  else window.location.assign(url);
};

/** The annual work report of the organization (第二篇): goals and progress, events, open items. */
export function ReportPanel(props: { orgId: string }) {
  const { message } = App.useApp();
  const [year, setYear] = useState(thisYear);
  const report = useLoad(
    () =>
      call('GET /v1/organizations/{orgId}/report', {
        params: { orgId: props.orgId },
        query: { year },
      }),
    `${props.orgId}:${year}`,
  );
  const data = report.data;
  return (
    <Card
      title="年度工作报告"
      extra={
        <Space wrap>
          <span>年度</span>
          <InputNumber
            aria-label="年度"
            min={2000}
            max={2200}
            value={year}
            onChange={(v) => typeof v === 'number' && setYear(v)}
          />
          <Button
            icon={<PrinterOutlined />}
            onClick={() =>
              openPrintable(props.orgId, year).catch((e: unknown) =>
                message.error(e instanceof Error ? e.message : String(e)),
              )
            }
          >
            打印版
          </Button>
        </Space>
      }
      loading={report.loading && !data}
    >
      {report.error && <Alert type="error" showIcon title={report.error} />}
      {data && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="党组织">{data.organization}</Descriptions.Item>
            <Descriptions.Item label="上级党组织">{data.superior}</Descriptions.Item>
            <Descriptions.Item label="生成时间">{when(data.generatedAt)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>任期目标完成情况</Typography.Title>
          <GoalsTable
            goals={data.goals}
            empty={<Empty description={`${year} 年没有已批准的任期目标`} />}
            more={[
              {
                title: '本年进展',
                key: 'figures',
                width: 150,
                render: (_, goal) =>
                  `${goal.figures.entries} 条${goal.figures.total === undefined ? '' : `,合计 ${goal.figures.total}`}`,
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            大事记
          </Typography.Title>
          {data.events.length === 0 ? (
            <Typography.Text type="secondary">本年度暂无记录</Typography.Text>
          ) : (
            <Timeline
              items={data.events.map((e) => ({
                key: `${e.at}:${e.kind}`,
                content: `${when(e.at)} ${e.text}`,
              }))}
            />
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            存在的问题和下一步工作
          </Typography.Title>
          {data.openItems.length === 0 ? (
            <Typography.Text type="secondary">无待办事项</Typography.Text>
          ) : (
            <ul>
              {data.openItems.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </Card>
  );
}
