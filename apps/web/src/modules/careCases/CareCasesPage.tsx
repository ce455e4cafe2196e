import { useState } from 'react';
import { Button, Input, Modal, Select, Space, Tag, type TableProps } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { careCaseCategoryLabels, careCaseStatusLabels, riskLevelLabels, type CareCaseListItem } from '@gg/shared';
import { useAuth } from '../../app/auth';
import { fmtCount, fmtDate, dash } from '../../app/format';
import { DownloadButton } from '../../components/DownloadButton';
import { ExportTaskButton } from '../tasks/ExportTaskButton';
import { ListPage } from '../../components/ListPage';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useListQuery } from '../../components/useListQuery';
import { CaseCreateDrawer } from './CaseCreateDrawer';
import { CaseDetailDrawer } from './CaseDetailDrawer';
import { CaseImportModal } from './CaseImportModal';
import { categoryOptions, riskColors, riskOptions, statusColors, statusOptions } from './options';

const filters = ['category', 'status', 'riskLevel', 'orgUnitId', 'closurePending'] as const;

/** 帮扶对象: the registry of young people in care, filters in the URL; ?case=<id> opens a record. */
export default function CareCasesPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const list = useListQuery<CareCaseListItem>({ key: 'care-cases', url: '/api/care-cases', filters });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [fullExport, setFullExport] = useState(false);
  const [reason, setReason] = useState('');
  const openCase = sp.get('case');
  const setCase = (id: string | null) =>
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      if (id) next.set('case', id);
      else next.delete('case');
      return next;
    });
  const exportQuery = { ...list.filters, sort: list.params.sort as string | undefined };

  const columns: TableProps<CareCaseListItem>['columns'] = [
    { title: '姓名', dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrderOf('name'), render: (v: string, r) => <a onClick={() => setCase(r.id)}>{v}</a> },
    { title: '性别', dataIndex: 'sex', render: (s: string) => (s === 'male' ? '男' : '女') },
    { title: '年龄', dataIndex: 'age', key: 'birthDate', align: 'right', sorter: true, sortOrder: list.sortOrderOf('birthDate') },
    { title: '帮扶类别', dataIndex: 'categories', render: (cs: CareCaseListItem['categories']) => cs.map((k) => <Tag key={k}>{careCaseCategoryLabels[k]}</Tag>) },
    { title: '风险', dataIndex: 'riskLevel', key: 'riskLevel', sorter: true, sortOrder: list.sortOrderOf('riskLevel'), render: (r: CareCaseListItem['riskLevel']) => <Tag color={riskColors[r]}>{riskLevelLabels[r]}</Tag> },
    { title: '状态', dataIndex: 'status', key: 'status', sorter: true, sortOrder: list.sortOrderOf('status'), render: (s: CareCaseListItem['status'], r) => <Space size={4}><Tag color={statusColors[s]}>{careCaseStatusLabels[s]}</Tag>{r.closureRequested && <Tag color="warning">待审批结案</Tag>}</Space> },
    { title: '归口单位', dataIndex: 'orgUnitName' },
    { title: '学校或工作单位', dataIndex: 'schoolOrWork', render: dash },
    { title: '结对', dataIndex: 'mentorCount', align: 'right' },
    { title: '最近走访', dataIndex: 'lastContactOn', render: fmtDate },
    { title: '登记日期', dataIndex: 'intakeDate', key: 'intakeDate', sorter: true, sortOrder: list.sortOrderOf('intakeDate'), render: fmtDate },
    { title: '操作', key: 'actions', fixed: 'right', render: (_, r) => <Button type="link" size="small" onClick={() => setCase(r.id)}>查看</Button> },
  ];

  return (
    <>
      <ListPage<CareCaseListItem>
        list={list}
        fields={[
          { name: 'q', label: '姓名', node: <Input allowClear placeholder="姓名、拼音首字母或身份证号" maxLength={50} /> },
          { name: 'category', label: '帮扶类别', node: <Select allowClear placeholder="全部" options={categoryOptions} /> },
          { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={statusOptions} /> },
          { name: 'riskLevel', label: '风险等级', node: <Select allowClear placeholder="全部" options={riskOptions} /> },
          { name: 'orgUnitId', label: '归口单位', node: <OrgTreeSelect placeholder="乡镇、村（社区）" /> },
          { name: 'closurePending', label: '待审批结案', node: <Select allowClear placeholder="全部" options={[{ value: 'true', label: '只看待审批' }]} /> },
        ]}
        title={`帮扶对象${list.query.data ? `（${fmtCount(list.query.data.total)}）` : ''}`}
        toolbar={
          <>
            {can('careCase:create') && <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建档案</Button>}
            {can('careCase:import') && <Button size="large" icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入台账</Button>}
            {can('careCase:export') && <DownloadButton size="large" url="/api/care-cases/export" query={exportQuery}>导出（脱敏）</DownloadButton>}
            {can('careCase:export') && <ExportTaskButton size="large" url="/api/care-cases/export/task" query={exportQuery} />}
            {can('careCase:exportFull') && <Button size="large" onClick={() => setFullExport(true)}>完整导出</Button>}
          </>
        }
        columns={columns}
        emptyText={can('careCase:create') ? '暂无帮扶对象，可点击“新建档案”或“导入台账”' : '暂无帮扶对象'}
      />
      <CaseCreateDrawer open={creating} onClose={() => setCreating(false)} onCreated={async (c) => { setCreating(false); await qc.invalidateQueries({ queryKey: ['care-cases'] }); setCase(c.id); }} onOpenExisting={(id) => { setCreating(false); setCase(id); }} />
      <CaseDetailDrawer id={openCase} onClose={() => setCase(null)} />
      <CaseImportModal open={importing} onClose={() => setImporting(false)} onDone={() => qc.invalidateQueries({ queryKey: ['care-cases'] })} />
      <Modal open={fullExport} title="完整导出（含身份证号、电话、地址）" okText="导出" cancelText="取消" onCancel={() => setFullExport(false)} footer={(_, { CancelBtn }) => (
        <Space><CancelBtn /><DownloadButton type="primary" disabled={reason.trim().length < 2} url="/api/care-cases/export" query={{ ...exportQuery, full: 'true', reason: reason.trim() }}>导出</DownloadButton></Space>
      )}>
        <p>完整导出含未成年人个人信息，将记入审计并在文件中标注导出人。请填写原因：</p>
        <Input.TextArea rows={3} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
