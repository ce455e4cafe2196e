import { useState } from 'react';
import { Alert, Form, Modal } from 'antd';
import { orgUnitChildKinds, orgUnitKindLabels, type OrgUnit } from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { applyFieldErrors } from '../../components/schemaForm';

/** Move a node under a new parent: only nodes that may hold its kind can be chosen; its own subtree is left out. */
export function OrgUnitMoveModal({ unit, onClose, onMoved }: { unit: OrgUnit | null; onClose: () => void; onMoved: (u: OrgUnit, oldParentId: string | null) => void }) {
  const [form] = Form.useForm<{ parentId?: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={Boolean(unit)}
      title={`移动组织 · ${unit?.name ?? ''}`}
      onCancel={onClose}
      okText="移动"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      onOk={async () => {
        if (!unit) return;
        const { parentId } = await form.validateFields();
        setBusy(true);
        try {
          const moved = await api.post<OrgUnit>(`/api/org-units/${unit.id}/move`, { parentId });
          showSuccess(`已移动到新的上级组织`);
          onMoved(moved, unit.parentId);
        } catch (err) {
          applyFieldErrors(form, err);
        } finally {
          setBusy(false);
        }
      }}
    >
      {unit && (
        <Form form={form} layout="vertical" name="org-unit-move">
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`当前位置：${unit.pathNames.join(' / ')}。移动后，其下级组织一并移动。`} />
          <Form.Item name="parentId" label="新的上级组织" rules={[{ required: true, message: '请选择新的上级组织' }]} extra={`只能选择可设立${orgUnitKindLabels[unit.kind]}的组织`}>
            <OrgTreeSelect exclude={unit.id} selectable={(n) => n.id !== unit.parentId && n.status === 'active' && orgUnitChildKinds[n.kind].includes(unit.kind)} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
