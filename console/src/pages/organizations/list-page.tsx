import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { NewOrganizationForm } from './new-organization-form.tsx';

/** The organizations the organizer may act on, and a new one. */
export default function OrganizationsPage() {
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title="党组织与名册"
      extra={
        <Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建党组织
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">党组织列表(待接入列表接口)。</Typography.Paragraph>
      <NewOrganizationForm
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          navigate(`/organizations/${encodeURIComponent(id)}`);
        }}
      />
    </Card>
  );
}
