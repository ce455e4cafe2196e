/** Coded values shared by server and web, with their Chinese labels. */

export const orgUnitKinds = ['province', 'city', 'county', 'township', 'village', 'community', 'school', 'enterprise'] as const;
export type OrgUnitKind = (typeof orgUnitKinds)[number];
export const orgUnitKindLabels: Record<OrgUnitKind, string> = {
  province: '省',
  city: '市',
  county: '县（区）',
  township: '乡镇（街道）',
  village: '村',
  community: '社区',
  school: '学校',
  enterprise: '企业',
};

/** Which kinds may stand under which: the tree's shape. */
export const orgUnitChildKinds: Record<OrgUnitKind, readonly OrgUnitKind[]> = {
  province: ['city'],
  city: ['county'],
  county: ['township', 'school', 'enterprise'],
  township: ['village', 'community', 'school', 'enterprise'],
  village: [],
  community: [],
  school: [],
  enterprise: [],
};

export const dataScopes = ['all', 'subtree', 'node', 'self', 'custom'] as const;
export type DataScope = (typeof dataScopes)[number];
export const dataScopeLabels: Record<DataScope, string> = {
  all: '全部数据',
  subtree: '本级及下级',
  node: '仅本级',
  self: '仅本人',
  custom: '自定义组织',
};

/** The three separated administrators (三员分立). */
export const separatedDuties = ['systemAdmin', 'securityAdmin', 'auditAdmin'] as const;
export type SeparatedDuty = (typeof separatedDuties)[number];

export const builtinRoleCodes = [
  'countyOffice',
  'townshipOfficer',
  'grassrootsLiaison',
  'memberUnitLiaison',
  'volunteer',
  'countyLeader',
  'systemAdmin',
  'securityAdmin',
  'auditAdmin',
] as const;
export type BuiltinRoleCode = (typeof builtinRoleCodes)[number];

export const userStatuses = ['active', 'disabled'] as const;
export type UserStatus = (typeof userStatuses)[number];
export const userStatusLabels: Record<UserStatus, string> = { active: '正常', disabled: '停用' };

export const recordStatuses = ['active', 'disabled'] as const;
export type RecordStatus = (typeof recordStatuses)[number];
export const recordStatusLabels: Record<RecordStatus, string> = { active: '启用', disabled: '停用' };

/** The elder volunteer corps (五老). */
export const volunteerCategories = ['cadre', 'veteran', 'expert', 'teacher', 'model'] as const;
export type VolunteerCategory = (typeof volunteerCategories)[number];
export const volunteerCategoryLabels: Record<VolunteerCategory, string> = {
  cadre: '老干部',
  veteran: '老战士',
  expert: '老专家',
  teacher: '老教师',
  model: '老模范',
};

export const volunteerStatuses = ['active', 'paused', 'left', 'deceased'] as const;
export type VolunteerStatus = (typeof volunteerStatuses)[number];
export const volunteerStatusLabels: Record<VolunteerStatus, string> = { active: '在册服务', paused: '暂停服务', left: '已退出', deceased: '已故' };

export const sexes = ['male', 'female'] as const;
export type Sex = (typeof sexes)[number];
export const sexLabels: Record<Sex, string> = { male: '男', female: '女' };

export const volunteerSpecialties = ['lecturing', 'law', 'education', 'skills', 'psychology', 'health', 'arts', 'agriculture', 'history', 'sports'] as const;
export type VolunteerSpecialty = (typeof volunteerSpecialties)[number];
export const volunteerSpecialtyLabels: Record<VolunteerSpecialty, string> = {
  lecturing: '宣讲',
  law: '法律',
  education: '教育辅导',
  skills: '技能传授',
  psychology: '心理疏导',
  health: '医疗健康',
  arts: '文艺',
  agriculture: '农业技术',
  history: '党史地方史',
  sports: '体育',
};

export const committeePosts = ['none', 'director', 'deputyDirector', 'member'] as const;
export type CommitteePost = (typeof committeePosts)[number];
export const committeePostLabels: Record<CommitteePost, string> = { none: '无', director: '主任', deputyDirector: '副主任', member: '委员' };

export const politicalStatuses = ['cpc', 'probationary', 'league', 'democratic', 'masses'] as const;
export type PoliticalStatus = (typeof politicalStatuses)[number];
export const politicalStatusLabels: Record<PoliticalStatus, string> = {
  cpc: '中共党员',
  probationary: '中共预备党员',
  league: '共青团员',
  democratic: '民主党派',
  masses: '群众',
};

