import type { ComponentType, ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  DesktopOutlined,
  HomeOutlined,
  LoginOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  BarChartOutlined,
  SolutionOutlined,
  UsergroupAddOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { Permission } from '@gg/shared';
import { preloadable, type Preloadable } from './preloadable';
import { AimOutlined, AuditOutlined as AssessOutlined, BulbOutlined, ClusterOutlined, EnvironmentOutlined, ExceptionOutlined, MoneyCollectOutlined } from '@ant-design/icons';
import { AlertOutlined, HeartOutlined, SmileOutlined } from '@ant-design/icons';
import { CalendarOutlined, CarryOutOutlined, FlagOutlined, FundOutlined, ProfileOutlined, ReadOutlined, ScheduleOutlined, SafetyOutlined, TrophyOutlined } from '@ant-design/icons';

export interface PageDef {
  path: string;
  title: string;
  icon: ReactNode;
  /** The read permission a user must hold to see the page in the menu (none: every signed-in user). */
  permission?: Permission;
  /** Show it in its menu group only with this permission (default: `permission`). */
  menuPermission?: Permission;
  /** Readers without `menuPermission` find the page at the top of the menu instead (an inbox, not administration). */
  topLevelForReaders?: boolean;
  /** The API path the page reads; the page appears only once the server offers it. */
  api: string;
  component: Preloadable;
}

export interface MenuGroup {
  key: string;
  label: string;
  pages: PageDef[];
}

const page = (def: Omit<PageDef, 'component'>, load: () => Promise<{ default: ComponentType }>): PageDef => ({ ...def, component: preloadable(load) });

export const homePage = page({ path: '/', title: '工作概览', icon: <HomeOutlined />, api: '/api/auth/me' }, () => import('../modules/dashboard/HomePage'));

/**
 * The side menu, grouped by the work areas of the 2023 joint-meeting speech. The later modules
 * (五老队伍, 关爱帮扶, 宣讲教育, 技能培训, 目标考核) join their groups here as their pages are built.
 */
export const menuGroups: MenuGroup[] = [
  {
    key: 'org',
    label: '组织体系',
    pages: [
      page({ path: '/org-units', title: '组织架构', icon: <ApartmentOutlined />, permission: 'orgUnit:read', api: '/api/org-units' }, () => import('../modules/orgUnits/OrgUnitsPage')),
      page({ path: '/member-units', title: '成员单位', icon: <BankOutlined />, permission: 'memberUnit:read', api: '/api/member-units' }, () => import('../modules/memberUnits/MemberUnitsPage')),
    ],
  },
  {
    key: 'volunteers',
    label: '五老队伍',
    pages: [
      page({ path: '/volunteers', title: '五老志愿者', icon: <SolutionOutlined />, permission: 'volunteer:read', api: '/api/volunteers' }, () => import('../modules/volunteers/VolunteersPage')),
      page({ path: '/volunteer-teams', title: '队伍管理', icon: <UsergroupAddOutlined />, permission: 'volunteer:read', api: '/api/volunteer-teams' }, () => import('../modules/volunteers/VolunteerTeamsPage')),
      page({ path: '/volunteer-stats', title: '队伍统计', icon: <BarChartOutlined />, permission: 'volunteer:stats', api: '/api/volunteers/stats' }, () => import('../modules/volunteers/VolunteerStatsPage')),
    ],
  },
  {
    key: 'lectures',
    label: '宣讲教育',
    pages: [
      page({ path: '/activities', title: '活动记录', icon: <CalendarOutlined />, permission: 'activity:read', api: '/api/activities' }, () => import('../modules/activities/ActivitiesPage')),
      page({ path: '/lecture-topics', title: '宣讲菜单', icon: <ReadOutlined />, permission: 'lecture:read', api: '/api/lecture-topics' }, () => import('../modules/lectures/LectureTopicsPage')),
      page({ path: '/lecture-requests', title: '宣讲预约', icon: <ProfileOutlined />, permission: 'lecture:read', menuPermission: 'lecture:request', api: '/api/lecture-requests' }, () => import('../modules/lectures/LectureRequestsPage')),
      page({ path: '/my-lectures', title: '我的宣讲安排', icon: <ScheduleOutlined />, permission: 'lecture:confirm', api: '/api/lecture-requests' }, () => import('../modules/lectures/MyLecturesPage')),
      page({ path: '/bases', title: '教育基地', icon: <FlagOutlined />, permission: 'base:read', api: '/api/bases' }, () => import('../modules/bases/BasesPage')),
      page({ path: '/campaigns', title: '主题活动', icon: <FundOutlined />, permission: 'campaign:read', api: '/api/campaigns' }, () => import('../modules/campaigns/CampaignsPage')),
    ],
  },
  {
    key: 'environment',
    label: '成长环境',
    pages: [
      page({ path: '/creations', title: '创建申报', icon: <CarryOutOutlined />, permission: 'creation:read', api: '/api/creations' }, () => import('../modules/creations/CreationsPage')),
      page({ path: '/creation-board', title: '创建看板', icon: <TrophyOutlined />, permission: 'creation:read', api: '/api/creations/board' }, () => import('../modules/creations/CreationBoardPage')),
      page({ path: '/creation-types', title: '创建标准', icon: <SafetyOutlined />, permission: 'creation:read', api: '/api/creation-types' }, () => import('../modules/creations/CreationTypesPage')),
    ],
  },
  {
    key: 'care',
    label: '关爱帮扶',
    pages: [
      page({ path: '/care-cases', title: '帮扶对象', icon: <HeartOutlined />, permission: 'careCase:read', api: '/api/care-cases' }, () => import('../modules/careCases/CareCasesPage')),
      page({ path: '/care-cases/overview', title: '提醒与成效', icon: <AlertOutlined />, permission: 'careCase:stats', api: '/api/care-cases/outcomes' }, () => import('../modules/careCases/CareAlertsPage')),
      page({ path: '/care-cases/data-requests', title: '个人信息请求', icon: <SafetyOutlined />, permission: 'careCase:dataRequest', api: '/api/care-cases/data-requests' }, () => import('../modules/careCases/DataRequestsPage')),
      page({ path: '/my-mentees', title: '我的结对对象', icon: <SmileOutlined />, permission: 'careCase:mentee', api: '/api/care-cases/mentees' }, () => import('../modules/careCases/MenteesPage')),
    ],
  },
  {
    key: 'training',
    label: '技能培训',
    pages: [
      page({ path: '/training/classes', title: '培训班', icon: <ReadOutlined />, permission: 'training:read', api: '/api/training/classes' }, () => import('../modules/training/TrainingClassesPage')),
      page({ path: '/training/demands', title: '产业用工需求', icon: <ProfileOutlined />, permission: 'training:read', api: '/api/training/demands' }, () => import('../modules/training/TrainingDemandsPage')),
      page({ path: '/training/results', title: '培训成效', icon: <BarChartOutlined />, permission: 'training:stats', api: '/api/training/results' }, () => import('../modules/training/TrainingResultsPage')),
    ],
  },
  {
    key: 'targets',
    label: '目标考核',
    pages: [
      page({ path: '/targets', title: '目标清单', icon: <AimOutlined />, permission: 'target:read', api: '/api/targets' }, () => import('../modules/targets/TargetsPage')),
      page({ path: '/notable-deeds', title: '像样的事', icon: <BulbOutlined />, permission: 'notableDeed:read', api: '/api/notable-deeds' }, () => import('../modules/notableDeeds/NotableDeedsPage')),
      page({ path: '/assessments', title: '年度考核', icon: <AssessOutlined />, permission: 'assessment:read', api: '/api/assessments' }, () => import('../modules/assessments/AssessmentsPage')),
      page({ path: '/assessment-ranking', title: '考核排名', icon: <BarChartOutlined />, permission: 'assessment:rank', api: '/api/assessments/ranking' }, () => import('../modules/assessments/RankingPage')),
      page({ path: '/rubrics', title: '考核细则', icon: <ProfileOutlined />, permission: 'assessment:read', api: '/api/rubrics' }, () => import('../modules/assessments/RubricsPage')),
    ],
  },
  {
    key: 'organisation',
    label: '组织领导',
    pages: [
      page({ path: '/meetings', title: '联席会议', icon: <ClusterOutlined />, permission: 'meeting:read', api: '/api/meetings' }, () => import('../modules/meetings/MeetingsPage')),
      page({ path: '/tasks', title: '交办任务', icon: <SolutionOutlined />, permission: 'meeting:read', api: '/api/tasks' }, () => import('../modules/meetings/TasksPage')),
      page({ path: '/supervision', title: '督办清单', icon: <ExceptionOutlined />, permission: 'meeting:supervise', api: '/api/tasks/supervision' }, () => import('../modules/meetings/SupervisionPage')),
      page({ path: '/brands', title: '工作品牌', icon: <TrophyOutlined />, permission: 'brand:read', api: '/api/brands' }, () => import('../modules/brands/BrandsPage')),
    ],
  },
  {
    key: 'resources',
    label: '要素保障',
    pages: [
      page({ path: '/funds', title: '经费台账', icon: <MoneyCollectOutlined />, permission: 'resource:read', api: '/api/fund-entries' }, () => import('../modules/resources/FundsPage')),
      page({ path: '/venues', title: '阵地', icon: <EnvironmentOutlined />, permission: 'resource:read', api: '/api/venues' }, () => import('../modules/resources/VenuesPage')),
      page({ path: '/committee-members', title: '班子队伍', icon: <TeamOutlined />, permission: 'resource:read', api: '/api/committee-members' }, () => import('../modules/resources/LeadershipPage')),
      page({ path: '/staff-trainings', title: '干部培训', icon: <ReadOutlined />, permission: 'resource:read', api: '/api/staff-trainings' }, () => import('../modules/resources/StaffTrainingsPage')),
    ],
  },
  {
    key: 'system',
    label: '系统管理',
    pages: [
      page({ path: '/users', title: '用户管理', icon: <TeamOutlined />, permission: 'user:read', api: '/api/users' }, () => import('../modules/users/UsersPage')),
      page({ path: '/roles', title: '角色权限', icon: <UserSwitchOutlined />, permission: 'role:read', api: '/api/roles' }, () => import('../modules/roles/RolesPage')),
      page({ path: '/dictionaries', title: '数据字典', icon: <BookOutlined />, permission: 'dictionary:read', menuPermission: 'dictionary:update', api: '/api/dictionaries' }, () => import('../modules/dictionaries/DictionariesPage')),
      page({ path: '/notices', title: '通知公告', icon: <NotificationOutlined />, permission: 'notice:read', menuPermission: 'notice:publish', topLevelForReaders: true, api: '/api/notices' }, () => import('../modules/notices/NoticesPage')),
    ],
  },
  {
    key: 'security',
    label: '安全管理',
    pages: [
      page({ path: '/settings/security', title: '安全策略', icon: <SafetyCertificateOutlined />, permission: 'setting:read', api: '/api/settings/security' }, () => import('../modules/settings/SecuritySettingsPage')),
      page({ path: '/sessions', title: '在线用户', icon: <DesktopOutlined />, permission: 'session:read', api: '/api/sessions' }, () => import('../modules/sessions/SessionsPage')),
      page({ path: '/login-logs', title: '登录日志', icon: <LoginOutlined />, permission: 'loginLog:read', api: '/api/login-logs' }, () => import('../modules/loginLogs/LoginLogsPage')),
    ],
  },
  {
    key: 'audit',
    label: '安全审计',
    pages: [
      page({ path: '/audit-events', title: '审计日志', icon: <AuditOutlined />, permission: 'audit:read', api: '/api/audit-events' }, () => import('../modules/audit/AuditEventsPage')),
    ],
  },
];

/** Pages outside the menu, reached by links (a record's own URL). */
export const detailPages: PageDef[] = [
  page({ path: '/volunteers/:id', title: '志愿者档案', icon: <SolutionOutlined />, permission: 'volunteer:read', api: '/api/volunteers' }, () => import('../modules/volunteers/VolunteerPage')),
  page({ path: '/training/classes/:id', title: '培训班', icon: <ReadOutlined />, permission: 'training:read', api: '/api/training/classes' }, () => import('../modules/training/TrainingClassPage')),
  page({ path: '/training/classes/:id/certificate/:enrolmentId', title: '结业证书', icon: <ReadOutlined />, permission: 'training:enrol', api: '/api/training/classes' }, () => import('../modules/training/CertificatePage')),
];

export const allPages: PageDef[] = [homePage, ...menuGroups.flatMap((g) => g.pages), ...detailPages];

export function groupOf(path: string): MenuGroup | undefined {
  return menuGroups.find((g) => g.pages.some((p) => p.path === path));
}
