import { useState } from 'react';
import { Alert, Button, Descriptions, Modal, Progress, Space, Table, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { CareCaseImportJob, CareCaseImportPreview } from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { fmtCount } from '../../app/format';
import { DownloadButton } from '../../components/DownloadButton';
import { onMutationError } from '../../components/mutation';

/** 导入台账: upload → every row checked (bad ID, unknown 归口单位, duplicates) → confirm → all rows in one go, with progress. */
export function CaseImportModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const [preview, setPreview] = useState<CareCaseImportPreview | null>(null);
  const [job, setJob] = useState<CareCaseImportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const reset = () => {
    setPreview(null);
    setJob(null);
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
  const commit = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      let j = await api.post<CareCaseImportJob>('/api/care-cases/import/commit', { previewId: preview.previewId });
      setJob(j);
      while (j.status === 'running') {
        await new Promise((r) => setTimeout(r, 500));
        j = await api.get<CareCaseImportJob>(`/api/care-cases/import/${preview.previewId}`);
        setJob(j);
      }
      if (j.status === 'done') {
        showSuccess(`已导入 ${fmtCount(j.created)} 人`);
        onDone();
      }
    } catch (err) {
      onMutationError(err);
    } finally {
      setBusy(false);
    }
  };
  const percent = job ? (job.status === 'done' ? 100 : job.total ? Math.floor((job.done / job.total) * 100) : 0) : 0;
  return (
    <Modal open={open} title="导入帮扶对象台账" width={960} destroyOnHidden afterOpenChange={(o) => !o && reset()} onCancel={onClose}
      footer={
        <Space>
          {preview && !job && <Button onClick={reset}>重新上传</Button>}
          {preview && job?.status !== 'done' && <Button type="primary" disabled={preview.invalidCount > 0} loading={busy} onClick={commit}>确认导入（{fmtCount(preview.validCount)} 行）</Button>}
          <Button onClick={onClose}>{job?.status === 'done' ? '完成' : '取消'}</Button>
        </Space>
      }>
      {!preview && (
        <Space orientation="vertical" style={{ width: '100%' }} size={16}>
          <Alert type="info" showIcon title="可直接上传现有台账：序号、姓名、性别、出生年月、身份证号、户籍地、常住地、归口单位、家庭情况、联系方式、监护人、监护人电话、是否需要帮扶、帮扶类别等常见表头会自动识别。确认前不会写入任何数据；确认后全部写入或全部不写入。" />
          <DownloadButton url="/api/care-cases/import/template" fileName="帮扶对象导入模板.xlsx">下载导入模板</DownloadButton>
          <Upload.Dragger accept=".xlsx" showUploadList={false} disabled={busy} beforeUpload={(f) => { void upload(f); return false; }}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p>点击或拖动 Excel 文件（.xlsx）到这里</p>
          </Upload.Dragger>
        </Space>
      )}
      {preview && (
        <Space orientation="vertical" style={{ width: '100%' }} size={16}>
          <Descriptions size="small" bordered column={3} items={[
            { label: '文件', children: preview.fileName ?? '—' },
            { label: '数据行', children: fmtCount(preview.rowCount) },
            { label: '问题行', children: <span style={{ color: preview.invalidCount ? '#c8102e' : undefined }}>{fmtCount(preview.invalidCount)}</span> },
          ]} />
          {preview.invalidCount > 0 && <Alert type="error" showIcon title={`有 ${preview.invalidCount} 行需要修改：请在 Excel 中按下表逐行改正后重新上传。为保证台账完整，须全部正确后才能导入。`} />}
          {job && <Progress percent={percent} status={job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active'} />}
          {job?.status === 'failed' && <Alert type="error" showIcon title={job.message ?? '导入失败，没有写入任何数据'} />}
          {preview.errors.length > 0 && (
            <Table size="small" rowKey={(r) => `${r.row}-${r.column}-${r.message}`} dataSource={preview.errors} pagination={{ pageSize: 10 }}
              columns={[{ title: '行号', dataIndex: 'row', width: 80 }, { title: '列', dataIndex: 'column', width: 140 }, { title: '问题', dataIndex: 'message' }]} />
          )}
        </Space>
      )}
    </Modal>
  );
}
