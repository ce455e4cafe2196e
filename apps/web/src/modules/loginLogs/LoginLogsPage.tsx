import { Select } from 'antd';
import type { AuditEvent } from '@gg/shared';
import { fmtCount } from '../../app/format';
import { ListPage } from '../../components/ListPage';
import { useListQuery } from '../../components/useListQuery';
import { auditColumns, auditFields, auditFilterKeys } from '../audit/AuditEventsPage';

const loginEvents: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.lockout': '账号锁定',
  'auth.forceLogout': '强制下线',
  'auth.passwordChange': '修改密码',
  'auth.secondFactorEnabled': '绑定动态验证码',
};

/** 登录日志: sign-ins, sign-outs, lockouts, force-logouts and password changes. */
export default function LoginLogsPage() {
  const list = useListQuery<AuditEvent>({ key: 'login-logs', url: '/api/login-logs', filters: auditFilterKeys, defaultSort: '-seq' });
  return (
    <ListPage<AuditEvent>
      list={list}
      fields={auditFields({ name: 'event', label: '事件', node: <Select allowClear placeholder="全部" options={Object.entries(loginEvents).map(([value, label]) => ({ value, label }))} /> })}
      title={`登录日志${list.query.data ? `（${fmtCount(list.query.data.total)}）` : ''}`}
      columns={auditColumns(list, (e) => loginEvents[e] ?? e)}
    />
  );
}
