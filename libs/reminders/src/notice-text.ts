import { formatDateZh, periodLabel, type Period } from '#libs/calendar';
import { NOTICE_LEVEL_LABELS, RECIPIENT_ROLE_LABELS, type NoticeLevel, type PlannedNotice } from './rules/index.js';

/** Names in titles are shortened: a reform item or milestone can be several sentences long, a title is one line. */
export function shortName(name: string, max = 60): string {
  const t = name.trim().replace(/\s+/g, ' ');
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

export interface DeadlineFacts {
  taskName: string;
  milestoneTitle: string | null;
  departmentName: string | null;
  dueDate: string;
  statusLabel: string;
  link: string;
}

/** The body of a deadline notice: what, whose, when, who is being chased, and where to act. */
export function deadlineBody(title: string, n: Pick<PlannedNotice, 'recipient' | 'level'>, f: DeadlineFacts): string {
  return noticeBody(title, n, { ...f, due: formatDateZh(f.dueDate) }, []);
}

/** A task notice's body: the same lines for the sweep's notices and a person's 催办, with that person's words. */
function noticeBody(title: string, n: Pick<PlannedNotice, 'recipient' | 'level'>, f: Omit<DeadlineFacts, 'dueDate'> & { due: string }, extra: string[]): string {
  const lines = [
    title,
    '',
    `任务：${f.taskName.trim()}`,
    ...(f.milestoneTitle ? [`时间节点：${f.milestoneTitle.trim()}`] : []),
    `牵头部门：${f.departmentName ?? '未指定'}`,
    `到期日：${f.due}`,
    `当前状态：${f.statusLabel}`,
    `提醒对象：${RECIPIENT_ROLE_LABELS[n.recipient]}（${NOTICE_LEVEL_LABELS[n.level]}）`,
    ...extra,
    '',
    `请登录系统查看并更新进展：${f.link}`,
  ];
  return lines.join('\n');
}

export interface ManualNoticeFacts {
  taskName: string;
  departmentName: string | null;
  /** The task's deadline in words: a date, or 持续实施 / the deadline text when it has none. */
  due: string;
  statusLabel: string;
  link: string;
  message: string;
  senderName: string;
}

/** A 提醒 / 催办 / 督办 a coordinator sends by hand about one task, with their message. */
export function manualNoticeText(n: Pick<PlannedNotice, 'recipient' | 'level'>, f: ManualNoticeFacts): { title: string; body: string } {
  const title = `${tag(n.level)}“${shortName(f.taskName)}”：${shortName(f.message, 80)}`;
  const body = noticeBody(title, n, { ...f, milestoneTitle: null }, [`${NOTICE_LEVEL_LABELS[n.level]}意见：${f.message.trim()}`, `发送人：${f.senderName}`]);
  return { title, body };
}

export interface ReportTaskLine {
  name: string;
  dueDate: string | null;
  link: string;
}

function taskLines(tasks: ReportTaskLine[]): string[] {
  return tasks.map((t, i) => `${i + 1}. ${t.name.trim()}（${t.dueDate ? `到期日：${formatDateZh(t.dueDate)}` : '持续实施/无固定期限'}）${t.link}`);
}

function tag(level: NoticeLevel): string {
  return `【${NOTICE_LEVEL_LABELS[level]}】`;
}

/** Window opened: the department's list of tasks to report on. */
export function reportDueText(period: Period, closes: string, tasks: ReportTaskLine[]): { title: string; body: string } {
  const title = `${tag('remind')}${periodLabel(period)}进展情况报送已开始，请于${formatDateZh(closes)}前报送${tasks.length}项任务`;
  const body = [title, '', '需报送进展情况（进展、存在问题、意见建议）的任务：', ...taskLines(tasks)].join('\n');
  return { title, body };
}

/** Window closed: the tasks the department has not reported on. */
export function reportMissingText(period: Period, tasks: ReportTaskLine[]): { title: string; body: string } {
  const title = `${tag('urge')}${periodLabel(period)}进展情况报送已截止，尚有${tasks.length}项任务未报送`;
  const body = [title, '', '以下任务尚未报送本期进展情况，请尽快补报：', ...taskLines(tasks)].join('\n');
  return { title, body };
}

/** 一键催报: the coordinator chases a department's unreported tasks of a quarter, whether or not its window has closed. */
export function reportChaseText(period: Period, tasks: ReportTaskLine[]): { title: string; body: string } {
  const title = `${tag('urge')}请尽快报送${periodLabel(period)}进展情况，尚有${tasks.length}项任务未报送`;
  const body = [title, '', '以下任务尚未报送本期进展情况：', ...taskLines(tasks)].join('\n');
  return { title, body };
}

/** Window closed: for the coordinator, every department that has not reported. */
export function reportMissingSummaryText(period: Period, departments: { name: string; missing: number }[], link: string): { title: string; body: string } {
  const title = `${tag('remind')}${periodLabel(period)}进展情况报送已截止，${departments.length}个部门未按时报送`;
  const body = [
    title,
    '',
    '未报送部门（未报送任务数）：',
    ...departments.map((d, i) => `${i + 1}. ${d.name}（${d.missing}项）`),
    '',
    `请登录系统督促报送：${link}`,
  ].join('\n');
  return { title, body };
}

/** Shown in full up to this many; a longer list says how many more, and the link opens them all. */
const WITHOUT_DEADLINE_LINES = 50;

/** For the coordinator, weekly: the tasks adopted without a deadline (the document gave no 时限), to be dated one by one. */
export function withoutDeadlineText(tasks: { name: string; batch: string; department: string | null; link: string }[], link: string): { title: string; body: string } {
  const title = `${tag('remind')}本省有${tasks.length}项任务未设时限，请逐项设定截止日期`;
  const shown = tasks.slice(0, WITHOUT_DEADLINE_LINES);
  const body = [
    title,
    '',
    '以下任务的文件未写时限，承接时也未取省定默认时限（未设时限的任务不会到期提醒、也不计入逾期）：',
    ...shown.map((t, i) => `${i + 1}. ${shortName(t.name)}（${t.batch}；牵头：${t.department ?? '未指定'}）${t.link}`),
    ...(tasks.length > shown.length ? [`……另有${tasks.length - shown.length}项`] : []),
    '',
    `请登录系统设定时限：${link}`,
  ].join('\n');
  return { title, body };
}
