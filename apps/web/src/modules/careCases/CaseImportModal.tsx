import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Modal, Radio, Select, Space, Table, Tag, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { importDuplicateActionLabels, type CareCaseImportDuplicate, type CareCaseImportJob, type CareCaseImportPreview, type ImportDuplicateAction } from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { fmtCount } from '../../app/format';
import { DownloadButton } from '../../components/DownloadButton';
import { ImportErrorTable, ImportProgress, useImportJob } from '../../components/ImportKit';
import { onMutationError } from '../../components/mutation';

const matchedLabels = { idNumber: '身份证号相同', nameBirthDate: '姓名和出生日期相同' } as const;

/**
 * 导入台账: upload → every row checked (bad ID, unknown 归口单位, duplicates in the file) → rows matching existing
 * records: skip / update / keep both, per row or for all → confirm → all rows in one go, with progress.
 */
export function CaseImportModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const [preview, setPreview] = useState<CareCaseImportPreview | null>(null);
  const [started, setStarted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [forAll, setForAll] = useState<ImportDuplicateAction | undefined>(undefined);
  const [choices, setChoices] = useState<Record<number, ImportDuplicateAction>>({});
  const job = useImportJob(started && preview ? preview.previewId : null, started);
  const reset = () => {
    setPreview(null);
    setStarted(false);
    setForAll(undefined);
    setChoices({});
  };
  const upload = async (file: File) => {
    setBusy(true);
    try {
      const fd = new FormData();
      fd.append('file', file, file.name);
      setPreview(await api.post<CareCaseImportPreview>('/api/care-cases/import/preview', fd));
    } catch (err) {
      onMutationError(err);
    } finally {
      setBusy(false);
    }
  };
  const choiceOf = (d: CareCaseImportDuplicate) => choices[d.row] ?? (forAll && d.allowed.includes(forAll) ? forAll : undefined);
  const undecided = (preview?.duplicates ?? []).filter((d) => !choiceOf(d)).length;
  const commit = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const perRow = preview.duplicates.map((d) => ({ row: d.row, action: choiceOf(d)! }));
      await api.post<CareCaseImportJob>('/api/care-cases/import/commit', { previewId: preview.previewId, ...(perRow.length ? { choices: perRow } : {}) });
      setStarted(true);
    } catch (err) {
      onMutationError(err);
    } finally {
      setBusy(false);
    }
  };
  const finished = job?.status === 'done';
  useEffect(() => {
    if (job?.status !== 'done') return;
    showSuccess(`已导入：新增 ${fmtCount(job.created)} 人，更新 ${fmtCount(job.updated)} 人，跳过 ${fmtCount(job.skipped)} 人`);
    onDone();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job?.status]);
  return (
    <Modal open={open} title="导入帮扶对象台账" width={1000} destroyOnHidden afterOpenChange={(o) => !o && reset()} onCancel={onClose}
      footer={
        <Space>
          {preview && !started && <Button onClick={reset}>重新上传</Button>}
          {preview && !started && (
            <Button type="primary" disabled={preview.invalidCount > 0 || undecided > 0} loading={busy} onClick={commit}>
              确认导入（{fmtCount(preview.validCount)} 行）
            </Button>
          )}
          <Button onClick={onClose}>{finished ? '完成' : '取消'}</Button>
        </Space>
      }>
      {!preview && (
        <Space orientation="vertical" style={{ width: '100%' }} size={16}>
          <Alert type="info" showIcon title="可直接上传现有台账：序号、姓名、性别、出生年月、身份证号、户籍地、常住地、归口单位、家庭情况、联系方式、监护人、监护人电话、是否需要帮扶、帮扶类别等常见表头会自动识别。确认前不会写入任何数据；确认后全部写入或全部不写入。" />
          <DownloadButton url="/api/care-cases/import/template" fileName="帮扶对象导入模板.xlsx">下载导入模板</DownloadButton>
          <Upload.Dragger accept=".xlsx" showUploadList={false} disabled={busy} beforeUpload={(f) => { void upload(f); return false; }}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p>{busy ? '正在读取并逐行校验…' : '点击或拖动 Excel 文件（.xlsx）到这里'}</p>
          </Upload.Dragger>
        </Space>
      )}
      {preview && (
        <Space orientation="vertical" style={{ width: '100%' }} size={16}>
          <Descriptions size="small" bordered column={4} items={[
            { label: '文件', children: preview.fileName ?? '—' },
            { label: '数据行', children: fmtCount(preview.rowCount) },
            { label: '问题行', children: <span style={{ color: preview.invalidCount ? '#c8102e' : undefined }}>{fmtCount(preview.invalidCount)}</span> },
            { label: '与已有档案重复', children: fmtCount(preview.duplicates.length) },
          ]} />
          {started && <ImportProgress job={job} unit="人" />}
          {preview.invalidCount > 0 && <Alert type="error" showIcon title={`有 ${preview.invalidCount} 行需要修改：请在 Excel 中按下表逐行改正后重新上传。为保证台账完整，须全部正确后才能导入。`} />}
          <ImportErrorTable errors={preview.errors} />
          {preview.duplicates.length > 0 && !started && (
            <>
              <Alert type="warning" showIcon title={`有 ${preview.duplicates.length} 行与已有档案重复，请逐行选择（或统一选择）处理方式${undecided ? `，还有 ${undecided} 行未选择` : ''}。身份证号相同的是同一人，只能跳过或更新。`}
                description={
                  <Space>
                    统一处理：
                    <Radio.Group aria-label="重复行统一处理" value={forAll} onChange={(e) => { setForAll(e.target.value); setChoices({}); }}
                      options={(['skip', 'update', 'keep'] as const).map((a) => ({ value: a, label: importDuplicateActionLabels[a] }))} />
                  </Space>
                } />
              <Table<CareCaseImportDuplicate> size="small" rowKey="row" dataSource={preview.duplicates} pagination={{ pageSize: 8, hideOnSinglePage: true }} aria-label="重复行"
                columns={[
                  { title: '行号', dataIndex: 'row', width: 70 },
                  { title: '表中姓名', dataIndex: 'name' },
                  { title: '已有档案', render: (_v, d) => `${d.existingName}（${d.existingOrgUnitName}）` },
                  { title: '重复原因', dataIndex: 'matchedBy', render: (m: CareCaseImportDuplicate['matchedBy']) => <Tag color="orange">{matchedLabels[m]}</Tag> },
                  {
                    title: '处理方式', width: 180, render: (_v, d) => (
                      <Select<ImportDuplicateAction> aria-label={`第${d.row}行处理方式`} style={{ width: 160 }} placeholder="请选择" value={choiceOf(d)}
                        onChange={(v) => setChoices((c) => ({ ...c, [d.row]: v }))} options={d.allowed.map((a) => ({ value: a, label: importDuplicateActionLabels[a] }))} />
                    ),
                  },
                ]} />
            </>
          )}
        </Space>
      )}
    </Modal>
  );
}

