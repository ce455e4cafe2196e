import { useEffect, useState } from 'react';
import { Button, Card, Col, Drawer, Empty, Form, Input, InputNumber, Row, Select, Skeleton, Space, Tag } from 'antd';
import { CheckCircleOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  creationCriterionInput, creationScoringLabels, creationTypeCreate, creationTypeUpdate, orgUnitKindLabels, recordStatusLabels, type CreationType,
} from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { ActionButtons } from '../../components/ActionButtons';
import { onMutationError } from '../../components/mutation';
import { useSchemaForm } from '../../components/schemaForm';
import { optionsOf, zodRule } from '../activities/common';
import { useCreationTypes } from './common';

const kindOptions = optionsOf(orgUnitKindLabels);
const scoringOptions = optionsOf(creationScoringLabels);

/** 创建类型: 零犯罪学校、零犯罪村（社区）、四零社区 and others, each with its criteria checklist. */
export default function CreationTypesPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const { types, query } = useCreationTypes();
  const [editing, setEditing] = useState<CreationType | 'new' | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['creation-types'] });
  const setStatus = async (t: CreationType, status: CreationType['status']) => {
    try {
      await api.patch(`/api/creation-types/${t.id}`, { status });
      showSuccess(status === 'disabled' ? `已停用「${t.name}」` : `已启用「${t.name}」`);
      await refresh();
    } catch (err) {
      onMutationError(err);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <div style={{ fontSize: 16, fontWeight: 600 }}>创建类型和创建标准（{types.length}）</div>
          {can('creation:manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新建
            </Button>
          )}
        </div>
      </Card>
      {query.isLoading ? (
        <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>
      ) : !types.length ? (
        <Card><Empty description={can('creation:manage') ? '还没有创建类型，可点击“新建”设立零犯罪学校、零犯罪村（社区）、四零社区等类型和创建标准' : '还没有创建类型'} /></Card>
      ) : (
        <Row gutter={[16, 16]}>
          {types.map((t) => (
            <Col key={t.id} xs={24} xl={12}>
              <Card
                title={
                  <Space>
                    {t.name}
                    <Tag color={t.status === 'active' ? 'success' : 'default'}>{recordStatusLabels[t.status]}</Tag>
                  </Space>
                }
                extra={
                  <ActionButtons
                    actions={t.actions.includes('update') ? ['update', t.status === 'active' ? 'disable' : 'enable'] : []}
                    specs={{
                      update: { label: '编辑', onClick: () => setEditing(t) },
                      disable: { label: '停用', danger: true, confirm: `确定停用「${t.name}」吗？停用后不能再申报，已有申报和命名不受影响。`, onClick: () => setStatus(t, 'disabled') },
                      enable: { label: '启用', onClick: () => setStatus(t, 'active') },
                    }}
                  />
                }
                style={{ height: '100%' }}
              >
                <div style={{ color: '#595959', marginBottom: 12 }}>
                  面向 {t.targetKinds.map((k) => orgUnitKindLabels[k]).join('、')} · 命名有效期 {t.validYears} 年{t.passScore ? ` · 合格分 ${t.passScore}` : ''}
                </div>
                {t.description && <p style={{ marginTop: 0 }}>{t.description}</p>}
                <ol style={{ paddingLeft: 20, margin: 0, lineHeight: 2 }}>
                  {t.criteria.map((c) => (
                    <li key={c.id}>
                      <CheckCircleOutlined style={{ color: '#389e0d', marginRight: 6 }} />
                      {c.title}
                      <span style={{ color: '#8c8c8c' }}>{c.scoring === 'points' ? `（${c.maxPoints} 分）` : '（达标/不达标）'}</span>
                    </li>
                  ))}
                </ol>
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Drawer open={Boolean(editing)} onClose={() => setEditing(null)} size={760} destroyOnHidden title={editing === 'new' ? '新建创建类型' : `编辑创建类型 · ${editing?.name ?? ''}`}>
        {editing && (
          <TypeForm
            type={editing === 'new' ? null : editing}
            onClose={() => setEditing(null)}
            onSaved={async () => {
              setEditing(null);
              await refresh();
            }}
          />
        )}
      </Drawer>
    </Space>
  );
}

function TypeForm({ type, onClose, onSaved }: { type: CreationType | null; onClose: () => void; onSaved: () => void }) {
  const sf = useSchemaForm(type ? creationTypeUpdate : creationTypeCreate);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (type)
      sf.form.setFieldsValue({
        name: type.name, targetKinds: type.targetKinds, validYears: type.validYears, passScore: type.passScore, description: type.description ?? '',
        criteria: type.criteria.map((c) => ({ id: c.id, title: c.title, scoring: c.scoring, maxPoints: c.maxPoints })),
      });
    else sf.form.setFieldsValue({ validYears: 3, passScore: 0, targetKinds: ['school'], criteria: [{ title: '', scoring: 'pass', maxPoints: 0 }] });
  }, [sf.form, type]);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      const saved = type ? await api.patch<CreationType>(`/api/creation-types/${type.id}`, values) : await api.post<CreationType>('/api/creation-types', values);
      showSuccess(type ? '已保存，已有验收记录保留原标准' : `已新建「${saved.name}」`);
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="creation-type" size="large">
      <Row gutter={16}>
        {!type && (
          <Col span={10}>
            <Form.Item label="编码" {...sf.item('code')} required extra="英文字母开头，如 zeroCrimeSchool">
              <Input maxLength={30} />
            </Form.Item>
          </Col>
        )}
        <Col span={type ? 24 : 14}>
          <Form.Item label="名称" {...sf.item('name')} required>
            <Input maxLength={50} placeholder="如：零犯罪学校" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="创建对象" {...sf.item('targetKinds')} required>
            <Select mode="multiple" options={kindOptions} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="有效期（年）" {...sf.item('validYears')} required>
            <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="合格分" {...sf.item('passScore')}>
            <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="说明" {...sf.item('description')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Card size="small" title="创建标准（逐项验收）" style={{ marginBottom: 16 }}>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={8} align="top">
                  <Col span={1} style={{ paddingTop: 8 }}>{i + 1}.</Col>
                  <Col span={13}>
                    <Form.Item name={[f.name, 'title']} rules={[zodRule(creationCriterionInput.shape.title)]}>
                      <Input maxLength={200} placeholder="如：全年在校学生无违法犯罪" aria-label={`第${i + 1}条标准`} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[f.name, 'scoring']} initialValue="pass">
                      <Select options={scoringOptions} aria-label="评分方式" />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[f.name, 'maxPoints']} initialValue={0}>
                      <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} aria-label="分值" />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除该条" disabled={fields.length <= 1} onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ title: '', scoring: 'pass', maxPoints: 0 })}>
                添加一条标准
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
