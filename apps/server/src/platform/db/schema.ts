/**
 * Table types for Kysely. Columns are snake_case in SQL and camelCase here (platform/db/snakeCase.ts).
 * Times are ISO-8601 strings with offset; booleans are 0/1 integers on both databases.
 * Fields ending in `Enc` hold ciphertext from platform/crypto; `Bidx` a blind index.
 */
import type { Generated } from 'kysely';

export interface OrgUnitTable {
  id: string;
  parentId: string | null;
  name: string;
  kind: string;
  code: string | null;
  path: string;
  depth: number;
  status: string;
  contactName: string | null;
  contactPhoneEnc: string | null;
  address: string | null;
  hasCommittee: number;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
}

export interface MemberUnitTable {
  id: string;
  name: string;
  shortName: string | null;
  duties: string | null;
  liaisonName: string | null;
  liaisonPhoneEnc: string | null;
  leaderName: string | null;
  sortOrder: number;
  status: string;
  createdAt: string;
  updatedAt: string;
}

export interface AppUserTable {
  id: string;
  username: string;
  usernameKey: string;
  displayName: string;
  phoneEnc: string | null;
  orgUnitId: string | null;
  memberUnitId: string | null;
  passwordHash: string;
  passwordChangedAt: string;
  mustChangePassword: number;
  status: string;
  failedAttempts: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  totpSecretEnc: string | null;
  totpEnabled: number;
  remark: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface PasswordHistoryTable {
  userId: string;
  passwordHash: string;
  createdAt: string;
}

export interface RoleTable {
  id: string;
  code: string;
  name: string;
  description: string | null;
  dataScope: string;
  builtin: number;
  separatedDuty: string | null;
  requiresSecondFactor: number;
  createdAt: string;
  updatedAt: string;
}

export interface RolePermissionTable {
  roleId: string;
  permission: string;
}

export interface UserRoleTable {
  userId: string;
  roleId: string;
}

export interface UserScopeOrgUnitTable {
  userId: string;
  orgUnitId: string;
}

export interface PermissionCatalogueTable {
  permission: string;
  firstSeenAt: string;
}

export interface AuthzEpochTable {
  id: number;
  n: number;
}

export interface SessionTable {
  idHash: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  pending: string;
  endedAt: string | null;
  endReason: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface AuditEventTable {
  seq: number;
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  orgUnitId: string | null;
  ip: string | null;
  event: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  summary: string | null;
  detail: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface DictionaryItemTable {
  id: string;
  type: string;
  code: string;
  label: string;
  sortOrder: number;
  status: string;
}

export interface NoticeTable {
  id: string;
  title: string;
  body: string;
  level: string;
  orgUnitId: string | null;
  publishedBy: string;
  publishedAt: string;
}

export interface NoticeReadTable {
  noticeId: string;
  userId: string;
  readAt: string;
}

export interface UploadTable {
  id: string;
  originalName: string;
  mime: string;
  size: number;
  sha256: string;
  storedName: string;
  orgUnitId: string | null;
  createdBy: string;
  createdAt: string;
}

export interface SealedAccessRequestTable {
  id: string;
  objectType: string;
  objectId: string;
  orgUnitId: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  status: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  expiresAt: string | null;
}

export interface UserImportPreviewTable {
  id: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  fileName: string | null;
  rowCount: number;
  invalidCount: number;
  payloadEnc: string;
}

export interface VolunteerTable {
  id: string;
  orgUnitId: string;
  userId: string | null;
  category: string;
  name: string;
  namePinyin: string;
  nameInitials: string;
  sex: string;
  birthDate: string;
  idNumberEnc: string | null;
  idNumberBidx: string | null;
  phoneEnc: string | null;
  formerPost: string | null;
  formerUnit: string | null;
  politicalStatus: string | null;
  health: string | null;
  availability: string | null;
  committeePost: string;
  joinDate: string | null;
  status: string;
  remark: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface VolunteerSpecialtyTable {
  volunteerId: string;
  specialty: string;
}

export interface VolunteerTeamTable {
  id: string;
  orgUnitId: string;
  kind: string;
  name: string;
  description: string | null;
  status: string;
  foundedOn: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface VolunteerTeamMemberTable {
  teamId: string;
  volunteerId: string;
  role: string;
  joinedOn: string;
}

export interface VolunteerTeamTopicTable {
  id: string;
  teamId: string;
  title: string;
  summary: string | null;
  sortOrder: number;
  createdAt: string;
}

/** Hours are stored in tenths of an hour so sums are exact on both databases. */
export interface VolunteerServiceTable {
  id: string;
  volunteerId: string;
  source: string;
  sourceId: string | null;
  teamId: string | null;
  serviceDate: string;
  hoursTenths: number;
  description: string;
  reason: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface VolunteerHonourTable {
  id: string;
  volunteerId: string;
  title: string;
  awardedBy: string | null;
  awardedOn: string;
  createdAt: string;
  createdBy: string | null;
  /** Migration 0120: national | provincial | city | county | township. */
  level: Generated<string>;
  evidenceUploadId: string | null;
  /** 1: the certificate of service lists it (when awarded in the certificate's period). */
  onCertificate: Generated<number>;
  remark: string | null;
  updatedAt: string | null;
}

export interface VolunteerImportPreviewTable {
  id: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  fileName: string | null;
  rowCount: number;
  invalidCount: number;
  payloadEnc: string;
}

export interface CareCaseTable {
  id: string;
  orgUnitId: string;
  name: string;
  namePinyin: string;
  nameInitials: string;
  sex: string;
  birthDate: string;
  idNumberEnc: string;
  idNumberBidx: string | null;
  politicalStatus: string | null;
  phoneEnc: string | null;
  householdAddressEnc: string | null;
  currentAddressEnc: string | null;
  schoolOrWork: string | null;
  guardianName: string | null;
  guardianRelation: string | null;
  guardianPhoneEnc: string | null;
  contactsEnc: string | null;
  familySituationEnc: string | null;
  riskLevel: string;
  needsHelp: number;
  guardianConsent: number;
  legalBasis: string | null;
  status: string;
  intakeDate: string;
  planAt: string | null;
  closedAt: string | null;
  outcome: string | null;
  outcomeNote: string | null;
  closureOutcome: string | null;
  closureNote: string | null;
  closureRequestedBy: string | null;
  closureRequestedAt: string | null;
  mergedIntoId: string | null;
  anonymizedAt?: string | null;
  source: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CareCaseCategoryTable {
  caseId: string;
  category: string;
}

export interface CareCaseStatusChangeTable {
  id: string;
  caseId: string;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  at: string;
  byUserId: string | null;
}

export interface CareCaseOffenceTable {
  id: string;
  caseId: string;
  detailsEnc: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface CareCaseScreeningTable {
  id: string;
  caseId: string;
  screenedOn: string;
  riskFound: number;
  riskLevel: string | null;
  reoffended: number;
  descriptionEnc: string | null;
  handlingEnc: string | null;
  screenedBy: string;
  createdBy: string | null;
  createdAt: string;
}

export interface CareCaseNeedTable {
  id: string;
  caseId: string;
  kind: string;
  description: string;
  resolvedOn: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface CareCaseGoalTable {
  id: string;
  caseId: string;
  goal: string;
  dueOn: string;
  doneOn: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface CareMentorshipTable {
  id: string;
  caseId: string;
  volunteerId: string;
  role: string;
  startOn: string;
  endOn: string | null;
  endReason?: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface CareVisitTable {
  id: string;
  caseId: string;
  mentorshipId: string | null;
  visitedOn: string;
  mode: string;
  contentEnc: string;
  photoUploadIds: string;
  nextContactDue: string | null;
  recordedBy: string | null;
  createdAt: string;
}

export interface CareAssistanceTable {
  id: string;
  caseId: string;
  kind: string;
  amountFen: number;
  goods: string | null;
  fundingSource: string;
  approvedBy: string;
  paidOn: string;
  receiptUploadId: string | null;
  employmentResult: string | null;
  note: string | null;
  recordedBy: string | null;
  createdAt: string;
}

/** Care-case summaries (migration 20261129_0188), kept current by careCases/caseStats.ts. */
export interface CareCaseStatTable {
  orgUnitId: string;
  year: string;
  status: string;
  /** '' when the case has no outcome. */
  outcome: string;
  cases: number;
}

export interface CareCaseCategoryStatTable {
  orgUnitId: string;
  year: string;
  category: string;
  cases: number;
}

export interface CareCaseOffenderDayTable {
  orgUnitId: string;
  intakeDate: string;
  cases: number;
}

export interface CareAssistanceStatTable {
  orgUnitId: string;
  year: string;
  kind: string;
  fundingSource: string;
  payments: number;
  amountFen: number;
}

export interface CareAssistanceCaseYearTable {
  orgUnitId: string;
  year: string;
  kind: string;
  caseId: string;
  payments: number;
}

export interface CareDataRequestTable {
  id: string;
  caseId: string;
  orgUnitId: string;
  kind: string;
  requesterNameEnc: string;
  requesterRelation: string;
  receivedOn: string;
  detailsEnc: string;
  status: string;
  decisionNote: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  doneOn: string | null;
  doneNote: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ImportJobTable {
  id: string;
  kind: string;
  createdBy: string;
  status: string;
  total: number;
  done: number;
  createdCount: number;
  updatedCount: number;
  skippedCount: number;
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface CareCaseImportPreviewTable {
  id: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  fileName: string | null;
  rowCount: number;
  invalidCount: number;
  status: string;
  createdCount: number;
  message: string | null;
  payloadEnc: string;
}

export interface SchemaMigrationTable {
  name: string;
  appliedAt: string;
}

export interface JobTable {
  name: string;
  intervalSeconds: number;
  enabled: number;
  nextRunAt: string;
  lastRunAt: string | null;
  lastStatus: string | null;
  lockedBy: string | null;
  lockedUntil: string | null;
}

export interface JobRunTable {
  id: string;
  jobName: string;
  instance: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  message: string | null;
}

// ---- activities, lectures, bases, campaigns, creations (migration 0060)
export interface CampaignTable {
  id: string;
  name: string;
  theme: string;
  description: string | null;
  startYear: number;
  endYear: number | null;
  goalActivities: number | null;
  goalAudience: number | null;
  status: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface EducationBaseTable {
  id: string;
  orgUnitId: string;
  name: string;
  level: string;
  theme: string;
  address: string | null;
  owner: string | null;
  capacity: number | null;
  openingHours: string | null;
  contactName: string | null;
  description: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

/** Each volunteer's service hours and records per year, kept current with every service write (volunteers/serviceYears.ts). */
export interface VolunteerServiceYearTable {
  volunteerId: string;
  year: string;
  hoursTenths: number;
  records: number;
}

/**
 * Volunteers per (org node, dimension, value) — dimension 'status', 'category', 'birthYear' or 'specialty' — kept
 * current with every write of volunteer and volunteer_specialty (migration 20261129_0187; volunteers/volunteerStat.ts).
 */
export interface VolunteerStatTable {
  orgUnitId: string;
  dimension: string;
  value: string;
  volunteers: number;
}

/** Service hours and records per (org node, year) of the volunteers registered there now (volunteers/volunteerStat.ts). */
export interface VolunteerHoursStatTable {
  orgUnitId: string;
  year: string;
  hoursTenths: number;
  records: number;
}

/** Activities, audience and volunteer hours per (org node, month, type), kept current with every activity write (activities/stats.ts). */
export interface ActivityStatTable {
  orgUnitId: string;
  month: string;
  type: string;
  activities: number;
  audience: number;
  /** Migration 20261202_0194: the participants' hours, in tenths. */
  hoursTenths: Generated<number>;
}

/** Migration 20261202_0195: which volunteers took part per (org node, month, type), and in how many activities. */
export interface ActivityVolunteerStatTable {
  orgUnitId: string;
  month: string;
  type: string;
  volunteerId: string;
  participations: number;
}

export interface ActivityTable {
  id: string;
  type: string;
  studyLevel: string | null;
  title: string;
  activityDate: string;
  startTime: string | null;
  endTime: string | null;
  orgUnitId: string;
  memberUnitId: string | null;
  venue: string | null;
  baseId: string | null;
  campaignId: string | null;
  lectureRequestId: string | null;
  audienceStudents: number;
  audienceYouth: number;
  audienceOther: number;
  audienceTotal: number;
  summary: string | null;
  photoUploadIds: string;
  fileUploadIds: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface ActivityVolunteerTable {
  activityId: string;
  volunteerId: string;
  role: string;
  hoursTenths: number;
}

export interface LectureTopicTable {
  id: string;
  title: string;
  category: string;
  summary: string | null;
  audiences: string;
  durationMinutes: number;
  schoolApproved: number;
  status: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface LectureTopicLecturerTable {
  topicId: string;
  volunteerId: string;
}

export interface LectureRequestTable {
  id: string;
  topicId: string;
  orgUnitId: string;
  requestedBy: string | null;
  preferredDate: string;
  preferredTime: string | null;
  audienceEstimate: number;
  note: string | null;
  status: string;
  lecturerId: string | null;
  scheduledDate: string | null;
  assignedAt: string | null;
  assignedBy: string | null;
  confirmedAt: string | null;
  declineReason: string | null;
  activityId: string | null;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreationTypeTable {
  id: string;
  code: string;
  name: string;
  targetKinds: string;
  validYears: number;
  passScore: number;
  description: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
}

export interface CreationCriterionTable {
  id: string;
  typeId: string;
  title: string;
  scoring: string;
  maxPoints: number;
  sortOrder: number;
  status: string;
}

export interface CreationTable {
  id: string;
  typeId: string;
  orgUnitId: string;
  status: string;
  applicationNote: string | null;
  evidenceUploadIds: string;
  appliedAt: string;
  appliedBy: string | null;
  namedTitle: string | null;
  namedFrom: string | null;
  namedUntil: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreationCheckTable {
  id: string;
  creationId: string;
  kind: string;
  reviewYear: number | null;
  checkDate: string;
  inspectors: string;
  passed: number;
  totalPoints: number;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface CreationCheckItemTable {
  checkId: string;
  criterionId: string;
  passed: number;
  points: number;
  note: string | null;
}

export interface CreationEventTable {
  id: string;
  creationId: string;
  event: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  at: string;
  byUser: string | null;
}

/** A reminder in one user's in-app inbox (modules/inbox). */
export interface InboxItemTable {
  id: string;
  userId: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  sourceKey: string;
  dueOn: string | null;
  createdAt: string;
  readAt: string | null;
  smsSentAt: string | null;
}

// ---- background tasks (migration 0140)
export interface BackgroundTaskTable {
  id: string;
  kind: string;
  label: string;
  ownerId: string;
  orgUnitId: string | null;
  params: string;
  actorSnapshot: string;
  auditActor: string;
  status: string;
  progressDone: number;
  progressTotal: number;
  progressNote: string | null;
  attempts: number;
  lockedBy: string | null;
  lockedUntil: string | null;
  resultUploadId: string | null;
  resultName: string | null;
  resultRows: number | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  expiresAt: string | null;
}

// ---- training (青少年创业就业技能培训, migration 0100) ----

export interface TrainingDemandTable {
  id: string;
  industry: string;
  skill: string;
  headcount: number;
  year: number;
  period: string | null;
  memberUnitId: string | null;
  employer: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface TrainingClassTable {
  id: string;
  orgUnitId: string;
  title: string;
  skill: string;
  industry: string;
  venue: string | null;
  startDate: string;
  endDate: string;
  capacity: number;
  fundingFen: number;
  fundingSource: string | null;
  minAttendancePct: number;
  description: string | null;
  status: string;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface TrainingClassPartnerTable {
  classId: string;
  memberUnitId: string;
}

export interface TrainingTrainerTable {
  id: string;
  classId: string;
  name: string;
  volunteerId: string | null;
  sortOrder: number;
}

export interface TrainingSessionTable {
  id: string;
  classId: string;
  sessionDate: string;
  topic: string;
  hoursTenths: number;
  trainerId: string | null;
  heldAt: string | null;
  createdAt: string;
}

export interface TrainingEnrolmentTable {
  id: string;
  classId: string;
  careCaseId: string | null;
  name: string;
  namePinyin: string;
  sex: string;
  birthDate: string;
  idNumberEnc: string;
  idNumberBidx: string;
  phoneEnc: string | null;
  education: string | null;
  status: string;
  queuedAt: string;
  certificateNo: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface TrainingAttendanceTable {
  sessionId: string;
  enrolmentId: string;
  present: number;
}

export interface TrainingFollowUpTable {
  id: string;
  enrolmentId: string;
  month: number;
  outcome: string;
  employer: string | null;
  industry: string | null;
  note: string | null;
  recordedOn: string;
  createdAt: string;
  createdBy: string | null;
}

export interface TrainingImportPreviewTable {
  id: string;
  classId: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  payloadEnc: string;
  rowCount: number;
  invalidCount: number;
  usedAt: string | null;
}

export interface Database {
  authzEpoch: AuthzEpochTable;
  backgroundTask: BackgroundTaskTable;
  inboxItem: InboxItemTable;
  job: JobTable;
  jobRun: JobRunTable;
  orgUnit: OrgUnitTable;
  memberUnit: MemberUnitTable;
  appUser: AppUserTable;
  passwordHistory: PasswordHistoryTable;
  role: RoleTable;
  rolePermission: RolePermissionTable;
  userRole: UserRoleTable;
  userScopeOrgUnit: UserScopeOrgUnitTable;
  permissionCatalogue: PermissionCatalogueTable;
  session: SessionTable;
  setting: SettingTable;
  auditEvent: AuditEventTable;
  auditChainHead: AuditChainHeadTable;
  dictionaryItem: DictionaryItemTable;
  notice: NoticeTable;
  noticeRead: NoticeReadTable;
  upload: UploadTable;
  sealedAccessRequest: SealedAccessRequestTable;
  userImportPreview: UserImportPreviewTable;
  volunteer: VolunteerTable;
  volunteerSpecialty: VolunteerSpecialtyTable;
  volunteerTeam: VolunteerTeamTable;
  volunteerTeamMember: VolunteerTeamMemberTable;
  volunteerTeamTopic: VolunteerTeamTopicTable;
  volunteerService: VolunteerServiceTable;
  volunteerServiceYear: VolunteerServiceYearTable;
  volunteerStat: VolunteerStatTable;
  volunteerHoursStat: VolunteerHoursStatTable;
  volunteerHonour: VolunteerHonourTable;
  volunteerImportPreview: VolunteerImportPreviewTable;
  careCase: CareCaseTable;
  careCaseCategory: CareCaseCategoryTable;
  careCaseStatusChange: CareCaseStatusChangeTable;
  careCaseOffence: CareCaseOffenceTable;
  careCaseScreening: CareCaseScreeningTable;
  careCaseNeed: CareCaseNeedTable;
  careCaseGoal: CareCaseGoalTable;
  careMentorship: CareMentorshipTable;
  careVisit: CareVisitTable;
  careAssistance: CareAssistanceTable;
  careCaseStat: CareCaseStatTable;
  careCaseCategoryStat: CareCaseCategoryStatTable;
  careCaseOffenderDay: CareCaseOffenderDayTable;
  careAssistanceStat: CareAssistanceStatTable;
  careAssistanceCaseYear: CareAssistanceCaseYearTable;
  careCaseImportPreview: CareCaseImportPreviewTable;
  careDataRequest: CareDataRequestTable;
  importJob: ImportJobTable;
  schemaMigration: SchemaMigrationTable;
  campaign: CampaignTable;
  educationBase: EducationBaseTable;
  activity: ActivityTable;
  activityStat: ActivityStatTable;
  activityVolunteerStat: ActivityVolunteerStatTable;
  activityVolunteer: ActivityVolunteerTable;
  lectureTopic: LectureTopicTable;
  lectureTopicLecturer: LectureTopicLecturerTable;
  lectureRequest: LectureRequestTable;
  creationType: CreationTypeTable;
  creationCriterion: CreationCriterionTable;
  creation: CreationTable;
  creationCheck: CreationCheckTable;
  creationCheckItem: CreationCheckItemTable;
  creationEvent: CreationEventTable;
  target: TargetTable;
  targetProgress: TargetProgressTable;
  targetProgressActivity: TargetProgressActivityTable;
  notableDeed: NotableDeedTable;
  notableDeedDeadline: NotableDeedDeadlineTable;
  notableDeedFlag: NotableDeedFlagTable;
  rubric: RubricTable;
  rubricItem: RubricItemTable;
  assessment: AssessmentTable;
  assessmentScore: AssessmentScoreTable;
  assessmentEvent: AssessmentEventTable;
  meeting: MeetingTable;
  meetingInvitee: MeetingInviteeTable;
  meetingDecision: MeetingDecisionTable;
  task: TaskTable;
  taskUpdate: TaskUpdateTable;
  fundEntry: FundEntryTable;
  venue: VenueTable;
  venueUse: VenueUseTable;
  committeeMember: CommitteeMemberTable;
  staffTraining: StaffTrainingTable;
  brand: BrandTable;
  brandMemberUnit: BrandMemberUnitTable;
  brandActivity: BrandActivityTable;
  trainingDemand: TrainingDemandTable;
  trainingClass: TrainingClassTable;
  trainingClassPartner: TrainingClassPartnerTable;
  trainingTrainer: TrainingTrainerTable;
  trainingSession: TrainingSessionTable;
  trainingEnrolment: TrainingEnrolmentTable;
  trainingAttendance: TrainingAttendanceTable;
  trainingFollowUp: TrainingFollowUpTable;
  trainingImportPreview: TrainingImportPreviewTable;
}

export type Unused = Generated<number>;

// ---- targets, notable deeds, assessment (migration 0070)
export interface TargetTable {
  id: string;
  year: number;
  memberUnitId: string | null;
  orgUnitId: string | null;
  kind: string;
  title: string;
  measure: string | null;
  deadline: string | null;
  weight: number;
  owner: string | null;
  status: string;
  progressPercent: number;
  completedAt: string | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface TargetProgressTable {
  id: string;
  targetId: string;
  reportDate: string;
  progressPercent: number;
  note: string;
  uploadIds: string;
  createdAt: string;
  createdBy: string | null;
}

export interface TargetProgressActivityTable {
  progressId: string;
  activityId: string;
}

export interface NotableDeedTable {
  id: string;
  year: number;
  memberUnitId: string | null;
  orgUnitId: string | null;
  title: string;
  description: string;
  deedDate: string;
  uploadIds: string;
  activityIds: string;
  status: string;
  reviewNote: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface NotableDeedDeadlineTable {
  year: number;
  dueDate: string;
  setAt: string;
  setBy: string | null;
}

export interface NotableDeedFlagTable {
  year: number;
  memberUnitId: string;
  flaggedAt: string;
  clearedAt: string | null;
}

export interface RubricTable {
  id: string;
  code: string;
  name: string;
  appliesTo: string;
  description: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
}

export interface RubricItemTable {
  id: string;
  rubricId: string;
  section: string;
  title: string;
  kind: string;
  scoring: string;
  maxPoints: number | null;
  metric: string | null;
  threshold: number | null;
  perUnit: number | null;
  sortOrder: number;
}

export interface AssessmentTable {
  id: string;
  year: number;
  rubricId: string;
  memberUnitId: string | null;
  orgUnitId: string | null;
  status: string;
  selfTotal: number | null;
  reviewTotal: number | null;
  finalScore: number | null;
  selfComment: string | null;
  reviewComment: string | null;
  finalComment: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  finalizedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AssessmentScoreTable {
  assessmentId: string;
  itemId: string;
  computedValue: number | null;
  selfPoints: number | null;
  selfNote: string | null;
  reviewPoints: number | null;
  reviewNote: string | null;
}

export interface AssessmentEventTable {
  id: string;
  assessmentId: string;
  event: string;
  fromStatus: string | null;
  toStatus: string;
  total: number | null;
  note: string | null;
  at: string;
  byUser: string | null;
}

// ---- joint meetings and tasks (migration 0071)
export interface MeetingTable {
  id: string;
  orgUnitId: string;
  title: string;
  meetingDate: string;
  location: string | null;
  chair: string | null;
  agenda: string | null;
  minutes: string | null;
  materialUploadIds: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface MeetingInviteeTable {
  meetingId: string;
  memberUnitId: string;
  attendance: string;
  attendee: string | null;
}

export interface MeetingDecisionTable {
  id: string;
  meetingId: string;
  content: string;
  sortOrder: number;
  createdAt: string;
}

export interface TaskTable {
  id: string;
  meetingId: string | null;
  decisionId: string | null;
  title: string;
  description: string | null;
  memberUnitId: string | null;
  orgUnitId: string | null;
  deadline: string;
  status: string;
  overdueAt: string | null;
  remindedAt: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface TaskUpdateTable {
  id: string;
  taskId: string;
  status: string;
  note: string;
  uploadIds: string;
  at: string;
  byUser: string | null;
}

// ---- resources and brands (migration 0072)
export interface FundEntryTable {
  id: string;
  orgUnitId: string;
  year: number;
  entryDate: string;
  direction: string;
  source: string | null;
  project: string | null;
  memberUnitId: string | null;
  activityId: string | null;
  amountFen: number;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface VenueTable {
  id: string;
  orgUnitId: string;
  name: string;
  type: string;
  address: string | null;
  areaSqm: number | null;
  facilities: string | null;
  openingHours: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface VenueUseTable {
  venueId: string;
  activityId: string;
  createdAt: string;
}

export interface CommitteeMemberTable {
  id: string;
  orgUnitId: string;
  name: string;
  post: string;
  workTitle: string | null;
  isElder: number;
  since: string | null;
  status: string;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
}

export interface StaffTrainingTable {
  id: string;
  orgUnitId: string | null;
  memberUnitId: string | null;
  title: string;
  trainingDate: string;
  organizer: string | null;
  trainees: number;
  hours: number;
  content: string | null;
  uploadIds: string;
  createdAt: string;
  createdBy: string | null;
}

export interface BrandTable {
  id: string;
  name: string;
  slogan: string | null;
  description: string;
  results: string | null;
  orgUnitId: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface BrandMemberUnitTable {
  brandId: string;
  memberUnitId: string;
}

export interface BrandActivityTable {
  brandId: string;
  activityId: string;
}
