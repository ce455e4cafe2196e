import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Input, Select, Tag, type TableProps } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { volunteerCategoryLabels, volunteerStatusLabels, type Volunteer } from '@gg/shared';
import { useAuth } from '../../app/auth';
import { dash, fmtCount, fmtDate } from '../../app/format';
import { ActionButtons } from '../../components/ActionButtons';
import { DownloadButton } from '../../components/DownloadButton';
import { ExportTaskButton } from '../tasks/ExportTaskButton';
import { ListPage } from '../../components/ListPage';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useListQuery } from '../../components/useListQuery';
import { VolunteerDetailDrawer } from './VolunteerDetail';
import { VolunteerFormDrawer } from './VolunteerForm';
import { VolunteerImportModal } from './VolunteerImportModal';
import { ageBandOptions, categoryOptions, specialtyOptions, starText, statusOptions } from './options';

const filters = ['category', 'specialty', 'orgUnitId', 'ageBand', 'status'] as const;

/** 五老志愿者: the registry, searchable by name, pinyin and initials (zsf finds 张三丰). */
export default function VolunteersPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<Volunteer>({ key: 'volunteers', url: '/api/volunteers', filters, defaultSort: 'name' });
  const [editing, setEditing] = useState<Volunteer | 'new' | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: ['volunteers'] });

  const columns: TableProps<Volunteer>['columns'] = [
    { title: '姓名', dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrderOf('name'), render: (v: string, r) => <Link to={`/volunteers/${r.id}`}>{v}</Link> },
    { title: '类别', dataIndex: 'category', key: 'category', sorter: true, sortOrder: list.sortOrderOf('category'), render: (c: Volunteer['category']) => volunteerCategoryLabels[c] },
    { title: '年龄', dataIndex: 'age', key: 'birthDate', sorter: true, sortOrder: list.sortOrderOf('birthDate'), align: 'right' },
    { title: '乡镇（街道）', dataIndex: 'townshipName', render: dash },
    { title: '所属组织', dataIndex: 'orgUnitName' },
    { title: '联系电话', dataIndex: 'phone', render: dash },
    { title: '累计时长（小时）', dataIndex: 'totalHours', align: 'right', render: (h: number) => h.toFixed(1) },
    { title: '星级', dataIndex: 'stars', render: (n: number) => <span style={{ color: '#c8102e' }}>{starText(n)}</span> },
    { title: '状态', dataIndex: 'status', render: (s: Volunteer['status']) => <Tag color={s === 'active' ? 'success' : 'default'}>{volunteerStatusLabels[s]}</Tag> },
    { title: '加入日期', dataIndex: 'joinDate', key: 'joinDate', sorter: true, sortOrder: list.sortOrderOf('joinDate'), render: fmtDate },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, r) => <ActionButtons actions={['view', ...r.actions]} specs={{ view: { label: '查看', onClick: () => setViewing(r.id) }, update: { label: '编辑', onClick: () => setEditing(r) } }} />,
    },
  ];

  return (
    <>
      <ListPage<Volunteer>
        list={list}
        fields={[
          { name: 'q', label: '姓名', node: <Input allowClear placeholder="姓名、拼音或首字母，如 zsf" maxLength={50} /> },
          { name: 'category', label: '类别', node: <Select allowClear placeholder="全部" options={categoryOptions} /> },
          { name: 'orgUnitId', label: '所属组织', node: <OrgTreeSelect placeholder="乡镇、村（社区）" /> },
          { name: 'specialty', label: '特长', node: <Select allowClear placeholder="全部" options={specialtyOptions} /> },
          { name: 'ageBand', label: '年龄段', node: <Select allowClear placeholder="全部" options={ageBandOptions} /> },
          { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={statusOptions} /> },
        ]}
        title={`五老志愿者${list.query.data ? `（${fmtCount(list.query.data.total)}）` : ''}`}
        toolbar={
          <>
            {can('volunteer:create') && <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setEditing('new')}>登记志愿者</Button>}
            {can('volunteer:import') && <Button size="large" icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入</Button>}
            {can('volunteer:export') && <DownloadButton size="large" url="/api/volunteers/export" query={{ ...list.filters, sort: list.params.sort as string | undefined }} />}
            {can('volunteer:export') && <ExportTaskButton size="large" url="/api/volunteers/export/task" query={{ ...list.filters, sort: list.params.sort as string | undefined }} />}
          </>
        }
        columns={columns}
        emptyText={can('volunteer:create') ? '暂无志愿者，可点击“登记志愿者”或“导入”已有花名册' : '暂无志愿者'}
      />
      <VolunteerFormDrawer
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={async (v) => {
          setEditing(null);
          await refresh();
          setViewing(v.id);
        }}
      />
      <VolunteerDetailDrawer id={viewing} onClose={() => setViewing(null)} onEdit={(v) => setEditing(v)} />
      <VolunteerImportModal open={importing} onClose={() => setImporting(false)} onDone={refresh} />
    </>
  );
}
