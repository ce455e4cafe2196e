import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Badge, Card, Col, Empty, Input, List, Row, Tag, Tree, Typography } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { orgUnitKindLabels, type OrgUnit } from '@gg/shared';
import { api, type Page } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorResult } from '../../app/ErrorPage';
import { useOrgTree } from './useOrgTree';
import { OrgUnitDetail } from './OrgUnitDetail';

interface TreeNode {
  key: string;
  title: React.ReactNode;
  isLeaf: boolean;
  children?: TreeNode[];
}

/** 组织架构: the tree on the left (loaded level by level), the chosen node on the right. */
export default function OrgUnitsPage() {
  const { can } = useAuth();
  const [sp, setSp] = useSearchParams();
  const selected = sp.get('node');
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const qc = useQueryClient();
  const tree = useOrgTree({ includeDisabled: can('orgUnit:disable') || can('orgUnit:update') });

  const select = useCallback(
    (id: string) =>
      setSp((prev) => {
        const next = new URLSearchParams(prev);
        next.set('node', id);
        next.delete('page');
        return next;
      }),
    [setSp],
  );

  const results = useQuery({
    queryKey: ['org-units', 'search', search],
    queryFn: () => api.get<Page<OrgUnit>>('/api/org-units', { q: search, pageSize: 30, sort: 'path' }),
    enabled: search.length > 0,
  });

  const treeData = tree.build<TreeNode>((n, children) => ({
    key: n.id,
    isLeaf: n.childCount === 0,
    children,
    title: (
      <span style={{ color: n.status === 'disabled' ? '#999' : undefined }}>
        {n.name}
        <Tag style={{ marginLeft: 6, fontSize: 12 }} bordered={false}>
          {orgUnitKindLabels[n.kind]}
        </Tag>
        {n.status === 'disabled' && <Tag color="default">停用</Tag>}
      </span>
    ),
  }));
  const current = selected ?? tree.state.roots[0] ?? null;

  /** After a change, reload the parts of the tree that show it and every cached org-unit query. */
  const refresh = useCallback(
    async (...parentIds: (string | null | undefined)[]) => {
      await Promise.all(parentIds.filter((x): x is string => Boolean(x)).map((id) => tree.loadChildren(id).catch(() => undefined)));
      await qc.invalidateQueries({ queryKey: ['org-units'] });
    },
    [tree, qc],
  );

  return (
    <Row gutter={16} wrap>
      <Col xs={24} lg={8} xxl={7}>
        <Card title={<span><ApartmentOutlined /> 组织体系</span>} styles={{ body: { padding: 12, minHeight: 480 } }}>
          <Input.Search
            placeholder="搜索组织名称"
            allowClear
            enterButton="搜索"
            aria-label="搜索组织名称"
            onSearch={(v) => setSearch(v.trim())}
            onChange={(e) => !e.target.value && setSearch('')}
            style={{ marginBottom: 12 }}
          />
          {search ? (
            <List
              size="small"
              loading={results.isFetching}
              header={<Typography.Text type="secondary">搜索结果{results.data ? `（${results.data.total}）` : ''}</Typography.Text>}
              dataSource={results.data?.items ?? []}
              locale={{ emptyText: <Empty description="没有找到匹配的组织" /> }}
              renderItem={(u) => (
                <List.Item onClick={() => select(u.id)} style={{ cursor: 'pointer', background: u.id === current ? '#fbeceb' : undefined, paddingInline: 8 }}>
                  <List.Item.Meta title={<a>{u.name}</a>} description={`${u.pathNames.join(' / ')} · ${orgUnitKindLabels[u.kind]}`} />
                </List.Item>
              )}
            />
          ) : tree.error ? (
            <ErrorResult error={tree.error} onRetry={() => void tree.loadRoots()} />
          ) : (
            <Tree
              blockNode
              showLine
              treeData={treeData}
              selectedKeys={current ? [current] : []}
              expandedKeys={expanded ?? tree.state.roots}
              onExpand={(keys) => setExpanded(keys.map(String))}
              loadData={async (node) => {
                const id = String(node.key);
                if (!tree.node(id)?.childIds) await tree.loadChildren(id);
              }}
              onSelect={(keys) => keys[0] && select(String(keys[0]))}
              style={{ fontSize: 15 }}
              aria-label="组织树"
            />
          )}
          {!search && tree.loading && <Badge status="processing" text="正在加载组织树…" />}
        </Card>
      </Col>
      <Col xs={24} lg={16} xxl={17}>
        {current ? (
          <OrgUnitDetail id={current} onSelect={select} onChanged={refresh} onExpand={(id) => setExpanded((keys) => Array.from(new Set([...(keys ?? tree.state.roots), id])))} />
        ) : (
          <Card>
            <Empty description={tree.loading ? '正在加载…' : '请在左侧选择一个组织'} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
