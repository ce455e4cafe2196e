import { useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Modal, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { UserImportPreview } from '@gg/shared';
import { api } from '../../app/api';
import { ImportErrorTable, ImportProgress, useImportJob } from '../../components/ImportKit';
import { showSuccess } from '../../app/feedback';
import { fmtCount } from '../../app/format';
import { DownloadButton } from '../../components/DownloadButton';
import { onMutationError } from '../../components/mutation';

interface CommitReply {
  created: number;
  skipped: number;
  users: { id: string; username: string; displayName: string; oneTimePassword: string }[];
}

/** 导入: upload an .xlsx → preview with every problem by row and column → 确认导入 (one transaction). */
export function UserImportModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const [preview, setPreview] = useState<UserImportPreview | null>(null);
  const [uploading, setUploading] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [result, setResult] = useState<CommitReply | null>(null);
  // Creating accounts (one-time passwords) takes a while for big files: its progress is polled meanwhile.
  const job = useImportJob(committing ? preview?.token ?? null : null, committing);

  const reset = () => {
    setPreview(null);
    setResult(null);
    setSkipInvalid(false);
  };

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const fd = new FormData();
      fd.append('file', file, file.name);
      setPreview(await api.post<UserImportPreview>('/api/users/import/preview', fd));
    } catch (err) {
      onMutationError(err);
    } finally {
      setUploading(false);
    }
  };

  const commit = async () => {
    if (!preview) return;
    setCommitting(true);
    try {
      const reply = await api.post<CommitReply>('/api/users/import/commit', { token: preview.token, skipInvalid: preview.invalid > 0 ? skipInvalid : undefined });
      setResult(reply);
      showSuccess(`已导入 ${fmtCount(reply.created)} 个账号`);
      onDone();
    } catch (err) {
      onMutationError(err);
    } finally {
      setCommitting(false);
    }
  };

  const canCommit = preview && !result && preview.valid > 0 && (preview.invalid === 0 || skipInvalid);

  return (
    <Modal
      open={open}
      title="导入用户"
      width={960}
      destroyOnHidden
      afterOpenChange={(o) => !o && reset()}
      onCancel={onClose}
      footer={
        <Space>
          {preview && !result && <Button onClick={reset}>重新上传</Button>}
          {!result && (
            <Button type="primary" disabled={!canCommit} loading={committing} onClick={commit}>
              确认导入{preview ? `（${fmtCount(skipInvalid ? preview.valid : preview.total)} 行）` : ''}
            </Button>
          )}
          <Button onClick={onClose}>{result ? '完成' : '取消'}</Button>
        </Space>
      }
    >
      {!preview && (
        <Space orientation="vertical" style={{ width: '100%' }} size={16}>
          <Alert
            type="info"
            showIcon
            title="请先下载模板，按“填表说明”填写后上传。上传后先预览校验，确认前不会写入任何数据。"
            action={<DownloadButton url="/api/users/import/template" size="small">下载模板</DownloadButton>}
          />
          <Upload.Dragger accept=".xlsx" maxCount={1} showUploadList={false} disabled={uploading} beforeUpload={(file) => { void upload(file); return false; }}>
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{uploading ? '正在读取并校验…' : '点击或拖动 Excel 文件（.xlsx）到这里上传'}</p>
            <p className="ant-upload-hint">单个文件不超过 10MB</p>
          </Upload.Dragger>
        </Space>
      )}
      {preview && !result && (
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          <Descriptions size="small" column={4} bordered>
            <Descriptions.Item label="文件">{preview.fileName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="数据行">{fmtCount(preview.total)}</Descriptions.Item>
            <Descriptions.Item label="可导入">
              <Typography.Text type="success">{fmtCount(preview.valid)}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="有问题">
              <Typography.Text type={preview.invalid ? 'danger' : undefined}>{fmtCount(preview.invalid)}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          {preview.invalid > 0 && (
            <Alert
              type="warning"
              showIcon
              title={`有 ${fmtCount(preview.invalid)} 行存在问题。可在 Excel 中修改后重新上传，或只导入没有问题的行。`}
              description={<Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)}>只导入没有问题的 {fmtCount(preview.valid)} 行</Checkbox>}
            />
          )}
          {committing && <ImportProgress job={job} unit="个账号" />}
          <Tabs
            items={[
              {
                key: 'errors',
                label: `问题清单（${fmtCount(preview.errors.length)}）`,
                children: preview.errors.length ? <ImportErrorTable errors={preview.errors} pageSize={8} /> : <Typography.Text type="secondary">没有发现问题</Typography.Text>,
              },
              {
                key: 'rows',
                label: `数据预览（${fmtCount(preview.rows.length)}）`,
                children: (
                  <Table
                    size="small"
                    rowKey="row"
                    dataSource={preview.rows}
                    pagination={{ pageSize: 8, hideOnSinglePage: true }}
                    scroll={{ x: 'max-content' }}
                    columns={[
                      { title: '行号', dataIndex: 'row', width: 70 },
                      { title: '用户名', dataIndex: 'username' },
                      { title: '姓名', dataIndex: 'displayName' },
                      { title: '手机号', dataIndex: 'phone' },
                      { title: '所属组织', dataIndex: 'orgUnit' },
                      { title: '成员单位', dataIndex: 'memberUnit' },
                      { title: '校验', dataIndex: 'ok', render: (ok: boolean) => (ok ? <Tag color="success">通过</Tag> : <Tag color="error">有问题</Tag>) },
                    ]}
                  />
                ),
              },
              {
                key: 'columns',
                label: '列对应',
                children: (
                  <Table
                    size="small"
                    rowKey="header"
                    dataSource={preview.columns}
                    pagination={false}
                    columns={[
                      { title: '表格中的列', dataIndex: 'header' },
                      { title: '对应字段', dataIndex: 'label', render: (v: string | null) => v ?? <Typography.Text type="secondary">未识别，忽略</Typography.Text> },
                    ]}
                  />
                ),
              },
            ]}
          />
        </Space>
      )}
      {result && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="success" showIcon title={`已导入 ${fmtCount(result.created)} 个账号${result.skipped ? `，跳过 ${fmtCount(result.skipped)} 行` : ''}。以下一次性密码只显示这一次，请妥善告知本人。`} />
          <Typography.Paragraph copyable={{ text: result.users.map((u) => `${u.username}\t${u.displayName}\t${u.oneTimePassword}`).join('\n'), tooltips: ['复制全部', '已复制'] }}>
            复制全部（用户名、姓名、一次性密码）
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="id"
            dataSource={result.users}
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            columns={[
              { title: '用户名', dataIndex: 'username' },
              { title: '姓名', dataIndex: 'displayName' },
              { title: '一次性密码', dataIndex: 'oneTimePassword', render: (v: string) => <Typography.Text copyable code>{v}</Typography.Text> },
            ]}
          />
        </Space>
      )}
    </Modal>
  );
}
