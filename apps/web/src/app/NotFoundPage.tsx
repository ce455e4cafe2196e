import { Button, Result } from 'antd';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在，或该功能尚未开通。"
      extra={
        <Link to="/">
          <Button type="primary">返回工作概览</Button>
        </Link>
      }
    />
  );
}