export const volunteerHealths = ['good', 'fair', 'poor'] as const;
export type VolunteerHealth = (typeof volunteerHealths)[number];
export const volunteerHealthLabels: Record<VolunteerHealth, string> = { good: '良好', fair: '一般', poor: '较差' };

export const volunteerAvailabilities = ['weekly', 'monthly', 'occasional'] as const;
export type VolunteerAvailability = (typeof volunteerAvailabilities)[number];
export const volunteerAvailabilityLabels: Record<VolunteerAvailability, string> = { weekly: '每周可服务', monthly: '每月可服务', occasional: '不定期' };

/** Age bands for filters and statistics (whole years on the day asked). */
export const ageBands = ['under60', '60to69', '70to79', '80plus'] as const;
export type AgeBand = (typeof ageBands)[number];
export const ageBandLabels: Record<AgeBand, string> = { under60: '60岁以下', '60to69': '60-69岁', '70to79': '70-79岁', '80plus': '80岁及以上' };
export const ageBandRanges: Record<AgeBand, { min: number; max: number | null }> = {
  under60: { min: 0, max: 59 },
  '60to69': { min: 60, max: 69 },
  '70to79': { min: 70, max: 79 },
  '80plus': { min: 80, max: null },
};

export const volunteerTeamKinds = ['report', 'lecture', 'mentoring', 'station'] as const;
export type VolunteerTeamKind = (typeof volunteerTeamKinds)[number];
export const volunteerTeamKindLabels: Record<VolunteerTeamKind, string> = {
  report: '关心下一代报告团',
  lecture: '"五老"宣讲团',
  mentoring: '结对帮扶小组',
  station: '校外辅导站',
};

export const volunteerTeamRoles = ['leader', 'deputy', 'member'] as const;
export type VolunteerTeamRole = (typeof volunteerTeamRoles)[number];
export const volunteerTeamRoleLabels: Record<VolunteerTeamRole, string> = { leader: '团长（组长）', deputy: '副团长（副组长）', member: '成员' };

export const volunteerServiceSources = ['activity', 'visit', 'manual', 'training'] as const;
export type VolunteerServiceSource = (typeof volunteerServiceSources)[number];
export const volunteerServiceSourceLabels: Record<VolunteerServiceSource, string> = { activity: '活动', visit: '结对走访', manual: '补录', training: '技能培训授课' };

/**
 * Service-level stars from cumulative hours (志愿服务星级). The county may change the thresholds (a setting of the
 * volunteers module); these are the defaults: 100/300/600/1000/1500 小时 for one to five stars.
 */
export const defaultVolunteerStarHours = [100, 300, 600, 1000, 1500] as const;

export function volunteerStars(totalHours: number, starHours: readonly number[] = defaultVolunteerStarHours): { stars: number; nextStarHours: number | null } {
  let stars = 0;
  starHours.forEach((hours, i) => {
    if (totalHours >= hours) stars = i + 1;
  });
  return { stars, nextStarHours: starHours[stars] ?? null };
}

// ---- 目标考核 / 组织领导 / 要素保障
export const targetKinds = ['target', 'responsibility'] as const;
export type TargetKind = (typeof targetKinds)[number];
export const targetKindLabels: Record<TargetKind, string> = { target: '目标任务', responsibility: '责任事项' };

/** draft (office drafting) → confirmed (the unit confirmed) → completed. */
export const targetStatuses = ['draft', 'confirmed', 'completed'] as const;
export type TargetStatus = (typeof targetStatuses)[number];
export const targetStatusLabels: Record<TargetStatus, string> = { draft: '待确认', confirmed: '推进中', completed: '已完成' };

export const notableDeedStatuses = ['submitted', 'qualified', 'rejected'] as const;
export type NotableDeedStatus = (typeof notableDeedStatuses)[number];
export const notableDeedStatusLabels: Record<NotableDeedStatus, string> = { submitted: '待认定', qualified: '已认定', rejected: '未认定' };

export const rubricAppliesTo = ['memberUnit', 'committee'] as const;
export type RubricAppliesTo = (typeof rubricAppliesTo)[number];
export const rubricAppliesToLabels: Record<RubricAppliesTo, string> = { memberUnit: '成员单位', committee: '乡镇（街道）关工委' };

export const rubricItemKinds = ['item', 'deduction', 'bonus'] as const;
export type RubricItemKind = (typeof rubricItemKinds)[number];
export const rubricItemKindLabels: Record<RubricItemKind, string> = { item: '评分项', deduction: '扣分项', bonus: '加分项' };

