// 领导驾驶舱: plain ES module, no framework. Talks only to the public API with the bearer token kept in sessionStorage.
const TOKEN_KEY = 'ftz.dashboard.token';
const USER_KEY = 'ftz.dashboard.user';

const $ = (id) => document.getElementById(id);
const state = { batches: [], charts: {}, lights: new Map() };

const ACTION_LABELS = {
  adopt: '承接批次', update: '调整分工', start: '启动', block: '标记受阻', unblock: '恢复推进', submit: '提交销号',
  close: '销号', return: '退回', reopen: '重新打开', mark_not_applicable: '标记不适用', override_applicability: '恢复适用',
  create: '新增', delete: '删除',
};

function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

const percent = (rate) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(path, { raw = false, ...init } = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const headers = { ...(init.headers ?? {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  const res = await fetch(path, { ...init, headers });
  if (res.status === 401 && path !== '/api/auth/login') {
    logout('登录已失效，请重新登录');
    throw new HttpError(401, '登录已失效');
  }
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new HttpError(res.status, body.message ?? `请求失败 (${res.status})`);
  }
  return raw ? res : res.json();
}

function filterQuery() {
  const params = new URLSearchParams();
  if ($('filter-period').value) params.set('period', $('filter-period').value);
  if ($('filter-batch').value) params.set('batchId', $('filter-batch').value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function setStatus(text) {
  $('status').textContent = text;
}

// ---- login
function showLogin(message = '') {
  $('login-view').hidden = false;
  $('dashboard-view').hidden = true;
  $('who').hidden = true;
  $('login-error').textContent = message;
}

function logout(message = '') {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USER_KEY);
  showLogin(message);
}

async function login(event) {
  event.preventDefault();
  $('login-submit').disabled = true;
  $('login-error').textContent = '';
  try {
    const body = await api('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('username').value.trim(), password: $('password').value }),
    });
    sessionStorage.setItem(TOKEN_KEY, body.accessToken);
    sessionStorage.setItem(USER_KEY, JSON.stringify(body.user));
    $('password').value = '';
    await start();
  } catch (error) {
    $('login-error').textContent = error.message;
  } finally {
    $('login-submit').disabled = false;
  }
}

// ---- filters
function quarterOptions(current) {
  let [year, quarter] = current.split('Q').map(Number);
  const options = [];
  for (let i = 0; i < 8; i++) {
    options.push(`${year}Q${quarter}`);
    if (--quarter === 0) [year, quarter] = [year - 1, 4];
  }
  return options;
}

function fillFilters(summary) {
  const period = $('filter-period');
  if (!period.options.length) {
    period.innerHTML = quarterOptions(summary.scope.period)
      .map((p, i) => `<option value="${p}">${p.slice(0, 4)}年第${'一二三四'[Number(p[5]) - 1]}季度${i === 0 ? '（本季度）' : ''}</option>`)
      .join('');
  }
  // The batch list comes from the unfiltered summary, so choosing a batch does not shrink it.
  if (!$('filter-batch').value) {
    state.batches = summary.byBatch;
    $('filter-batch').innerHTML =
      '<option value="">全部批次</option>' +
      state.batches.map((b) => `<option value="${b.batchId}">${escapeHtml(b.batchName)}（${escapeHtml(b.docNumber)}）</option>`).join('');
  }
}

// ---- rendering
function renderSummary(s) {
  $('scope-name').textContent = `${s.scope.provinceName}${s.scope.cityName ?? ''} · ${s.scope.periodLabel} · 数据日期 ${s.scope.today}`;
  $('kpi-total').textContent = s.applicable;
  $('kpi-total-note').textContent = s.notApplicable ? `另有不适用 ${s.notApplicable} 项` : '适用本省的任务';
  $('kpi-closed').textContent = s.closed;
  $('kpi-closed-note').textContent = `本季度销号 ${s.closedInPeriod} 项`;
  $('kpi-rate').textContent = percent(s.completionRate);
  $('kpi-overdue').textContent = s.overdue;
  $('kpi-due-soon').textContent = s.dueSoon;
  $('kpi-missing-note').textContent = `本季度缺报 ${s.reportsMissing} 项`;
  chart('chart-batches', {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['已销号', '未销号'] },
    grid: { left: 40, right: 16, bottom: 60, top: 36 },
    xAxis: { type: 'category', data: s.byBatch.map((b) => b.batchName), axisLabel: { interval: 0, rotate: s.byBatch.length > 3 ? 20 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '已销号', type: 'bar', stack: 'n', data: s.byBatch.map((b) => b.closed), itemStyle: { color: '#16a34a' } },
      {
        name: '未销号', type: 'bar', stack: 'n', data: s.byBatch.map((b) => b.applicable - b.closed), itemStyle: { color: '#cbd5e1' },
        label: { show: true, position: 'top', formatter: ({ dataIndex }) => percent(s.byBatch[dataIndex].completionRate) },
      },
    ],
  });
}

function renderTrend(t) {
  chart('chart-trend', {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['完成率', '逾期'] },
    grid: { left: 48, right: 48, bottom: 30, top: 36 },
    xAxis: { type: 'category', data: t.points.map((p) => p.period + (p.source === 'live' ? '(实时)' : '')) },
    yAxis: [
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      { type: 'value', minInterval: 1 },
    ],
    series: [
      { name: '完成率', type: 'line', symbolSize: 8, label: { show: true, formatter: '{c}%' }, data: t.points.map((p) => (p.completionRate === null ? null : +(p.completionRate * 100).toFixed(1))) },
      { name: '逾期', type: 'bar', yAxisIndex: 1, data: t.points.map((p) => p.overdue), itemStyle: { color: '#dc2626' }, barMaxWidth: 24 },
    ],
  });
}

