import { useState } from 'react';
import { Alert, Button, Descriptions, Modal, Radio, Space, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { VolunteerImportPreview } from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { fmtCount } from '../../app/format';
import { DownloadButton } from '../../components/DownloadButton';
import { ImportErrorTable, ImportProgress, useImportJob } from '../../components/ImportKit';
import { onMutationError } from '../../components/mutation';

/** 导入花名册: upload → every row checked with the form's schema, duplicates found → 确认导入 (all or nothing). */
export function VolunteerImportModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const [preview, setPreview] = useState<VolunteerImportPreview | null>(null);
  const [uploading, setUploading] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [duplicates, setDuplicates] = useState<'skip' | 'update'>('skip');
  const [result, setResult] = useState<{ created: number; updated: number; skipped: number } | null>(null);
  // The commit answers at the end; meanwhile its progress is polled (any server instance answers).
  const job = useImportJob(committing || result ? preview?.token ?? null : null, committing);
  const reset = () => {
    setPreview(null);
    setResult(null);
  };
  const upload = async (file: File) => {
    setUploading(true);
    try {
      const fd = new FormData();
      fd.append('file', file, file.name);
      setPreview(await api.post<VolunteerImportPreview>('/api/volunteers/import/preview', fd));
    } catch (err) {
      onMutationError(err);
    } finally {
      setUploading(false);
    }
  };
  const commit = async () => {
    if (!preview?.token) return;
    setCommitting(true);
    try {
      const r = await api.post<{ created: number; updated: number; skipped: number }>('/api/volunteers/import/commit', { token: preview.token, duplicates });
      setResult(r);
      showSuccess(`已导入：新增 ${r.created} 人，更新 ${r.updated} 人，跳过 ${r.skipped} 人`);
      onDone();
    } catch (err) {
      onMutationError(err);
    } finally {
      setCommitting(false);
    }
  };
  const problems = (preview?.rows ?? []).flatMap((r) => r.errors.map((e) => ({ row: r.row, name: r.name, ...e })));
  return (
    <Modal open={open} title="导入五老志愿者花名册" width={1000} destroyOnHidden afterOpenChange={(o) => !o && reset()} onCancel={onClose}
      footer={
        <Space>
          {preview && !result && <Button onClick={reset}>重新上传</Button>}
          {!result && <Button type="primary" disabled={!preview?.token} loading={committing} onClick={commit}>确认导入{preview ? `（${fmtCount(preview.total)} 行）` : ''}</Button>}
          <Button onClick={onClose}>{result ? '完成' : '取消'}</Button>
        </Space>
      }>
      {!preview && (
        <Space orientation="vertical" style={{ width: '100%' }} size={16}>
          <Alert type="info" showIcon title="请先下载模板，按“填表说明”填写后上传。已有花名册也可直接上传：常见表头（姓名、公民身份号码、手机号、乡镇……）会自动识别。确认前不会写入任何数据。"
            action={<DownloadButton url="/api/volunteers/import/template" size="small">下载模板</DownloadButton>} />
          <Upload.Dragger accept=".xlsx" maxCount={1} showUploadList={false} disabled={uploading} beforeUpload={(file) => { void upload(file); return false; }}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{uploading ? '正在读取并逐行校验…' : '点击或拖动 Excel 文件（.xlsx）到这里上传'}</p>
            <p className="ant-upload-hint">单个文件不超过 5MB，一次最多 5000 行</p>
          </Upload.Dragger>
        </Space>
      )}
      {preview && !result && (
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          <Descriptions size="small" column={5} bordered>
            <Descriptions.Item label="文件">{preview.fileName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="数据行">{fmtCount(preview.total)}</Descriptions.Item>
            <Descriptions.Item label="可导入"><Typography.Text type="success">{fmtCount(preview.valid)}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label="有问题"><Typography.Text type={preview.invalid ? 'danger' : undefined}>{fmtCount(preview.invalid)}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label="已登记">{fmtCount(preview.duplicates)}</Descriptions.Item>
          </Descriptions>
          {preview.invalid > 0 && <Alert type="error" showIcon title={`有 ${fmtCount(preview.invalid)} 行存在问题，请按下表在 Excel 中修改后重新上传；全部正确后才能导入（全部导入或全部不导入）。`} />}
          {preview.duplicates > 0 && (
            <Alert type="warning" showIcon title={`有 ${fmtCount(preview.duplicates)} 人已经登记过（身份证号相同，或姓名和出生日期相同）`}
              description={<Radio.Group value={duplicates} onChange={(e) => setDuplicates(e.target.value)} options={[{ value: 'skip', label: '跳过这些人' }, { value: 'update', label: '用表中信息更新' }]} />} />
          )}
          {committing && <ImportProgress job={job} unit="人" />}
          <ImportErrorTable errors={problems} pageSize={8} />
          <Table size="small" rowKey="row" dataSource={preview.rows} pagination={{ pageSize: 8, hideOnSinglePage: true }} scroll={{ x: 'max-content' }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 70 },
              { title: '姓名', dataIndex: 'name' },
              { title: '类别', dataIndex: 'category' },
              { title: '所属组织', dataIndex: 'orgUnitName' },
              { title: '出生日期', dataIndex: 'birthDate' },
              { title: '身份证号', dataIndex: 'idNumber' },
              { title: '校验', key: 'ok', render: (_, r) => (r.errors.length ? <Tag color="error">有问题</Tag> : r.duplicateOf ? <Tag color="warning">已登记</Tag> : <Tag color="success">通过</Tag>) },
            ]} />
        </Space>
      )}
      {result && <Alert type="success" showIcon title={`导入完成：新增 ${fmtCount(result.created)} 人，更新 ${fmtCount(result.updated)} 人，跳过 ${fmtCount(result.skipped)} 人。`} />}
    </Modal>
  );
}
