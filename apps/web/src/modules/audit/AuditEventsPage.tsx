import { useState } from 'react';
import { Button, Input, Modal, Result, Select, Tag, Typography, type TableProps } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { auditResultLabels, auditResults, type AuditEvent } from '@gg/shared';
import { api, type Page } from '../../app/api';
import { dash, fmtCount, fmtDateTime } from '../../app/format';
import { DateInput } from '../../components/DateInput';
import { DownloadButton } from '../../components/DownloadButton';
import { ListPage, type QueryField } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { useListQuery } from '../../components/useListQuery';

const resultOptions = auditResults.map((r) => ({ value: r, label: auditResultLabels[r] }));
export const auditFilterKeys = ['from', 'to', 'event', 'username', 'result'] as const;

export function auditColumns(list: ReturnType<typeof useListQuery<AuditEvent & { id: string }>>, eventLabel?: (e: string) => string): NonNullable<TableProps<AuditEvent>['columns']> {
  return [
    { title: '流水号', dataIndex: 'seq', key: 'seq', sorter: true, sortOrder: list.sortOrderOf('seq'), width: 90 },
    { title: '时间', dataIndex: 'at', key: 'at', sorter: true, sortOrder: list.sortOrderOf('at'), render: fmtDateTime },
    { title: '用户', dataIndex: 'username', render: dash },
    { title: '组织', render: (_, r) => dash(r.orgUnit?.name) },
    { title: 'IP 地址', dataIndex: 'ip', render: dash },
    { title: '事件', dataIndex: 'event', render: (e: string) => (eventLabel ? eventLabel(e) : <Typography.Text code>{e}</Typography.Text>) },
    { title: '内容', dataIndex: 'summary', render: dash },
    { title: '结果', dataIndex: 'result', render: (r: AuditEvent['result']) => <Tag color={r === 'success' ? 'success' : 'error'}>{auditResultLabels[r]}</Tag> },
  ];
}

export function auditFields(eventField: QueryField): QueryField[] {
  return [
    { name: 'from', label: '开始日期', node: <DateInput placeholder="开始日期" /> },
    { name: 'to', label: '结束日期', node: <DateInput placeholder="结束日期" /> },
    eventField,
    { name: 'username', label: '用户名', node: <Input allowClear maxLength={64} /> },
    { name: 'result', label: '结果', node: <Select allowClear placeholder="全部" options={resultOptions} /> },
  ];
}

interface VerifyReply {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; reason: string };
}

/** 审计日志: the hash-chained trail; read, export and verify (no row can be edited or deleted). */
export default function AuditEventsPage() {
  const list = useListQuery<AuditEvent>({ key: 'audit-events', url: '/api/audit-events', filters: auditFilterKeys, defaultSort: '-seq' });
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<VerifyReply | null>(null);
  const actions = (list.query.data as (Page<AuditEvent> & { actions?: string[] }) | undefined)?.actions ?? [];
  const exportQuery = Object.fromEntries([...auditFilterKeys, 'q'].map((k) => [k, list.filters[k]]));

  const verify = async () => {
    setVerifying(true);
    try {
      setVerified(await api.post<VerifyReply>('/api/audit-events/verify'));
    } catch (err) {
      onMutationError(err);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <>
      <ListPage<AuditEvent>
        list={list}
        fields={auditFields({ name: 'event', label: '事件', node: <Input allowClear placeholder="如 auth. 或 orgUnit.create" maxLength={64} /> })}
        title={`审计记录${list.query.data ? `（${fmtCount(list.query.data.total)}）` : ''}`}
        toolbar={
          <>
            {actions.includes('verify') && (
              <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={verify}>
                校验
              </Button>
            )}
            {actions.includes('export') && <DownloadButton url="/api/audit-events/export" query={exportQuery} />}
          </>
        }
        columns={auditColumns(list)}
        tableProps={{
          expandable: {
            rowExpandable: (r) => Boolean(r.detail && Object.keys(r.detail).length),
            expandedRowRender: (r) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 13 }}>{JSON.stringify(r.detail, null, 2)}</pre>,
          },
        }}
      />
      <Modal open={Boolean(verified)} onCancel={() => setVerified(null)} footer={<Button type="primary" onClick={() => setVerified(null)}>知道了</Button>} title="审计记录校验">
        {verified &&
          (verified.ok ? (
            <Result status="success" title="审计记录完整" subTitle={`已校验 ${fmtCount(verified.checked)} 条记录，哈希链没有断点。`} />
          ) : (
            <Result
              status="error"
              title="发现审计记录被改动"
              subTitle={`已校验 ${fmtCount(verified.checked)} 条；第一处断点：流水号 ${verified.firstBroken?.seq ?? '—'}（${verified.firstBroken?.reason ?? ''}）。请立即报告安全管理员。`}
            />
          ))}
      </Modal>
    </>
  );
}
