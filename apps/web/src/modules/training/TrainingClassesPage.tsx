import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Input, Select, Tag, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { trainingClassStatusLabels, trainingIndustryLabels, type TrainingClass } from '@gg/shared';
import { useAuth } from '../../app/auth';
import { fmtCount, fmtDate } from '../../app/format';
import { DownloadButton } from '../../components/DownloadButton';
import { ListPage } from '../../components/ListPage';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useListQuery } from '../../components/useListQuery';
import { ClassFormDrawer } from './ClassFormDrawer';
import { classStatusColor, classStatusOptions, industryOptions, yearOptions } from './options';

const filters = ['status', 'industry', 'year', 'orgUnitId'] as const;

/** 培训班: every skills-training class in scope, filtered by status, industry, year and organiser. */
export default function TrainingClassesPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const list = useListQuery<TrainingClass>({ key: 'training-classes', url: '/api/training/classes', filters, defaultSort: '-startDate' });
  const [creating, setCreating] = useState(false);

  const columns: TableProps<TrainingClass>['columns'] = [
    { title: '班级名称', dataIndex: 'title', key: 'title', sorter: true, sortOrder: list.sortOrderOf('title'), render: (v: string, r) => <Link to={`/training/classes/${r.id}`}>{v}</Link> },
    { title: '产业', dataIndex: 'industry', render: (i: TrainingClass['industry']) => trainingIndustryLabels[i] },
    { title: '培训技能', dataIndex: 'skill' },
    { title: '主办', dataIndex: 'orgUnitName' },
    { title: '开始日期', dataIndex: 'startDate', key: 'startDate', sorter: true, sortOrder: list.sortOrderOf('startDate'), render: fmtDate },
    { title: '结束日期', dataIndex: 'endDate', render: fmtDate },
    { title: '招生', dataIndex: 'capacity', key: 'capacity', sorter: true, sortOrder: list.sortOrderOf('capacity'), align: 'right' },
    { title: '在班 / 候补', key: 'enrolled', align: 'right', render: (_, r) => `${r.enrolled}${r.waiting ? ` / ${r.waiting}` : ''}` },
    { title: '结业', dataIndex: 'completed', align: 'right' },
    { title: '状态', dataIndex: 'status', key: 'status', sorter: true, sortOrder: list.sortOrderOf('status'), render: (s: TrainingClass['status']) => <Tag color={classStatusColor[s]}>{trainingClassStatusLabels[s]}</Tag> },
  ];

  return (
    <>
      <ListPage<TrainingClass>
        list={list}
        fields={[
          { name: 'q', label: '班级', node: <Input allowClear placeholder="班级名称或技能" maxLength={50} /> },
          { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={classStatusOptions} /> },
          { name: 'industry', label: '产业', node: <Select allowClear placeholder="全部" options={industryOptions} /> },
          { name: 'year', label: '年度', node: <Select allowClear placeholder="全部" options={yearOptions} /> },
          { name: 'orgUnitId', label: '主办组织', node: <OrgTreeSelect placeholder="县、乡镇" /> },
        ]}
        title={`青少年创业就业技能培训班${list.query.data ? `（${fmtCount(list.query.data.total)}）` : ''}`}
        toolbar={
          <>
            {can('training:manage') && <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setCreating(true)}>开设培训班</Button>}
            {can('training:export') && <DownloadButton size="large" url="/api/training/classes/export" query={{ ...list.filters, sort: list.params.sort as string | undefined }} />}
          </>
        }
        columns={columns}
        emptyText={can('training:manage') ? '暂无培训班，可点击“开设培训班”' : '暂无培训班'}
      />
      <ClassFormDrawer target={creating ? 'new' : null} onClose={() => setCreating(false)} onSaved={(c) => { setCreating(false); navigate(`/training/classes/${c.id}`); }} />
    </>
  );
}