export const rubricScorings = ['manual', 'computed'] as const;
export type RubricScoring = (typeof rubricScorings)[number];
export const rubricScoringLabels: Record<RubricScoring, string> = { manual: '人工评分', computed: '按数据自动计分' };

/** Data a computed rubric item is scored from, for one unit and one year. */
export const rubricMetrics = ['activities', 'notableDeeds', 'targetsCompletedPercent', 'tasksDonePercent', 'overdueTasks', 'trainings', 'meetingsAttended'] as const;
export type RubricMetric = (typeof rubricMetrics)[number];
export const rubricMetricLabels: Record<RubricMetric, string> = {
  activities: '开展活动场次',
  notableDeeds: '经认定的像样的事（件）',
  targetsCompletedPercent: '目标完成率（%）',
  tasksDonePercent: '交办任务按期办结率（%）',
  overdueTasks: '逾期未办结任务（项）',
  trainings: '干部培训次数',
  meetingsAttended: '出席联席会议次数',
};

/** pending (awaiting self-assessment) → submitted → reviewed → final. */
export const assessmentStatuses = ['pending', 'submitted', 'reviewed', 'final'] as const;
export type AssessmentStatus = (typeof assessmentStatuses)[number];
export const assessmentStatusLabels: Record<AssessmentStatus, string> = { pending: '待自评', submitted: '待审核', reviewed: '已审核', final: '已定分' };

export const meetingStatuses = ['planned', 'held'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];
export const meetingStatusLabels: Record<MeetingStatus, string> = { planned: '筹备中', held: '已召开' };

export const meetingAttendances = ['invited', 'present', 'leave', 'absent'] as const;
export type MeetingAttendance = (typeof meetingAttendances)[number];
export const meetingAttendanceLabels: Record<MeetingAttendance, string> = { invited: '已邀请', present: '出席', leave: '请假', absent: '缺席' };

export const taskStatuses = ['open', 'inProgress', 'done'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export const taskStatusLabels: Record<TaskStatus, string> = { open: '待办理', inProgress: '办理中', done: '已办结' };

export const fundDirections = ['income', 'expense'] as const;
export type FundDirection = (typeof fundDirections)[number];
export const fundDirectionLabels: Record<FundDirection, string> = { income: '收入', expense: '支出' };

export const fundSources = ['fiscal', 'foundation', 'donation', 'memberUnit', 'other'] as const;
export type FundSource = (typeof fundSources)[number];
export const fundSourceLabels: Record<FundSource, string> = { fiscal: '财政拨款', foundation: '关心下一代基金会', donation: '社会捐赠', memberUnit: '成员单位支持', other: '其他' };

export const venueTypes = ['room', 'tutoringStation', 'careStation', 'other'] as const;
export type VenueType = (typeof venueTypes)[number];
export const venueTypeLabels: Record<VenueType, string> = { room: '关工活动室', tutoringStation: '校外辅导站', careStation: '关爱服务站', other: '其他阵地' };

export const leadershipPosts = ['director', 'executiveDeputy', 'deputyDirector', 'secretaryGeneral', 'member', 'staff'] as const;
export type LeadershipPost = (typeof leadershipPosts)[number];
export const leadershipPostLabels: Record<LeadershipPost, string> = {
  director: '主任', executiveDeputy: '常务副主任', deputyDirector: '副主任', secretaryGeneral: '秘书长', member: '委员', staff: '专干',
};

/** Background tasks (long exports, the yearly report): queued → running → done | failed; a done task's file expires. */
export const backgroundTaskStatuses = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export type BackgroundTaskStatus = (typeof backgroundTaskStatuses)[number];
export const backgroundTaskStatusLabels: Record<BackgroundTaskStatus, string> = {
  queued: '排队中',
  running: '进行中',
  done: '已完成',
  failed: '失败',
  expired: '已过期',
};

export const inboxKinds = ['lectureAssigned', 'mentorOverdue', 'trainingFollowUp', 'taskAssigned', 'deadlineNear', 'approvalWaiting'] as const;
export type InboxKind = (typeof inboxKinds)[number];
export const inboxKindLabels: Record<InboxKind, string> = { lectureAssigned: '宣讲安排', mentorOverdue: '结对走访', trainingFollowUp: '跟踪回访', taskAssigned: '交办任务', deadlineNear: '期限将至', approvalWaiting: '待审批' };
