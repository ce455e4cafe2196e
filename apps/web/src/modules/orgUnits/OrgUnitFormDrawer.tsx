import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Select, Space, Switch } from 'antd';
import { orgUnitChildKinds, orgUnitCreate, orgUnitKindLabels, orgUnitUpdate, type OrgUnit } from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { useSchemaForm } from '../../components/schemaForm';

export type OrgUnitFormTarget = { mode: 'create'; parent: OrgUnit } | { mode: 'edit'; unit: OrgUnit };

interface Props {
  target: OrgUnitFormTarget | null;
  onClose: () => void;
  onSaved: (unit: OrgUnit) => void;
}

/** Add a child node or edit a node, in a drawer; the shared schema validates as you type. */
export function OrgUnitFormDrawer({ target, onClose, onSaved }: Props) {
  const creating = target?.mode === 'create';
  const parent = target?.mode === 'create' ? target.parent : null;
  const kinds = parent ? orgUnitChildKinds[parent.kind] : [];
  return (
    <Drawer
      open={Boolean(target)}
      onClose={onClose}
      size={560}
      destroyOnHidden
      title={creating ? `新增下级组织 · ${parent?.name}` : `编辑组织 · ${target?.mode === 'edit' ? target.unit.name : ''}`}
    >
      {target && (creating ? <CreateForm parent={parent!} kinds={kinds} onClose={onClose} onSaved={onSaved} /> : <EditForm unit={(target as { unit: OrgUnit }).unit} onClose={onClose} onSaved={onSaved} />)}
    </Drawer>
  );
}

function CommonFields({ item }: { item: ReturnType<typeof useSchemaForm>['item'] }) {
  return (
    <>
      <Form.Item label="组织代码" {...item('code')} extra="可填统一社会信用代码或内部编码，选填">
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item label="联系人" {...item('contactName')}>
        <Input maxLength={20} autoComplete="off" />
      </Form.Item>
      <Form.Item label="联系电话" {...item('contactPhone')}>
        <Input maxLength={20} inputMode="tel" autoComplete="off" placeholder="手机号或座机，如 0797-1234567" />
      </Form.Item>
      <Form.Item label="地址" {...item('address')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label="已成立关工委（关工小组）" {...item('hasCommittee')} valuePropName="checked">
        <Switch checkedChildren="是" unCheckedChildren="否" />
      </Form.Item>
    </>
  );
}

function Footer({ busy, onClose }: { busy: boolean; onClose: () => void }) {
  return (
    <Form.Item style={{ marginTop: 24 }}>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          保存
        </Button>
        <Button onClick={onClose}>取消</Button>
      </Space>
    </Form.Item>
  );
}

function CreateForm({ parent, kinds, onClose, onSaved }: { parent: OrgUnit; kinds: readonly string[]; onClose: () => void; onSaved: (u: OrgUnit) => void }) {
  const sf = useSchemaForm(orgUnitCreate, { extra: () => ({ parentId: parent.id }) });
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    sf.form.setFieldsValue({ kind: kinds[0], hasCommittee: false });
  }, [sf.form, kinds]);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      const unit = await api.post<OrgUnit>('/api/org-units', values);
      showSuccess(`已新增「${unit.name}」`);
      onSaved(unit);
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  if (!kinds.length) return <Alert type="warning" showIcon title={`${orgUnitKindLabels[parent.kind]}下不能再设下级组织`} />;
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="org-unit-create">
      <Form.Item label="上级组织">
        <Input value={[...parent.pathNames].join(' / ')} disabled />
      </Form.Item>
      <Form.Item label="组织名称" {...sf.item('name')}>
        <Input maxLength={50} autoFocus placeholder="如：东风镇" />
      </Form.Item>
      <Form.Item label="组织类型" {...sf.item('kind')}>
        <Select options={kinds.map((k) => ({ value: k, label: orgUnitKindLabels[k as keyof typeof orgUnitKindLabels] }))} placeholder="请选择组织类型" />
      </Form.Item>
      <CommonFields item={sf.item} />
      <Footer busy={busy} onClose={onClose} />
    </Form>
  );
}

function EditForm({ unit, onClose, onSaved }: { unit: OrgUnit; onClose: () => void; onSaved: (u: OrgUnit) => void }) {
  const sf = useSchemaForm(orgUnitUpdate);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    sf.form.setFieldsValue({
      name: unit.name,
      code: unit.code ?? '',
      contactName: unit.contactName ?? '',
      contactPhone: unit.contactPhone ?? '',
      address: unit.address ?? '',
      hasCommittee: unit.hasCommittee,
    });
  }, [sf.form, unit]);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      const saved = await api.patch<OrgUnit>(`/api/org-units/${unit.id}`, values);
      showSuccess('已保存');
      onSaved(saved);
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="org-unit-edit">
      <Form.Item label="组织类型">
        <Input value={orgUnitKindLabels[unit.kind]} disabled />
      </Form.Item>
      <Form.Item label="组织名称" {...sf.item('name')} required>
        <Input maxLength={50} />
      </Form.Item>
      <CommonFields item={sf.item} />
      <Footer busy={busy} onClose={onClose} />
    </Form>
  );
}
