import { useState } from 'react';
import { Button, Card, Descriptions, Select, Space, Table, Tag, type TableProps } from 'antd';
import { EditOutlined, PlusOutlined, StopOutlined, SwapOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { orgUnitChildKinds, orgUnitKindLabels, recordStatusLabels, type OrgUnit, type OrgUnitKind, type RecordStatus } from '@gg/shared';
import { api, type Page } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash, fmtCount, fmtDate } from '../../app/format';
import { ErrorResult } from '../../app/ErrorPage';
import { PageLoading } from '../../app/PageLoading';
import { ActionButtons, type ActionSpec } from '../../components/ActionButtons';
import { DownloadButton } from '../../components/DownloadButton';
import { onMutationError } from '../../components/mutation';
import { OrgUnitFormDrawer, type OrgUnitFormTarget } from './OrgUnitFormDrawer';
import { OrgUnitMoveModal } from './OrgUnitMoveModal';

interface Props {
  id: string;
  onSelect: (id: string) => void;
  onChanged: (...parentIds: (string | null | undefined)[]) => Promise<void>;
  onExpand: (id: string) => void;
}

export function StatusTag({ status }: { status: RecordStatus }) {
  return <Tag color={status === 'active' ? 'success' : 'default'}>{recordStatusLabels[status]}</Tag>;
}