function renderDepartments(d) {
  $('departments').tBodies[0].innerHTML = d.items.length
    ? d.items
        .map(
          (r) => `<tr><td>${r.rank}</td><td>${escapeHtml(r.departmentName)}</td><td class="num">${r.assigned}</td><td class="num">${r.closed}</td>
            <td class="num">${percent(r.completionRate)}</td><td class="num">${percent(r.onTimeRate)}</td>
            <td class="num">${r.overdue}</td><td class="num">${r.reportsMissing}</td></tr>`,
        )
        .join('')
    : '<tr><td colspan="8">暂无数据</td></tr>';
}

function heatClass(rate) {
  if (rate === null) return 'sn';
  return `s${Math.min(4, Math.floor(rate * 5))}`;
}

function renderRegions(r) {
  $('regions').innerHTML = r.items
    .map(
      (c) => `<div class="cell ${heatClass(c.implementationRate)}" title="承接 ${c.adopted} / 落实 ${c.implemented} / 应推广 ${c.total}">
        <span class="rank">#${c.rank}</span><div class="name">${escapeHtml(c.regionName)}</div>
        <div class="rates">落实 ${c.implemented}/${c.total}（${percent(c.implementationRate)}）</div>
        <div class="rates">承接 ${c.adopted}（${percent(c.adoptionRate)}）</div></div>`,
    )
    .join('');
}

function renderLights(l) {
  $('light-counts').textContent = `逾期 ${l.counts.red} 项 · 临期 ${l.counts.yellow} 项 · 正常 ${l.counts.green} 项`;
  state.lights = new Map(l.items.map((i) => [i.taskId, i]));
  $('lights').tBodies[0].innerHTML = l.items.length
    ? l.items
        .map(
          (i) => `<tr data-task="${i.taskId}"><td><span class="dot ${i.light}" title="${i.lightLabel}"></span></td>
            <td>${escapeHtml(i.itemName)}</td><td>${escapeHtml(i.batchName)}</td><td>${escapeHtml(i.leadDepartment?.name ?? '未指定')}</td>
            <td>${i.dueDate ?? ''}</td><td>${i.statusLabel}</td>
            <td>${i.light === 'red' ? `逾期 ${i.daysOverdue} 天` : `剩 ${i.daysLeft} 天`}</td></tr>`,
        )
        .join('')
    : '<tr><td colspan="7">没有逾期或临期任务</td></tr>';
}

function chart(id, option) {
  if (!window.echarts) return;
  state.charts[id] ??= window.echarts.init($(id));
  state.charts[id].setOption(option, true);
}

