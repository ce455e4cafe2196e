import { TreeSelect, type TreeSelectProps } from 'antd';
import { orgUnitKindLabels } from '@gg/shared';
import { useOrgTree, type StoredNode } from '../modules/orgUnits/useOrgTree';

interface Props extends Omit<TreeSelectProps, 'treeData' | 'loadData' | 'onChange' | 'value'> {
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  /** Leave this node (and so its whole subtree) out, e.g. when moving it. */
  exclude?: string;
  /** Nodes that may not be chosen are shown greyed. */
  selectable?: (node: StoredNode) => boolean;
}

interface Option {
  value: string;
  title: string;
  isLeaf: boolean;
  disabled: boolean;
  children?: Option[];
}

/** Pick an org node from the tree, loaded level by level. */
export function OrgTreeSelect({ value, onChange, exclude, selectable, ...rest }: Props) {
  const tree = useOrgTree();
  const treeData = tree.build<Option>(
    (n, children) => ({
      value: n.id,
      title: `${n.name}（${orgUnitKindLabels[n.kind]}）`,
      isLeaf: n.childCount === 0,
      disabled: selectable ? !selectable(n) : false,
      children,
    }),
    exclude,
  );
  return (
    <TreeSelect
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder="请选择组织"
      {...rest}
      value={value}
      onChange={(v) => onChange?.(v as string | string[] | undefined)}
      treeData={treeData}
      loading={tree.loading}
      loadData={async (node) => {
        const id = String(node.value);
        if (!tree.node(id)?.childIds) await tree.loadChildren(id);
      }}
      treeDefaultExpandedKeys={tree.state.roots}
    />
  );
}
