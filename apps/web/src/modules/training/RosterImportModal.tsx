import { useState } from 'react';
import { Alert, Button, Modal, Space, Table, Tag, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { TrainingImportPreview } from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { DownloadButton } from '../../components/DownloadButton';
import { onMutationError } from '../../components/mutation';

/** 导入学员花名册: upload → every row checked (identity, phone, duplicates) → 确认导入, all rows or none. */
export function RosterImportModal({ classId, open, onClose, onDone }: { classId: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const [preview, setPreview] = useState<TrainingImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setPreview(null);
    onClose();
  };
  const upload = async (file: File) => {
    setBusy(true);
    try {
      const fd = new FormData();
      fd.append('file', file, file.name);
      setPreview(await api.post<TrainingImportPreview>(`/api/training/classes/${classId}/import/preview`, fd));
    } catch (err) {
      onMutationError(err);
    } finally {
      setBusy(false);
    }
  };
  const commit = async () => {
    setBusy(true);
    try {
      const r = await api.post<{ created: number; waiting: number }>(`/api/training/classes/${classId}/import/commit`, { previewId: preview!.previewId });
      showSuccess(`已导入 ${r.created} 名学员${r.waiting ? `（其中 ${r.waiting} 人进入候补）` : ''}`);
      onDone();
      close();
    } catch (err) {
      onMutationError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} onCancel={close} title="导入学员花名册" width={760} destroyOnHidden
      footer={<Space><Button onClick={close}>取消</Button>{preview && <Button type="primary" disabled={preview.errors.length > 0 || preview.validCount === 0} loading={busy} onClick={commit}>确认导入 {preview.validCount} 人</Button>}</Space>}>
      <Space orientation="vertical" style={{ width: '100%' }} size={16}>
        <DownloadButton url={`/api/training/classes/${classId}/import/template`}>下载模板</DownloadButton>
        <Upload.Dragger accept=".xlsx" maxCount={1} showUploadList={false} disabled={busy} beforeUpload={(file) => { void upload(file); return false; }}>
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{busy ? '正在读取并逐行校验…' : '点击或拖动 Excel 文件（.xlsx）到这里上传'}</p>
          <p className="ant-upload-hint">姓名、身份证号必填；已在帮扶台账中的青少年按身份证号自动关联</p>
        </Upload.Dragger>
        {preview && (preview.errors.length > 0
          ? <Alert type="error" showIcon title={`发现 ${preview.errors.length} 处问题，请修改后重新上传（全部正确后才能导入）`} />
          : <Alert type="success" showIcon title={`${preview.validCount} 行全部通过校验，满员后的学员进入候补名单`} />)}
        {preview && preview.errors.length > 0 && (
          <Table rowKey={(e) => `${e.row}-${e.column}`} size="small" pagination={false} dataSource={preview.errors}
            columns={[{ title: '行', dataIndex: 'row', width: 60 }, { title: '列', dataIndex: 'column', width: 100 }, { title: '问题', dataIndex: 'message' }]} />
        )}
        {preview && preview.errors.length === 0 && (
          <Table rowKey="row" size="small" pagination={false} dataSource={preview.sample}
            columns={[{ title: '行', dataIndex: 'row', width: 60 }, { title: '姓名', dataIndex: 'name' }, { title: '身份证号', dataIndex: 'idNumber' }, { title: '帮扶对象', dataIndex: 'careCase', render: (v: boolean) => (v ? <Tag color="red">关联帮扶档案</Tag> : '—') }]} />
        )}
      </Space>
    </Modal>
  );
}
