import {
  AuditOutlined,
  ClusterOutlined,
  LogoutOutlined,
  MenuOutlined,
  ProfileOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { currentClaims, signOut } from './auth/session.ts';

const ROLE_NAMES: Record<string, string> = {
  organizer: '组织者',
  teller: '计票人',
  scrutineer: '监票人',
  approver: '审批人',
  member: '党员',
};

const MENU = [
  { key: '/elections', icon: <AuditOutlined />, label: '选举' },
  { key: '/organizations', icon: <TeamOutlined />, label: '党组织与名册' },
  { key: '/approvals', icon: <ProfileOutlined />, label: '上级审批' },
  { key: '/batches', icon: <ClusterOutlined />, label: '批量选举' },
];

/** The frame of every screen: the menu (folding on a tablet), who is signed in, and the page. */
export function ConsoleLayout() {
  const navigate = useNavigate();
  const location = useLocation();
  const claims = currentClaims();
  const [narrow, setNarrow] = useState(false);
  const [folded, setFolded] = useState(false);
  const selected = MENU.find((item) => location.pathname.startsWith(item.key))?.key;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* Below 992 px (a tablet upright) the menu folds away behind the header's button. */}
      <Layout.Sider
        breakpoint="lg"
        collapsed={folded}
        collapsedWidth={0}
        trigger={null}
        onBreakpoint={(narrow) => {
          setNarrow(narrow);
          setFolded(narrow);
        }}
        theme="light"
        width={200}
        style={{ flex: '0 0 auto' }}
      >
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 16, color: '#c8102e' }}>
          公推直选
        </div>
        <Menu
          mode="inline"
          items={MENU}
          selectedKeys={selected ? [selected] : []}
          onClick={({ key }) => {
            navigate(key);
            if (narrow) setFolded(true);
          }}
        />
      </Layout.Sider>
      {/* minWidth 0: a wide table scrolls inside the page instead of squeezing the menu. */}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: '#fff',
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            paddingInline: 24,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {narrow ? (
            <Button
              type="text"
              aria-label={folded ? '打开菜单' : '收起菜单'}
              icon={<MenuOutlined />}
              onClick={() => setFolded(!folded)}
            />
          ) : (
            <span />
          )}
          <Space wrap>
            <Typography.Text>{claims?.name ?? claims?.sub}</Typography.Text>
            {claims?.roles.map((role) => (
              <Tag key={role}>{ROLE_NAMES[role] ?? role}</Tag>
            ))}
            <Button
              icon={<LogoutOutlined />}
              onClick={async () => {
                await signOut();
                navigate('/sign-in');
              }}
            >
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