/** The chosen node: its summary with the buttons the server allows, and a table of its children. */
export function OrgUnitDetail({ id, onSelect, onChanged, onExpand }: Props) {
  const { can } = useAuth();
  const [form, setForm] = useState<OrgUnitFormTarget | null>(null);
  const [moving, setMoving] = useState<OrgUnit | null>(null);
  const [page, setPage] = useState({ page: 1, pageSize: 10, sort: undefined as string | undefined });
  const [filters, setFilters] = useState<{ kind?: OrgUnitKind; status?: RecordStatus }>({});

  const detail = useQuery({ queryKey: ['org-units', 'detail', id], queryFn: () => api.get<OrgUnit>(`/api/org-units/${id}`) });
  const listQuery = { parentId: id, ...filters };
  const children = useQuery({
    queryKey: ['org-units', 'children', id, filters, page],
    queryFn: () => api.get<Page<OrgUnit>>('/api/org-units', { ...listQuery, ...page }),
    placeholderData: keepPreviousData,
  });

  const setStatus = async (unit: OrgUnit, status: RecordStatus) => {
    try {
      await api.post<OrgUnit>(`/api/org-units/${unit.id}/status`, { status });
      showSuccess(status === 'disabled' ? `已停用「${unit.name}」` : `已启用「${unit.name}」`);
      await onChanged(unit.parentId);
    } catch (err) {
      onMutationError(err);
    }
  };

  const specsFor = (unit: OrgUnit, inTable: boolean): Record<string, ActionSpec> => ({
    createChild: { label: '新增下级', icon: inTable ? undefined : <PlusOutlined />, onClick: () => setForm({ mode: 'create', parent: unit }) },
    update: { label: '编辑', icon: inTable ? undefined : <EditOutlined />, onClick: () => setForm({ mode: 'edit', unit }) },
    move: { label: '移动', icon: inTable ? undefined : <SwapOutlined />, onClick: () => setMoving(unit) },
    disable: {
      label: '停用',
      danger: true,
      icon: inTable ? undefined : <StopOutlined />,
      confirm: `确定停用「${unit.name}」吗？停用后不能在其下新增组织，数据保留，可再启用。`,
      onClick: () => setStatus(unit, 'disabled'),
    },
    enable: { label: '启用', icon: inTable ? undefined : <CheckCircleOutlined />, onClick: () => setStatus(unit, 'active') },
  });

  if (detail.isLoading) return <PageLoading />;
  if (detail.error || !detail.data) return <Card><ErrorResult error={detail.error} onRetry={() => void detail.refetch()} /></Card>;
  const unit = detail.data;
  const kindOptions = orgUnitChildKinds[unit.kind].map((k) => ({ value: k, label: orgUnitKindLabels[k] }));

  const columns: TableProps<OrgUnit>['columns'] = [
    { title: '组织名称', dataIndex: 'name', key: 'name', sorter: true, render: (v: string, r) => <a onClick={() => { onExpand(id); onSelect(r.id); }}>{v}</a> },
    { title: '类型', dataIndex: 'kind', key: 'kind', sorter: true, render: (k: OrgUnitKind) => orgUnitKindLabels[k] },
    { title: '联系人', dataIndex: 'contactName', render: dash },
    { title: '联系电话', dataIndex: 'contactPhone', render: dash },
    { title: '下级组织', dataIndex: 'childCount', align: 'right', render: fmtCount },
    { title: '状态', dataIndex: 'status', render: (s: RecordStatus) => <StatusTag status={s} /> },
    { title: '创建日期', dataIndex: 'createdAt', key: 'createdAt', sorter: true, render: fmtDate },
    { title: '操作', key: 'actions', fixed: 'right', render: (_, r) => <ActionButtons actions={r.actions} specs={specsFor(r, true)} order={['update', 'move', 'disable', 'enable']} /> },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <span style={{ fontSize: 18 }}>{unit.name}</span>
            <Tag color="red">{orgUnitKindLabels[unit.kind]}</Tag>
            <StatusTag status={unit.status} />
          </Space>
        }
        extra={<ActionButtons actions={unit.actions} specs={specsFor(unit, false)} type="default" size="middle" order={['createChild', 'update', 'move', 'disable', 'enable']} />}
      >
        <Descriptions bordered size="middle" column={{ xs: 1, md: 2 }} styles={{ label: { width: 130 } }}>
          <Descriptions.Item label="组织名称">{unit.name}</Descriptions.Item>
          <Descriptions.Item label="组织类型">{orgUnitKindLabels[unit.kind]}</Descriptions.Item>
          <Descriptions.Item label="所在位置" span={2}>
            {unit.pathNames.join(' / ')}
          </Descriptions.Item>
          <Descriptions.Item label="组织代码">{dash(unit.code)}</Descriptions.Item>
          <Descriptions.Item label="关工委（小组）">{unit.hasCommittee ? '已成立' : '未成立'}</Descriptions.Item>
          <Descriptions.Item label="联系人">{dash(unit.contactName)}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{dash(unit.contactPhone)}</Descriptions.Item>
          <Descriptions.Item label="地址" span={2}>
            {dash(unit.address)}
          </Descriptions.Item>
          <Descriptions.Item label="下级组织">{fmtCount(unit.childCount)} 个</Descriptions.Item>
          <Descriptions.Item label="状态">
            <StatusTag status={unit.status} />
          </Descriptions.Item>
          <Descriptions.Item label="创建日期">{fmtDate(unit.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="更新日期">{fmtDate(unit.updatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card
        title="下级组织"
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder="全部类型"
              aria-label="按类型筛选"
              style={{ width: 150 }}
              options={kindOptions}
              value={filters.kind}
              onChange={(kind) => {
                setFilters((f) => ({ ...f, kind }));
                setPage((p) => ({ ...p, page: 1 }));
              }}
            />
            <Select
              allowClear
              placeholder="全部状态"
              aria-label="按状态筛选"
              style={{ width: 120 }}
              options={[
                { value: 'active', label: '启用' },
                { value: 'disabled', label: '停用' },
              ]}
              value={filters.status}
              onChange={(status) => {
                setFilters((f) => ({ ...f, status }));
                setPage((p) => ({ ...p, page: 1 }));
              }}
            />
            {unit.actions.includes('createChild') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create', parent: unit })}>
                新建
              </Button>
            )}
            {can('orgUnit:export') && <DownloadButton url="/api/org-units/export" query={listQuery} />}
          </Space>
        }
      >
        {children.error ? (
          <ErrorResult error={children.error} onRetry={() => void children.refetch()} />
        ) : (
          <Table<OrgUnit>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={children.data?.items ?? []}
            loading={children.isFetching}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: unit.actions.includes('createChild') ? '暂无下级组织，可点击“新建”添加' : '暂无下级组织' }}
            pagination={{ current: page.page, pageSize: page.pageSize, total: children.data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${fmtCount(t)} 条` }}
            onChange={(p, _f, sorter) => {
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              const sort = s?.order && s.columnKey ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : undefined;
              setPage({ page: sort !== page.sort ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? 10, sort });
            }}
          />
        )}
      </Card>

      <OrgUnitFormDrawer
        target={form}
        onClose={() => setForm(null)}
        onSaved={async (saved) => {
          const target = form;
          setForm(null);
          if (target?.mode === 'create') {
            onExpand(target.parent.id);
            await onChanged(target.parent.id);
          } else await onChanged(saved.parentId);
        }}
      />
      <OrgUnitMoveModal
        unit={moving}
        onClose={() => setMoving(null)}
        onMoved={async (moved, oldParent) => {
          setMoving(null);
          await onChanged(oldParent, moved.parentId);
        }}
      />
    </Space>
  );
}
