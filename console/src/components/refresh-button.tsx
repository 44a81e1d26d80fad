import { ReloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';

/** 刷新: reads what the page shows again (others may have changed it), busy while it does. */
export function RefreshButton(props: { load: { loading: boolean; reload: () => unknown } }) {
  return (
    <Button
      icon={<ReloadOutlined />}
      loading={props.load.loading}
      onClick={() => props.load.reload()}
    >
      刷新
    </Button>
  );
}
