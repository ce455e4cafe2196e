import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Input, Segmented, Select, Tag, type TableProps } from 'antd';
import { BarChartOutlined, CalendarOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { activityTypeLabels, type Activity } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash, fmtCount, fmtDate } from '../../app/format';
import { ActionButtons } from '../../components/ActionButtons';
import { DateInput } from '../../components/DateInput';
import { DownloadButton } from '../../components/DownloadButton';
import { ExportTaskButton } from '../tasks/ExportTaskButton';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useListQuery } from '../../components/useListQuery';
import { ActivityDetailDrawer } from './ActivityDetail';
import { ActivityFormDrawer } from './ActivityForm';
import { ActivityCalendarView, ActivitySummaryView } from './ActivityViews';
import { optionsOf, useBaseOptions, useCampaignOptions } from './common';

const filters = ['type', 'from', 'to', 'orgUnitId', 'campaignId', 'baseId'] as const;
const typeOptions = optionsOf(activityTypeLabels);

/** 活动记录: every event entered once (list, calendar, summary); hours, campaign totals and base visits follow. */
export default function ActivitiesPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const view = sp.get('view') ?? 'list';
  const list = useListQuery<Activity>({ key: 'activities', url: '/api/activities', filters, defaultSort: '-date', enabled: view === 'list' });
  const [editing, setEditing] = useState<Activity | 'new' | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const campaigns = useCampaignOptions(true);
  const bases = useBaseOptions(true);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['activities'] });
    await qc.invalidateQueries({ queryKey: ['campaigns'] });
    await qc.invalidateQueries({ queryKey: ['bases'] });
    await qc.invalidateQueries({ queryKey: ['volunteers'] });
  };
  const setView = (v: string) =>
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      if (v === 'list') next.delete('view');
      else next.set('view', v);
      next.delete('page');
      return next;
    });

  const remove = async (a: Activity) => {
    try {
      await api.delete(`/api/activities/${a.id}`);
      showSuccess(`已删除「${a.title}」，相应的志愿服务时长已撤回`);
      await refresh();
    } catch (err) {
      onMutationError(err);
    }
  };

  const columns: TableProps<Activity>['columns'] = [
    { title: '活动日期', dataIndex: 'date', key: 'date', sorter: true, sortOrder: list.sortOrderOf('date'), render: fmtDate, width: 120 },
    { title: '活动名称', dataIndex: 'title', key: 'title', sorter: true, sortOrder: list.sortOrderOf('title'), render: (v: string, r) => <a onClick={() => setViewing(r.id)}>{v}</a> },
    { title: '类型', dataIndex: 'type', render: (t: Activity['type']) => <Tag color={t === 'lecture' ? 'red' : 'default'}>{activityTypeLabels[t]}</Tag> },
    { title: '所属组织', dataIndex: 'orgUnitName' },
    { title: '主题活动', dataIndex: 'campaignName', render: dash },
    { title: '教育基地', dataIndex: 'baseName', render: dash },
    { title: '受众（人）', dataIndex: 'audienceTotal', key: 'audienceTotal', sorter: true, sortOrder: list.sortOrderOf('audienceTotal'), align: 'right', render: fmtCount },
    { title: '志愿者', key: 'volunteers', align: 'right', render: (_, r) => fmtCount(r.volunteers.length) },
    { title: '服务时长（小时）', dataIndex: 'volunteerHours', align: 'right', render: (h: number) => h.toFixed(1) },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <ActionButtons
          actions={['view', ...r.actions]}
          specs={{
            view: { label: '查看', onClick: () => setViewing(r.id) },
            update: { label: '编辑', onClick: () => setEditing(r) },
            delete: { label: '删除', danger: true, confirm: `确定删除「${r.title}」吗？参与志愿者的服务时长和主题活动、基地的统计将一并撤回。`, onClick: () => remove(r) },
          }}
        />
      ),
    },
  ];

  const toolbar = (
    <>
      <Segmented
        value={view}
        onChange={(v) => setView(String(v))}
        options={[
          { value: 'list', label: '列表', icon: <UnorderedListOutlined /> },
          { value: 'calendar', label: '日历', icon: <CalendarOutlined /> },
          ...(can('activity:stats') ? [{ value: 'summary', label: '汇总', icon: <BarChartOutlined /> }] : []),
        ]}
      />
      {can('activity:create') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          登记活动
        </Button>
      )}
      {can('activity:export') && <DownloadButton url="/api/activities/export" query={{ ...list.filters }} />}
      {can('activity:export') && <ExportTaskButton url="/api/activities/export/task" query={{ ...list.filters }} />}
    </>
  );

  return (
    <>
      <ListPage<Activity>
        list={list}
        fields={[
          { name: 'q', label: '活动名称', node: <Input allowClear placeholder="活动名称关键词" maxLength={50} /> },
          { name: 'type', label: '活动类型', node: <Select allowClear placeholder="全部" options={typeOptions} /> },
          { name: 'orgUnitId', label: '所属组织', node: <OrgTreeSelect placeholder="含下级组织" /> },
          { name: 'from', label: '开始日期', node: <DateInput placeholder="不限" /> },
          { name: 'to', label: '结束日期', node: <DateInput placeholder="不限" /> },
          { name: 'campaignId', label: '主题活动', node: <Select allowClear placeholder="全部" options={campaigns.options} showSearch={{ optionFilterProp: 'label' }} /> },
          { name: 'baseId', label: '教育基地', node: <Select allowClear placeholder="全部" options={bases.options} showSearch={{ optionFilterProp: 'label' }} /> },
        ]}
        title={view === 'list' ? `活动记录${list.query.data ? `（${fmtCount(list.query.data.total)}）` : ''}` : view === 'calendar' ? '活动日历' : '活动汇总'}
        toolbar={toolbar}
        columns={columns}
        tableProps={view === 'list' ? undefined : { style: { display: 'none' } }}
        emptyText={can('activity:create') ? '暂无活动记录，可点击“登记活动”录入，一次登记，处处计数' : '暂无活动记录'}
      />
      {view === 'calendar' && (
        <div style={{ marginTop: 16 }}>
          <ActivityCalendarView
            filters={list.filters}
            onPickDate={(date) =>
              setSp((prev) => {
                const next = new URLSearchParams(prev);
                next.delete('view');
                next.delete('page');
                next.set('from', date);
                next.set('to', date);
                return next;
              })
            }
          />
        </div>
      )}
      {view === 'summary' && (
        <div style={{ marginTop: 16 }}>
          <ActivitySummaryView filters={list.filters} />
        </div>
      )}
      <ActivityFormDrawer
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={async (a) => {
          setEditing(null);
          await refresh();
          setViewing(a.id);
        }}
      />
      <ActivityDetailDrawer id={viewing} onClose={() => setViewing(null)} onEdit={(a) => { setViewing(null); setEditing(a); }} />
    </>
  );
}
