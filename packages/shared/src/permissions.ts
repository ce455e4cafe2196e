/**
 * Permission names are `module:action`. Every route names exactly one of these
 * (or `public` / `authenticated` for sign-in and the caller's own account).
 */
export const permissionGroups = {
  orgUnit: { label: '组织体系', actions: { read: '查看', create: '新增', update: '编辑', move: '移动', disable: '停用', export: '导出' } },
  memberUnit: { label: '成员单位', actions: { read: '查看', create: '新增', update: '编辑', export: '导出' } },
  user: { label: '用户管理', actions: { read: '查看', create: '新增', update: '编辑', resetPassword: '重置密码', disable: '启用/停用', import: '导入', export: '导出', unmask: '查看完整信息' } },
  role: { label: '角色权限', actions: { read: '查看', create: '新增', update: '编辑', grant: '分配角色' } },
  setting: { label: '安全策略', actions: { read: '查看', update: '修改' } },
  dictionary: { label: '数据字典', actions: { read: '查看', update: '维护' } },
  notice: { label: '通知公告', actions: { read: '查看', publish: '发布' } },
  session: { label: '在线用户', actions: { read: '查看', forceLogout: '强退' } },
  audit: { label: '审计日志', actions: { read: '查看', export: '导出', verify: '校验', purge: '清理过期记录' } },
  loginLog: { label: '登录日志', actions: { read: '查看' } },
  sealed: { label: '封存记录', actions: { request: '申请查阅', approve: '审批查阅' } },
  system: { label: '系统监控', actions: { monitor: '查看运行状态', runJob: '执行定时任务', backup: '备份' } },
  dashboard: { label: '工作概览', actions: { read: '查看' } },
  report: { label: '报表', actions: { read: '生成年度工作总结', export: '导出统计报表' } },
  careCase: {
    label: '关爱帮扶',
    actions: {
      read: '查看', create: '建档', update: '编辑与个案工作', approveClosure: '审批结案', export: '导出（脱敏）', exportFull: '导出完整信息',
      import: '导入台账', unmask: '查看完整信息', assist: '登记帮扶', merge: '合并重复档案', stats: '查看统计', mentee: '查看本人结对对象',
      dataRequest: '登记和处理个人信息请求',
    },
  },
  volunteer: { label: '五老队伍', actions: { read: '查看', create: '新增', update: '编辑', export: '导出', import: '导入', unmask: '查看完整信息', certificate: '开具服务证明', stats: '统计', settings: '设置星级标准' } },
  activity: { label: '活动记录', actions: { read: '查看', create: '登记', update: '编辑', delete: '删除', export: '导出', stats: '查看统计' } },
  lecture: { label: '菜单式宣讲', actions: { read: '查看宣讲菜单', request: '预约宣讲', manage: '管理菜单与派讲', confirm: '确认本人宣讲安排' } },
  base: { label: '教育基地', actions: { read: '查看', manage: '登记与维护' } },
  campaign: { label: '主题活动', actions: { read: '查看', manage: '新增与维护' } },
  creation: { label: '创建活动', actions: { read: '查看', apply: '申报', check: '验收与复查', manage: '命名、撤销与标准维护' } },
  target: { label: '目标清单', actions: { read: '查看', manage: '制定与维护', confirm: '确认目标', progress: '报告进展', export: '导出' } },
  notableDeed: { label: '像样的事', actions: { read: '查看', record: '登记', review: '认定与设定保底日期', export: '导出' } },
  assessment: { label: '目标考核', actions: { read: '查看本单位考核', self: '自评', review: '审核评分', rubric: '维护考核细则', rank: '查看排名和汇总', export: '导出' } },
  meeting: { label: '联席会议', actions: { read: '查看', manage: '组织会议与交办任务', taskUpdate: '报告任务办理情况', supervise: '查看督办清单', export: '导出' } },
  resource: { label: '要素保障', actions: { read: '查看', manage: '登记与维护', export: '导出' } },
  brand: { label: '工作品牌', actions: { read: '查看', manage: '维护', export: '导出' } },
  training: { label: '技能培训', actions: { read: '查看', manage: '开班与课次管理', demand: '维护产业用工需求', enrol: '学员报名与名单', record: '考勤与跟踪回访', export: '导出', import: '导入花名册', unmask: '查看完整信息', stats: '查看成效统计' } },
} as const;

type Groups = typeof permissionGroups;
export type Permission = {
  [M in keyof Groups]: `${M & string}:${keyof Groups[M]['actions'] & string}`;
}[keyof Groups];

export const allPermissions: Permission[] = Object.entries(permissionGroups).flatMap(([module, group]) =>
  Object.keys(group.actions).map((action) => `${module}:${action}` as Permission),
);

export function isPermission(value: string): value is Permission {
  return (allPermissions as string[]).includes(value);
}
