import type { components } from '@/api/schema';
import type { ChartOption } from './EChart.vue';

type Summary = components['schemas']['DashboardSummaryDto'];
type Trend = components['schemas']['DashboardTrendDto'];
type Regions = components['schemas']['DashboardRegionsDto'];
type Domains = components['schemas']['DashboardDomainsDto'];

const pct = (rate: number | null) => (rate == null ? null : Math.round(rate * 1000) / 10);
const percentAxis = { type: 'value' as const, min: 0, max: 100, axisLabel: { formatter: '{value}%' } };
const grid = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true };

/** 分批次完成情况: applicable, closed and overdue tasks per batch. */
export function batchChart(summary: Summary): ChartOption {
  const batches = summary.byBatch;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: batches.map((b) => b.batchName), axisLabel: { interval: 0, width: 90, overflow: 'truncate' } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '适用任务', type: 'bar', data: batches.map((b) => b.applicable) },
      { name: '已销号', type: 'bar', data: batches.map((b) => b.closed) },
      { name: '逾期', type: 'bar', data: batches.map((b) => b.overdue) },
    ],
  };
}

/** 季度趋势: completion rate (line, %) and overdue tasks (bars) per quarter. */
export function trendChart(trend: Trend): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: trend.points.map((p) => p.label), axisLabel: { interval: 0 } },
    yAxis: [percentAxis, { type: 'value', minInterval: 1 }],
    series: [
      { name: '完成率', type: 'line', data: trend.points.map((p) => pct(p.completionRate)), tooltip: { valueFormatter: (v) => (v == null ? '—' : `${v}%`) } },
      { name: '逾期', type: 'bar', yAxisIndex: 1, data: trend.points.map((p) => p.overdue) },
    ],
  };
}

/** 各市承接落实: adoption and implementation rates by city, best first (the api's rank). */
export function regionsChart(regions: Regions): ChartOption {
  const items = [...regions.items].reverse();
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '—' : `${v}%`) },
    legend: { top: 0 },
    grid,
    xAxis: percentAxis,
    yAxis: { type: 'category', data: items.map((r) => r.regionName) },
    series: [
      { name: '承接率', type: 'bar', data: items.map((r) => pct(r.adoptionRate)) },
      { name: '落实率', type: 'bar', data: items.map((r) => pct(r.implementationRate)) },
    ],
  };
}

/** 按领域: applicable and closed tasks per domain. */
export function domainsChart(domains: Domains): ChartOption {
  const items = [...domains.items].reverse();
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: items.map((d) => d.domain) },
    series: [
      { name: '适用任务', type: 'bar', data: items.map((d) => d.applicable) },
      { name: '已销号', type: 'bar', data: items.map((d) => d.closed) },
    ],
  };
}

/** A category chart's height that gives each bar group room (cities, domains). */
export const heightFor = (rows: number) => Math.max(220, 60 + rows * 34);