// ---- drill-down
async function showTask(taskId) {
  const item = state.lights.get(taskId);
  const dialog = $('task-dialog');
  $('task-detail').innerHTML = '<p>加载中…</p>';
  dialog.showModal();
  try {
    const [task, reports] = await Promise.all([api(`/api/tasks/${taskId}`), progressReports(taskId)]);
    const latest = reports?.[0] ?? item?.latestReport ?? null;
    $('task-detail').innerHTML = `
      <h2>${escapeHtml(task.reformItem?.name)}</h2>
      <dl>
        <dt>批次/文号</dt><dd>${escapeHtml(task.reformItem?.batchName)} ${escapeHtml(task.reformItem?.docNumber)}</dd>
        <dt>牵头部门</dt><dd>${escapeHtml(task.leadDepartment?.name ?? '未指定')}</dd>
        <dt>参与部门</dt><dd>${escapeHtml(task.participants.map((p) => p.name).join('、') || '—')}</dd>
        <dt>时间节点</dt><dd>${escapeHtml(task.dueDate ?? task.deadlineKindLabel)}${task.overdue ? '（已逾期）' : ''}</dd>
        <dt>状态</dt><dd>${escapeHtml(task.statusLabel)}</dd>
        <dt>可检验成果</dt><dd>${escapeHtml(task.outcome ?? '—')}</dd>
        <dt>最新进展</dt><dd>${latest ? `【${escapeHtml(latest.period)}】${escapeHtml(latest.progress)}` : '暂无已报送的进展'}</dd>
        <dt>存在问题</dt><dd>${escapeHtml(latest?.problems ?? '—')}</dd>
      </dl>
      <h3>办理记录</h3>
      <ol class="history">${task.history
        .map((h) => `<li>${new Date(h.at).toLocaleString('zh-CN')} ${escapeHtml(h.actorUsername ?? '系统')} ${escapeHtml(ACTION_LABELS[h.action] ?? h.action)}${h.after?.statusReason ? `：${escapeHtml(h.after.statusReason)}` : ''}</li>`)
        .join('')}</ol>`;
  } catch (error) {
    $('task-detail').innerHTML = `<p class="error">${escapeHtml(error.message)}</p>`;
  }
}

/** The task's submitted/accepted reports, newest first, when the progress API answers; otherwise null (the list item's latest report is used). */
async function progressReports(taskId) {
  try {
    const body = await api(`/api/progress-reports?taskId=${taskId}&status=submitted,accepted&pageSize=50`);
    return [...(body.items ?? [])].sort((a, b) => (a.period < b.period ? 1 : -1));
  } catch (error) {
    if (error.status === 401) throw error;
    return null;
  }
}

// ---- ledger download
async function downloadLedger() {
  const button = $('download-ledger');
  button.disabled = true;
  setStatus('正在生成台账…');
  try {
    const res = await api(`/api/exports/ledger.xlsx${filterQuery()}`, { raw: true });
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    const filename = match ? decodeURIComponent(match[1]) : '复制推广台账.xlsx';
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStatus(`已下载 ${filename}`);
  } catch (error) {
    setStatus(`下载失败：${error.message}`);
  } finally {
    button.disabled = false;
  }
}

// ---- loading
async function refresh() {
  setStatus('加载中…');
  const q = filterQuery();
  try {
    const summary = await api(`/api/dashboard/summary${q}`);
    fillFilters(summary);
    renderSummary(summary);
    const [trend, departments, regions, lights] = await Promise.all([
      api(`/api/dashboard/trend${q}`),
      api(`/api/dashboard/departments${q}`),
      api(`/api/dashboard/regions${q}`),
      api(`/api/dashboard/traffic-lights${q}${q ? '&' : '?'}light=red,yellow`),
    ]);
    renderTrend(trend);
    renderDepartments(departments);
    renderRegions(regions);
    renderLights(lights);
    setStatus(`更新于 ${new Date().toLocaleTimeString('zh-CN')}`);
  } catch (error) {
    setStatus(`加载失败：${error.message}`);
  }
}

async function start() {
  const user = JSON.parse(sessionStorage.getItem(USER_KEY) ?? 'null');
  $('login-view').hidden = true;
  $('dashboard-view').hidden = false;
  $('who').hidden = false;
  $('who-name').textContent = user?.displayName ?? '';
  await refresh();
}

$('login-form').addEventListener('submit', login);
$('logout').addEventListener('click', () => logout());
$('filter-period').addEventListener('change', refresh);
$('filter-batch').addEventListener('change', refresh);
$('download-ledger').addEventListener('click', downloadLedger);
$('lights').addEventListener('click', (event) => {
  const row = event.target.closest('tr[data-task]');
  if (row) showTask(row.dataset.task);
});
window.addEventListener('resize', () => Object.values(state.charts).forEach((c) => c.resize()));

if (sessionStorage.getItem(TOKEN_KEY)) start();
else showLogin();
