import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Badge, Button, Drawer, Form, Input, Select, Space, Tag, Typography, type TableProps } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { noticeCreate, noticeLevelLabels, noticeLevels, type Notice, type NoticeLevel } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { fmtCount, fmtDate, fmtDateTime } from '../../app/format';
import { ListPage } from '../../components/ListPage';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useSchemaForm } from '../../components/schemaForm';
import { useListQuery } from '../../components/useListQuery';

const levelColor: Record<NoticeLevel, string> = { normal: 'default', important: 'orange', urgent: 'red' };
export function LevelTag({ level }: { level: NoticeLevel }) {
  return <Tag color={levelColor[level]}>{noticeLevelLabels[level]}</Tag>;
}

/** 通知公告: what was sent to me, with read status; 发布 for those allowed. */
export default function NoticesPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const list = useListQuery<Notice>({ key: 'notices', url: '/api/notices', filters: ['unread', 'level'], defaultSort: '-publishedAt' });
  const [publishing, setPublishing] = useState(false);
  const openId = sp.get('open');
  const [reading, setReading] = useState<Notice | null>(null);

  const open = async (n: Notice) => {
    setReading(n);
    if (!n.read && n.actions.includes('markRead')) {
      try {
        await api.post(`/api/notices/${n.id}/read`);
        await qc.invalidateQueries({ queryKey: ['notices'] });
      } catch {
        // Reading still works if marking fails; the list shows it unread.
      }
    }
  };

  useEffect(() => {
    if (!openId) return;
    void api.get<Notice>(`/api/notices/${openId}`).then(open, () => undefined);
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      next.delete('open');
      return next;
    });
  }, [openId]);

  const columns: TableProps<Notice>['columns'] = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (t: string, r) => (
        <Space>
          {!r.read && <Badge status="error" />}
          <a onClick={() => void open(r)} style={{ fontWeight: r.read ? 400 : 600 }}>
            {t}
          </a>
        </Space>
      ),
    },
    { title: '紧急程度', dataIndex: 'level', key: 'level', sorter: true, sortOrder: list.sortOrderOf('level'), render: (l: NoticeLevel) => <LevelTag level={l} /> },
    { title: '发送范围', render: (_, r) => (r.orgUnit ? `${r.orgUnit.name}及下级` : '全体') },
    { title: '发布人', render: (_, r) => r.publishedBy.displayName },
    { title: '发布日期', dataIndex: 'publishedAt', key: 'publishedAt', sorter: true, sortOrder: list.sortOrderOf('publishedAt'), render: fmtDate },
    { title: '状态', dataIndex: 'read', render: (read: boolean) => (read ? <Tag>已读</Tag> : <Tag color="red">未读</Tag>) },
  ];
  const unreadCount = (list.query.data as { unreadCount?: number } | undefined)?.unreadCount;

  return (
    <>
      <ListPage<Notice>
        list={list}
        fields={[
          { name: 'q', label: '标题', node: <Input allowClear maxLength={50} /> },
          { name: 'unread', label: '阅读状态', node: <Select allowClear placeholder="全部" options={[{ value: 'true', label: '只看未读' }]} /> },
          { name: 'level', label: '紧急程度', node: <Select allowClear placeholder="全部" options={noticeLevels.map((l) => ({ value: l, label: noticeLevelLabels[l] }))} /> },
        ]}
        title={`通知公告${unreadCount ? `（未读 ${fmtCount(unreadCount)}）` : ''}`}
        toolbar={
          can('notice:publish') && (
            <Button type="primary" icon={<NotificationOutlined />} onClick={() => setPublishing(true)}>
              发布通知
            </Button>
          )
        }
        columns={columns}
        emptyText="暂无通知"
      />
      <Drawer open={Boolean(reading)} onClose={() => setReading(null)} size={640} title={reading?.title}>
        {reading && (
          <>
            <Space wrap style={{ marginBottom: 16, color: '#595959' }}>
              <LevelTag level={reading.level} />
              <span>{reading.publishedBy.displayName}</span>
              <span>{fmtDateTime(reading.publishedAt)}</span>
              <span>发送范围：{reading.orgUnit ? `${reading.orgUnit.name}及下级` : '全体'}</span>
            </Space>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16, lineHeight: 1.9 }}>{reading.body}</Typography.Paragraph>
          </>
        )}
      </Drawer>
      <Drawer open={publishing} onClose={() => setPublishing(false)} size={640} destroyOnHidden title="发布通知">
        {publishing && (
          <PublishForm
            onClose={() => setPublishing(false)}
            onSaved={async () => {
              setPublishing(false);
              await qc.invalidateQueries({ queryKey: ['notices'] });
            }}
          />
        )}
      </Drawer>
    </>
  );
}

function PublishForm({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const sf = useSchemaForm(noticeCreate);
  const [busy, setBusy] = useState(false);
  useEffect(() => sf.form.setFieldsValue({ level: 'normal' }), [sf.form]);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      await api.post('/api/notices', values);
      showSuccess('通知已发布');
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="notice">
      <Form.Item label="标题" {...sf.item('title')}>
        <Input maxLength={100} autoFocus />
      </Form.Item>
      <Form.Item label="紧急程度" {...sf.item('level')}>
        <Select options={noticeLevels.map((l) => ({ value: l, label: noticeLevelLabels[l] }))} />
      </Form.Item>
      <Form.Item label="发送范围" {...sf.item('orgUnitId')} extra="选择组织则发给该组织及其下级；不选则发给全体（须有全县数据范围）">
        <OrgTreeSelect placeholder="全体" />
      </Form.Item>
      <Form.Item label="正文" {...sf.item('body')}>
        <Input.TextArea rows={12} maxLength={10000} showCount />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            发布
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
