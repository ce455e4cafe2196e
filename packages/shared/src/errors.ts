/**
 * The one error catalogue. Each code is stable (clients and tests match on it),
 * maps to one HTTP status, and carries the Chinese message people read.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容有误，请检查后重试' },
  BAD_REQUEST: { status: 400, message: '请求无法处理' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已超时，请重新登录' },
  LOGIN_FAILED: { status: 401, message: '用户名或密码错误' },
  ACCOUNT_LOCKED: { status: 423, message: '连续登录失败次数过多，账号已临时锁定，请稍后再试' },
  ACCOUNT_DISABLED: { status: 401, message: '用户名或密码错误' },
  SECOND_FACTOR_REQUIRED: { status: 401, message: '请输入动态验证码' },
  SECOND_FACTOR_INVALID: { status: 401, message: '动态验证码错误' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '请先修改初始密码' },
  PASSWORD_EXPIRED: { status: 403, message: '密码已过期，请修改密码' },
  SECOND_FACTOR_SETUP_REQUIRED: { status: 403, message: '该账号须先绑定动态验证码' },
  PASSWORD_POLICY: { status: 400, message: '密码不符合安全策略' },
  PASSWORD_REUSED: { status: 400, message: '不能使用最近用过的密码' },
  PASSWORD_WRONG: { status: 400, message: '原密码错误' },
  FORBIDDEN: { status: 403, message: '没有权限执行此操作' },
  CROSS_SITE_REQUEST: { status: 403, message: '请求来源不被允许' },
  IP_BLOCKED: { status: 403, message: '该地址已被禁止访问' },
  NOT_FOUND: { status: 404, message: '记录不存在' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  ORG_UNIT_NOT_FOUND: { status: 404, message: '组织不存在' },
  MEMBER_UNIT_NOT_FOUND: { status: 404, message: '成员单位不存在' },
  USER_NOT_FOUND: { status: 404, message: '用户不存在' },
  ROLE_NOT_FOUND: { status: 404, message: '角色不存在' },
  CONFLICT: { status: 409, message: '数据已被修改，请刷新后重试' },
  USERNAME_TAKEN: { status: 409, message: '用户名已被使用' },
  ORG_UNIT_NAME_TAKEN: { status: 409, message: '同一上级下已有同名组织' },
  MEMBER_UNIT_NAME_TAKEN: { status: 409, message: '已有同名成员单位' },
  ROLE_CODE_TAKEN: { status: 409, message: '角色编码已被使用' },
  ORG_UNIT_MOVE_INVALID: { status: 400, message: '不能把组织移动到它自己或它的下级之下' },
  ORG_UNIT_LEVEL_INVALID: { status: 400, message: '该类型的组织不能放在所选上级之下' },
  ORG_UNIT_HAS_CHILDREN: { status: 409, message: '该组织下还有启用的下级组织，不能停用' },
  ORG_UNIT_ROOT: { status: 400, message: '根组织不能移动或停用' },
  SEPARATION_OF_DUTIES: { status: 409, message: '系统管理员、安全管理员、审计管理员不能由同一账号兼任' },
  SELF_CHANGE_FORBIDDEN: { status: 403, message: '不能修改自己的组织、角色、数据范围或状态' },
  IMPORT_PREVIEW_EXPIRED: { status: 410, message: '导入预览已过期或已提交，请重新上传文件' },
  IMPORT_HAS_ERRORS: { status: 400, message: '导入文件中有问题行，请修改后重新上传，或选择只导入没有问题的行' },
  IMPORT_FILE_UNREADABLE: { status: 400, message: '无法读取该文件，请上传 Excel（.xlsx）文件' },
  IMPORT_EMPTY: { status: 400, message: '文件中没有可导入的数据行' },
  RATE_LIMITED: { status: 429, message: '请求过于频繁，请稍后再试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '文件或内容过大' },
  UPLOAD_TYPE_REJECTED: { status: 415, message: '文件类型不被允许' },
  UPLOAD_NOT_FOUND: { status: 404, message: '文件不存在' },
  UPLOAD_FILE_REQUIRED: { status: 400, message: '请选择要上传的文件（表单字段 file）' },
  SEALED_ACCESS_REQUEST_NOT_FOUND: { status: 404, message: '查阅申请不存在' },
  SEALED_SELF_APPROVAL: { status: 403, message: '不能审批本人提出的查阅申请' },
  SEALED_REQUEST_DECIDED: { status: 409, message: '该申请已经处理过，不能重复审批' },
  SEALED_EXPIRY_INVALID: { status: 400, message: '有效期须晚于现在，且不超过30天' },
  REASON_REQUIRED: { status: 400, message: '请填写原因' },
  AUDIT_PURGE_TOO_RECENT: { status: 400, message: '180天内的审计记录不能清理' },
  ROLE_BUILTIN_CODE: { status: 400, message: '内置角色的编码不能修改' },
  ROLE_DUTY_IMMUTABLE: { status: 400, message: '角色的三员属性不能修改' },
  ROLE_PERMISSION_SEPARATION: { status: 400, message: '该权限只能授予对应的三员角色（三员分立）' },
  SESSION_NOT_FOUND: { status: 404, message: '会话不存在或已结束' },
  SESSION_IS_CURRENT: { status: 400, message: '不能强退自己当前的会话，请使用退出登录' },
  SETTING_BLOCKS_SELF: { status: 400, message: '不能把自己当前的 IP 地址加入禁止访问名单' },
  DICTIONARY_ITEM_NOT_FOUND: { status: 404, message: '字典项不存在' },
  DICTIONARY_CODE_TAKEN: { status: 409, message: '同一字典类型下已有相同编码' },
  NOTICE_NOT_FOUND: { status: 404, message: '通知不存在' },
  ACTIVITY_NOT_FOUND: { status: 404, message: '活动不存在' },
  ACTIVITY_REFERENCE_INVALID: { status: 400, message: '所选的组织、成员单位、教育基地、主题活动或志愿者不存在或不可用' },
  CAMPAIGN_NOT_FOUND: { status: 404, message: '主题活动不存在' },
  CAMPAIGN_NAME_TAKEN: { status: 409, message: '已有同名主题活动' },
  BASE_NOT_FOUND: { status: 404, message: '教育基地不存在' },
  BASE_NAME_TAKEN: { status: 409, message: '已有同名教育基地' },
  LECTURE_TOPIC_NOT_FOUND: { status: 404, message: '宣讲主题不存在' },
  LECTURE_TOPIC_TITLE_TAKEN: { status: 409, message: '菜单中已有同名宣讲主题' },
  LECTURE_TOPIC_NOT_APPROVED: { status: 409, message: '学校只能预约经审定准入学校的宣讲主题' },
  LECTURE_TOPIC_AUDIENCE: { status: 400, message: '该宣讲主题不面向本单位类型' },
  LECTURE_REQUEST_NOT_FOUND: { status: 404, message: '宣讲预约不存在' },
  LECTURE_REQUEST_STATE: { status: 409, message: '宣讲预约当前状态下不能进行该操作' },
  LECTURE_NOT_LECTURER: { status: 400, message: '所选宣讲员不在该主题的宣讲员名单中' },
  CREATION_TYPE_NOT_FOUND: { status: 404, message: '创建类型不存在' },
  CREATION_TYPE_CODE_TAKEN: { status: 409, message: '创建类型编码已被使用' },
  CREATION_NOT_FOUND: { status: 404, message: '创建申报不存在' },
  CREATION_STATE: { status: 409, message: '创建申报当前状态下不能进行该操作' },
  CREATION_DUPLICATE: { status: 409, message: '该单位已有同类创建正在申报或在命名期内' },
  CREATION_TARGET_KIND: { status: 400, message: '该类型的创建不面向所选单位' },
  CREATION_CHECK_INCOMPLETE: { status: 400, message: '请对每一项创建标准填写验收结果' },
  DATA_INTEGRITY: { status: 500, message: '数据校验失败，请联系管理员' },
  INTERNAL: { status: 500, message: '系统内部错误，请稍后重试或联系管理员' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂不可用，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** Body of every error reply. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  requestId: string;
  details?: FieldError[];
}

export interface FieldError {
  path: string;
  message: string;
}
