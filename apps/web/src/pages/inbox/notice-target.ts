/** Pages of the app that a notice's link may open; anything else (an old or foreign address) is not followed. */
const REPORT_PAGES = [
  { path: '/my-reports', label: '去报送' },
  { path: '/reports', label: '查看调度' },
  { path: '/tasks', label: '设定时限' },
];

/**
 * Where a notice takes its reader: its task, or the report page its link names (links are absolute, built from the
 * api's public URL, so only the path and query are kept), or null when it is only to be read.
 */
export function noticeTarget(notice: { taskId?: string | null; link?: string | null }): { path: string; label: string } | null {
  if (notice.taskId) return { path: `/tasks/${notice.taskId}`, label: '查看任务' };
  if (!notice.link) return null;
  let url: URL;
  try {
    url = new URL(notice.link, 'http://app.invalid');
  } catch {
    return null;
  }
  const page = REPORT_PAGES.find((p) => url.pathname === p.path);
  return page ? { path: `${url.pathname}${url.search}`, label: page.label } : null;
}
