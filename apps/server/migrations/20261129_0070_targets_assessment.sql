-- Target and responsibility lists (目标清单、责任清单), progress reports with evidence, notable deeds
-- (每年至少做出一件像样的事, 上不封顶、下要保底), configurable rubrics and the yearly assessment
-- (self-assessment → office review → final score, with history).
-- An item belongs either to a member unit (member_unit_id) or to a committee's org node (org_unit_id).

CREATE TABLE target (
  id TEXT PRIMARY KEY,
  year INTEGER NOT NULL,
  member_unit_id TEXT REFERENCES member_unit(id),
  org_unit_id TEXT REFERENCES org_unit(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  measure TEXT,
  deadline TEXT,
  weight INTEGER NOT NULL DEFAULT 0,
  owner TEXT,
  status TEXT NOT NULL,
  progress_percent INTEGER NOT NULL DEFAULT 0,
  completed_at TEXT,
  confirmed_at TEXT,
  confirmed_by TEXT REFERENCES app_user(id),
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE INDEX target_member_unit ON target (member_unit_id, year);
CREATE INDEX target_org_unit ON target (org_unit_id, year);
CREATE INDEX target_year ON target (year, deadline);

CREATE TABLE target_progress (
  id TEXT PRIMARY KEY,
  target_id TEXT NOT NULL REFERENCES target(id),
  report_date TEXT NOT NULL,
  progress_percent INTEGER NOT NULL,
  note TEXT NOT NULL,
  upload_ids TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE INDEX target_progress_target ON target_progress (target_id, report_date);

-- Recorded activities given as evidence; counted per target.
CREATE TABLE target_progress_activity (
  progress_id TEXT NOT NULL REFERENCES target_progress(id),
  activity_id TEXT NOT NULL REFERENCES activity(id),
  PRIMARY KEY (progress_id, activity_id)
);
CREATE INDEX target_progress_activity_activity ON target_progress_activity (activity_id);

CREATE TABLE notable_deed (
  id TEXT PRIMARY KEY,
  year INTEGER NOT NULL,
  member_unit_id TEXT REFERENCES member_unit(id),
  org_unit_id TEXT REFERENCES org_unit(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  deed_date TEXT NOT NULL,
  upload_ids TEXT NOT NULL DEFAULT '[]',
  activity_ids TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL,
  review_note TEXT,
  reviewed_at TEXT,
  reviewed_by TEXT REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE INDEX notable_deed_member_unit ON notable_deed (member_unit_id, year);
CREATE INDEX notable_deed_org_unit ON notable_deed (org_unit_id, year);
CREATE INDEX notable_deed_year ON notable_deed (year, status);

-- The date by which every member unit must have a qualifying deed (the floor), set by the office per year.
CREATE TABLE notable_deed_deadline (
  year INTEGER PRIMARY KEY,
  due_date TEXT NOT NULL,
  set_at TEXT NOT NULL,
  set_by TEXT REFERENCES app_user(id)
);

-- Units flagged by the scheduled job for having no qualifying deed by the due date; cleared when one qualifies.
CREATE TABLE notable_deed_flag (
  year INTEGER NOT NULL,
  member_unit_id TEXT NOT NULL REFERENCES member_unit(id),
  flagged_at TEXT NOT NULL,
  cleared_at TEXT,
  PRIMARY KEY (year, member_unit_id)
);

CREATE TABLE rubric (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  applies_to TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX rubric_code ON rubric (code);

-- kind: item | deduction | bonus; scoring: manual | computed (metric, threshold, per_unit).
-- max_points: full marks of an item; the cap of a deduction or bonus (NULL: no cap, 上不封顶).
CREATE TABLE rubric_item (
  id TEXT PRIMARY KEY,
  rubric_id TEXT NOT NULL REFERENCES rubric(id),
  section TEXT NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  scoring TEXT NOT NULL,
  max_points INTEGER,
  metric TEXT,
  threshold INTEGER,
  per_unit INTEGER,
  sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX rubric_item_rubric ON rubric_item (rubric_id, sort_order);

-- status: pending → submitted (self-assessed) → reviewed → final; returned goes back to pending.
CREATE TABLE assessment (
  id TEXT PRIMARY KEY,
  year INTEGER NOT NULL,
  rubric_id TEXT NOT NULL REFERENCES rubric(id),
  member_unit_id TEXT REFERENCES member_unit(id),
  org_unit_id TEXT REFERENCES org_unit(id),
  status TEXT NOT NULL,
  self_total INTEGER,
  review_total INTEGER,
  final_score INTEGER,
  self_comment TEXT,
  review_comment TEXT,
  final_comment TEXT,
  submitted_at TEXT,
  reviewed_at TEXT,
  finalized_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX assessment_member_unit ON assessment (year, rubric_id, member_unit_id);
CREATE UNIQUE INDEX assessment_org_unit ON assessment (year, rubric_id, org_unit_id);

CREATE TABLE assessment_score (
  assessment_id TEXT NOT NULL REFERENCES assessment(id),
  item_id TEXT NOT NULL REFERENCES rubric_item(id),
  computed_value INTEGER,
  self_points INTEGER,
  self_note TEXT,
  review_points INTEGER,
  review_note TEXT,
  PRIMARY KEY (assessment_id, item_id)
);

CREATE TABLE assessment_event (
  id TEXT PRIMARY KEY,
  assessment_id TEXT NOT NULL REFERENCES assessment(id),
  event TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  total INTEGER,
  note TEXT,
  at TEXT NOT NULL,
  by_user TEXT REFERENCES app_user(id)
);
CREATE INDEX assessment_event_assessment ON assessment_event (assessment_id, at);

-- Two rubrics every county starts with (editable copies can be made): 五好 for grassroots committees and
-- the member-unit rubric, with points, deductions (−5 for a missing yearly report) and bonuses (+3 for a city award).
INSERT INTO rubric (id, code, name, applies_to, description, status, created_at, updated_at) VALUES
  ('5f0b0c2e-0000-4000-8000-000000000001', 'wuhao', '“五好”基层关工委考核细则', 'committee', '领导班子建设好、五老作用发挥好、制度健全执行好、积极探索创新好、活动经常效果好', 'active', '2026-11-29T00:00:00.000Z', '2026-11-29T00:00:00.000Z'),
  ('5f0b0c2e-0000-4000-8000-000000000002', 'memberUnit', '成员单位关心下一代工作目标考核细则', 'memberUnit', '把关心下一代工作量化为目标清单、责任清单；每年至少做出一件像样的事，上不封顶、下要保底', 'active', '2026-11-29T00:00:00.000Z', '2026-11-29T00:00:00.000Z');

INSERT INTO rubric_item (id, rubric_id, section, title, kind, scoring, max_points, metric, threshold, per_unit, sort_order) VALUES
  ('5f0b0c2e-0001-4000-8000-000000000001', '5f0b0c2e-0000-4000-8000-000000000001', '领导班子建设好', '关工委主任、副主任和专干配备齐全，分工明确', 'item', 'manual', 10, NULL, NULL, NULL, 10),
  ('5f0b0c2e-0001-4000-8000-000000000002', '5f0b0c2e-0000-4000-8000-000000000001', '领导班子建设好', '关工委干部参加培训不少于4次（为关工委干部“充电赋能”）', 'item', 'computed', 10, 'trainings', 4, NULL, 20),
  ('5f0b0c2e-0001-4000-8000-000000000003', '5f0b0c2e-0000-4000-8000-000000000001', '五老作用发挥好', '“五老”骨干队伍稳定，结对帮扶落实', 'item', 'manual', 10, NULL, NULL, NULL, 30),
  ('5f0b0c2e-0001-4000-8000-000000000004', '5f0b0c2e-0000-4000-8000-000000000001', '五老作用发挥好', '组织开展“五老”宣讲等活动不少于4场', 'item', 'computed', 10, 'activities', 4, NULL, 40),
  ('5f0b0c2e-0001-4000-8000-000000000005', '5f0b0c2e-0000-4000-8000-000000000001', '制度健全执行好', '工作制度健全，学习、例会、档案制度落实', 'item', 'manual', 10, NULL, NULL, NULL, 50),
  ('5f0b0c2e-0001-4000-8000-000000000006', '5f0b0c2e-0000-4000-8000-000000000001', '制度健全执行好', '年度目标任务完成率', 'item', 'computed', 10, 'targetsCompletedPercent', 100, NULL, 60),
  ('5f0b0c2e-0001-4000-8000-000000000007', '5f0b0c2e-0000-4000-8000-000000000001', '积极探索创新好', '工作有特色、有品牌，形成可推广的经验', 'item', 'manual', 20, NULL, NULL, NULL, 70),
  ('5f0b0c2e-0001-4000-8000-000000000008', '5f0b0c2e-0000-4000-8000-000000000001', '活动经常效果好', '全年开展关心下一代活动不少于8场', 'item', 'computed', 15, 'activities', 8, NULL, 80),
  ('5f0b0c2e-0001-4000-8000-000000000009', '5f0b0c2e-0000-4000-8000-000000000001', '活动经常效果好', '活动效果好，青少年和群众认可', 'item', 'manual', 5, NULL, NULL, NULL, 90),
  ('5f0b0c2e-0001-4000-8000-00000000000a', '5f0b0c2e-0000-4000-8000-000000000001', '扣分项', '未按时报送年度工作总结', 'deduction', 'manual', 5, NULL, NULL, NULL, 100),
  ('5f0b0c2e-0001-4000-8000-00000000000b', '5f0b0c2e-0000-4000-8000-000000000001', '扣分项', '督办任务逾期未办结，每项扣2分', 'deduction', 'computed', 6, 'overdueTasks', NULL, 2, 110),
  ('5f0b0c2e-0001-4000-8000-00000000000c', '5f0b0c2e-0000-4000-8000-000000000001', '加分项', '获得市级以上表彰', 'bonus', 'manual', 3, NULL, NULL, NULL, 120),
  ('5f0b0c2e-0001-4000-8000-00000000000d', '5f0b0c2e-0000-4000-8000-000000000001', '加分项', '做出经认定的像样的事，每件加2分', 'bonus', 'computed', 4, 'notableDeeds', 0, 2, 130),
  ('5f0b0c2e-0002-4000-8000-000000000001', '5f0b0c2e-0000-4000-8000-000000000002', '组织领导', '分管领导和联络员明确，按时参加联席会议', 'item', 'computed', 10, 'meetingsAttended', 2, NULL, 10),
  ('5f0b0c2e-0002-4000-8000-000000000002', '5f0b0c2e-0000-4000-8000-000000000002', '组织领导', '把关心下一代工作纳入本单位年度工作计划', 'item', 'manual', 10, NULL, NULL, NULL, 20),
  ('5f0b0c2e-0002-4000-8000-000000000003', '5f0b0c2e-0000-4000-8000-000000000002', '目标任务', '年度目标清单完成率', 'item', 'computed', 30, 'targetsCompletedPercent', 100, NULL, 30),
  ('5f0b0c2e-0002-4000-8000-000000000004', '5f0b0c2e-0000-4000-8000-000000000002', '目标任务', '联席会议交办任务按期办结率', 'item', 'computed', 10, 'tasksDonePercent', 100, NULL, 40),
  ('5f0b0c2e-0002-4000-8000-000000000005', '5f0b0c2e-0000-4000-8000-000000000002', '部门唱戏', '组织开展关心下一代活动不少于4场', 'item', 'computed', 20, 'activities', 4, NULL, 50),
  ('5f0b0c2e-0002-4000-8000-000000000006', '5f0b0c2e-0000-4000-8000-000000000002', '部门唱戏', '每年至少做出一件像样的事（经认定）', 'item', 'computed', 10, 'notableDeeds', 1, NULL, 60),
  ('5f0b0c2e-0002-4000-8000-000000000007', '5f0b0c2e-0000-4000-8000-000000000002', '宣传报道', '工作信息报送及时，宣传报道有影响', 'item', 'manual', 10, NULL, NULL, NULL, 70),
  ('5f0b0c2e-0002-4000-8000-000000000008', '5f0b0c2e-0000-4000-8000-000000000002', '扣分项', '未按时报送年度工作总结', 'deduction', 'manual', 5, NULL, NULL, NULL, 80),
  ('5f0b0c2e-0002-4000-8000-000000000009', '5f0b0c2e-0000-4000-8000-000000000002', '扣分项', '全年没有一件像样的事（下要保底）', 'deduction', 'computed', 10, 'notableDeeds', 1, NULL, 90),
  ('5f0b0c2e-0002-4000-8000-00000000000a', '5f0b0c2e-0000-4000-8000-000000000002', '扣分项', '督办任务逾期未办结，每项扣2分', 'deduction', 'computed', 6, 'overdueTasks', NULL, 2, 100),
  ('5f0b0c2e-0002-4000-8000-00000000000b', '5f0b0c2e-0000-4000-8000-000000000002', '加分项', '获得市级以上表彰', 'bonus', 'manual', 3, NULL, NULL, NULL, 110),
  ('5f0b0c2e-0002-4000-8000-00000000000c', '5f0b0c2e-0000-4000-8000-000000000002', '加分项', '像样的事超过一件的，每多一件加2分（上不封顶）', 'bonus', 'computed', NULL, 'notableDeeds', 1, 2, 120);
