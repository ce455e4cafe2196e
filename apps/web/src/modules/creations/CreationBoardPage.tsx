import { Card, Empty, Select, Skeleton, Space, Statistic, Table, Tag } from 'antd';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { creationStatuses, creationStatusLabels, type CreationBoard, type CreationStatus } from '@gg/shared';
import { api } from '../../app/api';
import { fmtCount } from '../../app/format';
import { creationStatusColors, useCreationTypes } from './common';

/** 创建看板: how each township stands — applied, checked, named, expired, revoked — for one type or all. */
export default function CreationBoardPage() {
  const [sp, setSp] = useSearchParams();
  const typeId = sp.get('typeId') ?? undefined;
  const types = useCreationTypes();
  const q = useQuery({ queryKey: ['creations', 'board', typeId], queryFn: () => api.get<CreationBoard>('/api/creations/board', { typeId }) });
  const b = q.data;
  const rows = b?.rows ?? [];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space>
          <span>创建类型</span>
          <Select
            allowClear
            placeholder="全部类型"
            style={{ width: 260 }}
            options={types.options}
            value={typeId}
            onChange={(v) => setSp(v ? { typeId: v } : {})}
            aria-label="创建类型"
          />
        </Space>
      </Card>
      {!b ? (
        <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>
      ) : (
        <>
          <Card>
            <Space size={40} wrap>
              {creationStatuses.map((s) => (
                <Statistic key={s} title={<Tag color={creationStatusColors[s]}>{creationStatusLabels[s]}</Tag>} value={fmtCount(b.totals[s] ?? 0)} />
              ))}
            </Space>
          </Card>
          <Card title="按乡镇（街道）">
            {rows.length ? (
              <Table
                rowKey="townshipId"
                pagination={false}
                dataSource={rows}
                scroll={{ x: 'max-content' }}
                summary={() => (
                  <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
                    <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                    {creationStatuses.map((s, i) => (
                      <Table.Summary.Cell key={s} index={i + 1} align="right">
                        {fmtCount(b.totals[s] ?? 0)}
                      </Table.Summary.Cell>
                    ))}
                  </Table.Summary.Row>
                )}
                columns={[
                  { title: '乡镇（街道）', dataIndex: 'townshipName' },
                  ...creationStatuses.map((s: CreationStatus) => ({
                    title: creationStatusLabels[s],
                    key: s,
                    align: 'right' as const,
                    render: (_: unknown, r: CreationBoard['rows'][number]) => {
                      const n = r.counts[s] ?? 0;
                      return n ? <span style={{ fontWeight: s === 'named' ? 600 : 400, color: s === 'revoked' ? '#cf1322' : undefined }}>{fmtCount(n)}</span> : <span style={{ color: '#bfbfbf' }}>0</span>;
                    },
                  })),
                ]}
              />
            ) : (
              <Empty description="还没有创建申报。各单位申报后，这里按乡镇显示创建进度" />
            )}
          </Card>
        </>
      )}
    </Space>
  );
}
