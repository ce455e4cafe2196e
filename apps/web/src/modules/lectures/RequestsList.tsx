import { useState } from 'react';
import { Button, Input, Select, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { lectureRequestStatusLabels, type LectureRequest } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { fmtCount, fmtDate, dash } from '../../app/format';
import { ActionButtons, type ActionSpec } from '../../components/ActionButtons';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useListQuery } from '../../components/useListQuery';
import { DownloadButton } from '../../components/DownloadButton';
import { optionsOf } from '../activities/common';
import { RequestFormDrawer } from './RequestForm';
import { RequestDetailDrawer, RequestStatusTag } from './RequestDetail';
import { RequestStepModal, type RequestDialog } from './requestDialogs';

const statusOptions = optionsOf(lectureRequestStatusLabels);
const order = ['assign', 'confirm', 'decline', 'recordHeld', 'rate', 'cancel'];

/** Lecture requests: the office's queue (宣讲预约) or a lecturer's own schedule (我的宣讲安排, mine=true). */
export function RequestsList({ mine }: { mine: boolean }) {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<LectureRequest>({
    key: mine ? 'lecture-requests-mine' : 'lecture-requests',
    url: mine ? '/api/lecture-requests?mine=true' : '/api/lecture-requests',
    filters: ['status', 'orgUnitId'],
    defaultSort: mine ? 'preferredDate' : '-createdAt',
  });
  const [requesting, setRequesting] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ r: LectureRequest; step: RequestDialog } | null>(null);
  const refresh = async () => {
    for (const key of ['lecture-requests', 'lecture-requests-mine', 'lecture-topics', 'activities', 'campaigns', 'volunteers']) await qc.invalidateQueries({ queryKey: [key] });
  };

  const confirm = async (r: LectureRequest) => {
    try {
      await api.post(`/api/lecture-requests/${r.id}/confirm`);
      showSuccess(`已确认：${fmtDate(r.scheduledDate)} 到${r.orgUnitName}宣讲「${r.topicTitle}」`);
      await refresh();
    } catch (err) {
      onMutationError(err);
    }
  };

  const specs = (r: LectureRequest): Record<string, ActionSpec> => ({
    assign: { label: r.lecturerId ? '改派' : '派讲', onClick: () => setDialog({ r, step: 'assign' }) },
    confirm: { label: '确认安排', confirm: `确认 ${fmtDate(r.scheduledDate)} 到${r.orgUnitName}宣讲「${r.topicTitle}」？`, onClick: () => confirm(r) },
    decline: { label: '不能前往', danger: true, onClick: () => setDialog({ r, step: 'decline' }) },
    recordHeld: { label: '登记开讲', onClick: () => setDialog({ r, step: 'recordHeld' }) },
    rate: { label: '评价', onClick: () => setDialog({ r, step: 'rate' }) },
    cancel: { label: '取消', danger: true, onClick: () => setDialog({ r, step: 'cancel' }) },
  });

  const columns: TableProps<LectureRequest>['columns'] = [
    { title: '宣讲主题', dataIndex: 'topicTitle', render: (v: string, r) => <a onClick={() => setViewing(r.id)}>{v}</a> },
    { title: '预约单位', dataIndex: 'orgUnitName' },
    { title: '希望日期', dataIndex: 'preferredDate', key: 'preferredDate', sorter: true, sortOrder: list.sortOrderOf('preferredDate'), render: (d: string, r) => `${fmtDate(d)}${r.preferredTime ? ` ${r.preferredTime}` : ''}` },
    { title: '预计人数', dataIndex: 'audienceEstimate', align: 'right', render: fmtCount },
    { title: '宣讲员', dataIndex: 'lecturerName', render: dash },
    { title: '宣讲日期', dataIndex: 'scheduledDate', render: fmtDate },
    { title: '状态', dataIndex: 'status', key: 'status', sorter: true, sortOrder: list.sortOrderOf('status'), render: (s: LectureRequest['status']) => <RequestStatusTag status={s} /> },
    { title: '提交日期', dataIndex: 'createdAt', key: 'createdAt', sorter: true, sortOrder: list.sortOrderOf('createdAt'), render: fmtDate },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, r) => <ActionButtons actions={['view', ...r.actions]} order={['view', ...order]} specs={{ view: { label: '进度', onClick: () => setViewing(r.id) }, ...specs(r) }} />,
    },
  ];

  return (
    <>
      <ListPage<LectureRequest>
        list={list}
        fields={[
          { name: 'q', label: '宣讲主题', node: <Input allowClear placeholder="主题关键词" maxLength={50} /> },
          { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={statusOptions} /> },
          ...(mine ? [] : [{ name: 'orgUnitId', label: '预约单位', node: <OrgTreeSelect placeholder="含下级组织" /> }]),
        ]}
        title={`${mine ? '我的宣讲安排' : '宣讲预约'}${list.query.data ? `（${fmtCount(list.query.data.total)}）` : ''}`}
        toolbar={
          <>
            {!mine && can('lecture:request') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRequesting(true)}>
                预约宣讲
              </Button>
            )}
            <DownloadButton url="/api/lecture-requests/export" query={{ ...list.filters, ...(mine ? { mine: 'true' } : {}), sort: list.params.sort as string | undefined }} />
          </>
        }
        columns={columns}
        emptyText={
          mine
            ? '暂无宣讲安排。办公室派讲后，安排会出现在这里，请及时确认'
            : can('lecture:request')
              ? '暂无宣讲预约，可点击“预约宣讲”从宣讲菜单中选择主题'
              : '暂无宣讲预约'
        }
      />
      <RequestFormDrawer
        open={requesting}
        onClose={() => setRequesting(false)}
        onSaved={async (r) => {
          setRequesting(false);
          await refresh();
          setViewing(r.id);
        }}
      />
      <RequestDetailDrawer
        id={viewing}
        onClose={() => setViewing(null)}
        actions={(r) => (r.actions.length ? <ActionButtons type="default" size="middle" actions={r.actions} order={order} specs={specs(r)} /> : null)}
      />
      <RequestStepModal
        request={dialog?.r ?? null}
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
