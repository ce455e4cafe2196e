import { useEffect, useState } from 'react';
import { Alert, Checkbox, Form, Input, Modal, Radio, Space, Table, Tag } from 'antd';
import { careCaseCategoryLabels, careCaseStatusLabels, type CareCaseDetail, type CareCaseDuplicate } from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { onMutationError } from '../../components/mutation';

export const matchLabels = { idNumber: '身份证号相同', nameBirthDate: '姓名和出生日期相同', pinyin: '姓名同音' } as const;

/**
 * 合并重复档案: the officer picks the record that stays (保留) and ticks the duplicates to merge into it; their
 * categories, work, mentors, visits and help move over and each merge is audited. Merged records are kept read-only.
 */
export function MergeModal({ open, records, initialKeep, onClose, onMerged }: {
  open: boolean;
  /** The likely duplicates (two or more), e.g. this case plus what search-before-create found. */
  records: CareCaseDuplicate[];
  initialKeep?: string;
  onClose: () => void;
  onMerged: (survivor: CareCaseDetail) => void;
}) {
  const [keep, setKeep] = useState<string | undefined>(initialKeep);
  const [merge, setMerge] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setKeep(initialKeep ?? records[0]?.id);
    setMerge([]);
    setReason('');
  }, [open, initialKeep, records]);
  const selectable = records.filter((r) => r.status !== 'merged');
  const confirm = async () => {
    if (!keep || !merge.length || !reason.trim()) return;
    setBusy(true);
    try {
      let survivor: CareCaseDetail | null = null;
      for (const sourceId of merge) survivor = await api.post<CareCaseDetail>(`/api/care-cases/${keep}/merge`, { sourceId, reason: reason.trim() });
      showSuccess(`已合并 ${merge.length} 份重复档案`);
      onMerged(survivor!);
    } catch (err) {
      onMutationError(err);
    } finally {
      setBusy(false);
    }
  };
  const keepRec = records.find((r) => r.id === keep);
  return (
    <Modal open={open} title="合并重复档案" width={860} destroyOnHidden onCancel={onClose} okText={`确认合并（${merge.length} 份）`} cancelText="取消"
      okButtonProps={{ disabled: !keep || !merge.length || !reason.trim(), danger: true }} confirmLoading={busy}
      onOk={() => Modal.confirm({
        title: '确认合并？',
        content: `将把所选 ${merge.length} 份档案合并到“${keepRec?.name ?? ''}（${keepRec?.orgUnitName ?? ''}）”，合并后原档案不能再编辑，此操作记入审计日志。`,
        okText: '合并', cancelText: '再想想', okButtonProps: { danger: true }, onOk: confirm,
      })}>
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Alert type="warning" showIcon title="请先核对是否为同一人：选择保留的档案，再勾选要并入的重复档案。排查、需求、计划、结对、走访和帮扶记录都会转到保留的档案。" />
        <Table<CareCaseDuplicate> size="small" rowKey="id" pagination={false} dataSource={selectable} columns={[
          { title: '保留', width: 64, render: (_v, r) => <Radio aria-label={`保留 ${r.name}（${r.orgUnitName}）`} checked={keep === r.id} onChange={() => { setKeep(r.id); setMerge((m) => m.filter((x) => x !== r.id)); }} /> },
          { title: '并入', width: 64, render: (_v, r) => <Checkbox aria-label={`并入 ${r.name}（${r.orgUnitName}）`} disabled={keep === r.id} checked={merge.includes(r.id)} onChange={(e) => setMerge((m) => (e.target.checked ? [...m, r.id] : m.filter((x) => x !== r.id)))} /> },
          { title: '姓名', dataIndex: 'name' },
          { title: '性别', dataIndex: 'sex', render: (v: string) => (v === 'male' ? '男' : '女') },
          { title: '出生日期', dataIndex: 'birthDate' },
          { title: '归口单位', dataIndex: 'orgUnitName' },
          { title: '状态', dataIndex: 'status', render: (v: CareCaseDuplicate['status']) => <Tag>{careCaseStatusLabels[v]}</Tag> },
          { title: '类别', dataIndex: 'categories', render: (v: CareCaseDuplicate['categories']) => v.map((k) => careCaseCategoryLabels[k]).join('、') },
          { title: '相似原因', dataIndex: 'matchedBy', render: (v: CareCaseDuplicate['matchedBy']) => v.map((m) => <Tag key={m} color="red">{matchLabels[m]}</Tag>) },
        ]} />
        <Form layout="vertical">
          <Form.Item label="合并原因" required validateStatus={reason.length > 200 ? 'error' : undefined} help={reason.length > 200 ? '合并原因不能超过200个字' : undefined}>
            <Input.TextArea rows={2} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="如：同一人在两个村重复建档，身份证号一致" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
