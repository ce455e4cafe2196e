import type { ReactNode } from 'react';
import { Button, Popconfirm, Space } from 'antd';

export interface ActionSpec {
  label: string;
  onClick: () => void | Promise<unknown>;
  danger?: boolean;
  /** Ask before doing it (anything destructive). */
  confirm?: ReactNode;
  icon?: ReactNode;
}

interface Props {
  /** What the server says this user may do with this object. */
  actions: readonly string[];
  specs: Record<string, ActionSpec>;
  /** Order to show them in (defaults to the order of `specs`). */
  order?: string[];
  size?: 'small' | 'middle' | 'large';
  type?: 'link' | 'default';
}

/** Renders only the buttons whose action the server allowed on this object. */
export function ActionButtons({ actions, specs, order, size = 'small', type = 'link' }: Props) {
  const keys = (order ?? Object.keys(specs)).filter((k) => actions.includes(k) && specs[k]);
  if (!keys.length) return <span style={{ color: '#999' }}>—</span>;
  return (
    <Space size={type === 'link' ? 0 : 8} wrap>
      {keys.map((k) => {
        const spec = specs[k];
        const button = (
          <Button key={k} type={type} size={size} danger={spec.danger} icon={spec.icon} onClick={spec.confirm ? undefined : () => void spec.onClick()}>
            {spec.label}
          </Button>
        );
        return spec.confirm ? (
          <Popconfirm key={k} title={spec.confirm} okText="确定" cancelText="取消" onConfirm={() => spec.onClick()}>
            {button}
          </Popconfirm>
        ) : (
          button
        );
      })}
    </Space>
  );
}
