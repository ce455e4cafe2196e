import { useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Select, Skeleton, Space, Table, Tabs, Tag, Timeline, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { creationCheckKindLabels, creationStatusLabels, type Creation, type CreationDetail, type CreationStatus } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { dash, fmtCount, fmtDate, fmtDateTime } from '../../app/format';
import { ActionButtons, type ActionSpec } from '../../components/ActionButtons';
import { ListPage } from '../../components/ListPage';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useListQuery } from '../../components/useListQuery';
import { FileLinks, optionsOf } from '../activities/common';
import { creationStatusColors, useCreationTypes } from './common';
import { ApplyDrawer, CreationStepModal, type CreationStep } from './creationDialogs';

const statusOptions = optionsOf(creationStatusLabels);
const order = ['check', 'name', 'review', 'revoke'];
const eventLabels: Record<string, string> = { apply: '申报', check: '联合验收', name: '命名', review: '年度复查', revoke: '撤销命名' };

export function CreationStatusTag({ status }: { status: CreationStatus }) {
  return <Tag color={creationStatusColors[status]}>{creationStatusLabels[status]}</Tag>;
}

/** 创建申报与命名: applications, joint checks, naming, yearly reviews and revocations. */
export default function CreationsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const types = useCreationTypes();
  const list = useListQuery<Creation>({ key: 'creations', url: '/api/creations', filters: ['typeId', 'status', 'orgUnitId'], defaultSort: '-appliedAt' });
  const [applying, setApplying] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ c: Creation; step: CreationStep } | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['creations'] });

  const specs = (c: Creation): Record<string, ActionSpec> => ({
    check: { label: '联合验收', onClick: () => setDialog({ c, step: 'check' }) },
    name: { label: '命名', onClick: () => setDialog({ c, step: 'name' }) },
    review: { label: '年度复查', onClick: () => setDialog({ c, step: 'review' }) },
    revoke: { label: '撤销', danger: true, onClick: () => setDialog({ c, step: 'revoke' }) },
  });

  const columns: TableProps<Creation>['columns'] = [
    { title: '申报单位', dataIndex: 'orgUnitName', render: (v: string, c) => <a onClick={() => setViewing(c.id)}>{v}</a> },
    { title: '创建类型', dataIndex: 'typeName' },
    { title: '状态', dataIndex: 'status', key: 'status', sorter: true, sortOrder: list.sortOrderOf('status'), render: (s: CreationStatus) => <CreationStatusTag status={s} /> },
    { title: '申报日期', dataIndex: 'appliedAt', key: 'appliedAt', sorter: true, sortOrder: list.sortOrderOf('appliedAt'), render: fmtDate },
    { title: '命名称号', dataIndex: 'namedTitle', render: dash },
    { title: '命名有效期', key: 'namedUntil', sorter: true, sortOrder: list.sortOrderOf('namedUntil'), render: (_, c) => (c.namedFrom ? `${fmtDate(c.namedFrom)} 至 ${fmtDate(c.namedUntil)}` : '—') },
    { title: '撤销原因', dataIndex: 'revokeReason', render: dash },
    { title: '操作', key: 'actions', fixed: 'right', render: (_, c) => <ActionButtons actions={['view', ...c.actions]} order={['view', ...order]} specs={{ view: { label: '查看', onClick: () => setViewing(c.id) }, ...specs(c) }} /> },
  ];

  return (
    <>
      <ListPage<Creation>
        list={list}
        fields={[
          { name: 'typeId', label: '创建类型', node: <Select allowClear placeholder="全部" options={types.options} loading={types.loading} /> },
          { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={statusOptions} /> },
          { name: 'orgUnitId', label: '申报单位', node: <OrgTreeSelect placeholder="含下级组织" /> },
        ]}
        title={`创建申报${list.query.data ? `（${fmtCount(list.query.data.total)}）` : ''}`}
        toolbar={
          can('creation:apply') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setApplying(true)}>
              创建申报
            </Button>
          ) : undefined
        }
        columns={columns}
        emptyText={can('creation:apply') ? '暂无创建申报，可点击“创建申报”申报零犯罪学校、零犯罪村（社区）或四零社区' : '暂无创建申报'}
      />
      <ApplyDrawer
        open={applying}
        onClose={() => setApplying(false)}
        onSaved={async (c) => {
          setApplying(false);
          await refresh();
          setViewing(c.id);
        }}
      />
      <CreationDetailDrawer id={viewing} onClose={() => setViewing(null)} actions={(c) => (c.actions.length ? <ActionButtons type="default" size="middle" actions={c.actions} order={order} specs={specs(c)} /> : null)} />
      <CreationStepModal
        creation={dialog?.c ?? null}
        step={dialog?.step ?? null}
        onClose={() => setDialog(null)}
        onDone={async () => {
          setDialog(null);
          await refresh();
        }}
      />
    </>
  );
}

