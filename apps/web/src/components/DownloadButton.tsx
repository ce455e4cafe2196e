import { useState, type ReactNode } from 'react';
import { Button, type ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { download, type QueryParams } from '../app/api';
import { onMutationError } from './mutation';
import { showSuccess } from '../app/feedback';

interface Props extends Omit<ButtonProps, 'onClick' | 'href'> {
  url: string;
  query?: QueryParams;
  fileName?: string;
  children?: ReactNode;
}

/** fetch → blob → save, with a loading state; errors show the server's message. */
export function DownloadButton({ url, query, fileName, children = '导出', icon = <DownloadOutlined />, ...rest }: Props) {
  const [loading, setLoading] = useState(false);
  return (
    <Button
      {...rest}
      icon={icon}
      loading={loading}
      onClick={async () => {
        setLoading(true);
        try {
          await download(url, query, fileName);
          showSuccess('文件已开始下载');
        } catch (err) {
          onMutationError(err);
        } finally {
          setLoading(false);
        }
      }}
    >
      {children}
    </Button>
  );
}
