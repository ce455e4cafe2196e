import { useEffect, useState, type ReactNode } from 'react';
import { Button, Card, Col, Form, Row, Space, Table, type TableProps } from 'antd';
import { DownOutlined, ReloadOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons';
import type { useListQuery } from './useListQuery';

export interface QueryField {
  name: string;
  label: string;
  node: ReactNode;
}

interface ListPageProps<T extends { id: string }> {
  list: ReturnType<typeof useListQuery<T>>;
  fields: QueryField[];
  toolbar?: ReactNode;
  /** Shown left of the toolbar, e.g. the list's title or a selection summary. */
  title?: ReactNode;
  columns: NonNullable<TableProps<T>['columns']>;
  tableProps?: Partial<TableProps<T>>;
  /** What to do next when the list is empty. */
  emptyText?: ReactNode;
}

/** The list page of style.md: a collapsible query form over a toolbar over a paginated, sortable table. */
export function ListPage<T extends { id: string }>({ list, fields, toolbar, title, columns, tableProps, emptyText }: ListPageProps<T>) {
  const [form] = Form.useForm();
  const [expanded, setExpanded] = useState(false);
  const collapsible = fields.length > 3;
  const visible = collapsible && !expanded ? fields.slice(0, 3) : fields;

  useEffect(() => {
    form.setFieldsValue(list.filters);
  }, [form, list.filters]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {fields.length > 0 && (
        <Card size="small" styles={{ body: { padding: '20px 24px 0' } }}>
          <Form form={form} layout="horizontal" labelCol={{ flex: '88px' }} onFinish={list.setFilters} initialValues={list.filters} role="search">
            <Row gutter={24}>
              {visible.map((f) => (
                <Col key={f.name} xs={24} md={12} xl={8}>
                  <Form.Item name={f.name} label={f.label}>
                    {f.node}
                  </Form.Item>
                </Col>
              ))}
              <Col xs={24} md={12} xl={8} style={{ marginLeft: 'auto', textAlign: 'right' }}>
                <Form.Item>
                  <Space>
                    <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                      查询
                    </Button>
                    <Button
                      icon={<ReloadOutlined />}
                      onClick={() => {
                        form.resetFields();
                        form.setFieldsValue(Object.fromEntries(fields.map((f) => [f.name, undefined])));
                        list.resetFilters();
                      }}
                    >
                      重置
                    </Button>
                    {collapsible && (
                      <Button type="link" onClick={() => setExpanded((v) => !v)} icon={expanded ? <UpOutlined /> : <DownOutlined />} iconPlacement="end">
                        {expanded ? '收起' : '展开'}
                      </Button>
                    )}
                  </Space>
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </Card>
      )}
      <Card>
        {(toolbar || title) && (
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 16, gap: 12, flexWrap: 'wrap' }}>
            <div style={{ fontSize: 16, fontWeight: 600 }}>{title}</div>
            <Space wrap>{toolbar}</Space>
          </div>
        )}
        <Table<T> {...list.tableProps} columns={columns} locale={emptyText ? { emptyText } : undefined} {...tableProps} />
      </Card>
    </Space>
  );
}