function CreationDetailDrawer({ id, onClose, actions }: { id: string | null; onClose: () => void; actions: (c: Creation) => React.ReactNode }) {
  const q = useQuery({ queryKey: ['creations', 'detail', id], queryFn: () => api.get<CreationDetail>(`/api/creations/${id}`), enabled: Boolean(id) });
  const c = q.data;
  return (
    <Drawer open={Boolean(id)} onClose={onClose} size={880} title={c ? `${c.orgUnitName} · ${c.typeName}` : '创建详情'} extra={c ? actions(c) : undefined}>
      {!c ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions column={2} bordered size="middle" styles={{ label: { width: 110 } }}>
            <Descriptions.Item label="状态"><CreationStatusTag status={c.status} /></Descriptions.Item>
            <Descriptions.Item label="申报日期">{fmtDate(c.appliedAt)}</Descriptions.Item>
            <Descriptions.Item label="命名称号">{dash(c.namedTitle)}</Descriptions.Item>
            <Descriptions.Item label="有效期">{c.namedFrom ? `${fmtDate(c.namedFrom)} 至 ${fmtDate(c.namedUntil)}` : '—'}</Descriptions.Item>
            {c.revokedAt && <Descriptions.Item label="撤销日期">{fmtDate(c.revokedAt)}</Descriptions.Item>}
            {c.revokeReason && <Descriptions.Item label="撤销原因">{c.revokeReason}</Descriptions.Item>}
            <Descriptions.Item label="申报说明" span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{dash(c.applicationNote)}</div></Descriptions.Item>
          </Descriptions>
          <Tabs
            items={[
              {
                key: 'history',
                label: '创建全过程',
                children: (
                  <Timeline
                    style={{ paddingTop: 8 }}
                    items={c.history.map((h) => ({
                      color: h.toStatus === 'revoked' || h.toStatus === 'rejected' ? 'red' : h.toStatus === 'named' ? 'green' : 'blue',
                      content: (
                        <div>
                          <b>{eventLabels[h.event] ?? h.event}</b> → {creationStatusLabels[h.toStatus as CreationStatus] ?? h.toStatus}
                          <div style={{ color: '#8c8c8c' }}>
                            {fmtDateTime(h.at)} · {dash(h.byName)}
                          </div>
                          {h.note && <div>{h.note}</div>}
                        </div>
                      ),
                    }))}
                  />
                ),
              },
              {
                key: 'checks',
                label: `验收与复查（${c.checks.length}）`,
                children: c.checks.length ? (
                  <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                    {c.checks.map((k) => (
                      <div key={k.id}>
                        <div style={{ marginBottom: 8 }}>
                          <b>{creationCheckKindLabels[k.kind]}{k.reviewYear ? `（${k.reviewYear}年度）` : ''}</b> · {fmtDate(k.checkDate)} · {k.inspectors} ·{' '}
                          <Tag color={k.passed ? 'success' : 'error'}>{k.passed ? '合格' : '不合格'}</Tag>
                          {k.totalPoints > 0 && <span>得分 {k.totalPoints}</span>}
                        </div>
                        <Table
                          size="small"
                          rowKey="criterionId"
                          pagination={false}
                          dataSource={k.items}
                          columns={[
                            { title: '创建标准', dataIndex: 'title' },
                            { title: '结果', dataIndex: 'passed', width: 90, render: (p: boolean) => <Tag color={p ? 'success' : 'error'}>{p ? '达标' : '不达标'}</Tag> },
                            { title: '得分', dataIndex: 'points', width: 70, align: 'right' },
                            { title: '说明', dataIndex: 'note', render: dash },
                          ]}
                        />
                        {k.note && <div style={{ marginTop: 6, color: '#595959' }}>意见：{k.note}</div>}
                      </div>
                    ))}
                  </Space>
                ) : (
                  <Empty description="尚未验收。县关工委会同有关部门联合验收后，逐项结果记在这里" />
                ),
              },
              { key: 'evidence', label: `佐证材料（${c.evidenceUploadIds.length}）`, children: <FileLinks ids={c.evidenceUploadIds} /> },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}
