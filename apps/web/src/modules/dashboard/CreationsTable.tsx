import type { ReactNode } from 'react';
import { Table } from 'antd';
import type { DashboardOverview } from '@gg/shared';
import { fmtCount } from '../../app/format';

type Row = NonNullable<DashboardOverview['creations']>['byTownship'][number];

/** 创建活动 by township: antd's Table is a large chunk, loaded after the figures like the charts. */
export default function CreationsTable({ rows, link }: { rows: Row[]; link: (r: Row, name: string) => ReactNode }) {
  return (
    <Table
      rowKey="townshipId"
      size="middle"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: '乡镇（街道）', dataIndex: 'townshipName', render: (v: string, r) => link(r, v) },
        { title: '已命名', dataIndex: 'named', align: 'right', render: fmtCount },
        { title: '申报验收中', dataIndex: 'applied', align: 'right', render: fmtCount },
        { title: '已撤销', dataIndex: 'revoked', align: 'right', render: fmtCount },
        { title: '合计', dataIndex: 'total', align: 'right', render: fmtCount },
      ]}
    />
  );
}
