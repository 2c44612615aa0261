import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CurrentUser, Public, Roles } from '#libs/auth';
import type { AuthUser } from '#libs/common';
import {
  DashboardDepartmentsDto,
  DashboardDomainsDto,
  DashboardFilterDto,
  DashboardRegionsDto,
  DashboardsService,
  DashboardSummaryDto,
  DashboardTrafficLightsDto,
  DashboardTrendDto,
  TrafficLightQueryDto,
  TrendQueryDto,
} from '#libs/dashboards';
import { ApiErrors } from '../openapi.js';

@ApiTags('dashboard 领导驾驶舱')
@ApiBearerAuth()
@ApiErrors()
@Roles('admin', 'coordinator', 'leader', 'department', 'city')
@Controller('api/dashboard')
export class DashboardController {
  constructor(private readonly dashboards: DashboardsService) {}

  @Get('summary')
  @ApiOperation({ summary: '总体情况：按状态、完成率、逾期、14天内到期、分批次' })
  @ApiOkResponse({ type: DashboardSummaryDto })
  summary(@Query() filters: DashboardFilterDto, @CurrentUser() user: AuthUser) {
    return this.dashboards.summary(filters, user);
  }

  @Get('departments')
  @ApiOperation({ summary: '牵头部门排名：承担、销号、逾期、按期完成率、本季度缺报' })
  @ApiOkResponse({ type: DashboardDepartmentsDto })
  departments(@Query() filters: DashboardFilterDto, @CurrentUser() user: AuthUser) {
    return this.dashboards.departments(filters, user);
  }

  @Get('regions')
  @ApiOperation({ summary: '各市承接落实排名（复制推广地图）' })
  @ApiOkResponse({ type: DashboardRegionsDto })
  regions(@Query() filters: DashboardFilterDto, @CurrentUser() user: AuthUser) {
    return this.dashboards.regions(filters, user);
  }

  @Get('domains')
  @ApiOperation({ summary: '按领域的完成情况' })
  @ApiOkResponse({ type: DashboardDomainsDto })
  domains(@Query() filters: DashboardFilterDto, @CurrentUser() user: AuthUser) {
    return this.dashboards.domains(filters, user);
  }

  @Get('traffic-lights')
  @ApiOperation({ summary: '红黄绿灯：逾期、临期（14天内到期未提交）、正常的在办任务' })
  @ApiOkResponse({ type: DashboardTrafficLightsDto })
  trafficLights(@Query() query: TrafficLightQueryDto, @CurrentUser() user: AuthUser) {
    return this.dashboards.trafficLights(query, user);
  }

  @Get('trend')
  @ApiOperation({ summary: '季度趋势：完成率与逾期（往季为季末快照）' })
  @ApiOkResponse({ type: DashboardTrendDto })
  trend(@Query() query: TrendQueryDto, @CurrentUser() user: AuthUser) {
    return this.dashboards.trend(query, user);
  }
}

/** The repository root, found from this file so the same code works from apps/ (tests) and from dist/apps/ (built). */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'apps', 'api', 'public', 'dashboard', 'index.html'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('apps/api/public/dashboard not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

const PAGE_DIR = path.join(repoRoot(), 'apps', 'api', 'public', 'dashboard');
// The "common" build (bar, line, tooltip, legend …) is all the page draws with, at 60 % of the full bundle.
const ECHARTS_FILE = createRequire(import.meta.url).resolve('echarts/dist/echarts.common.min.js');
/** Only these names are served: a fixed list leaves no path to traverse. */
const PAGE_ASSETS = new Set(['app.js', 'styles.css']);

/** The leaders' page (/dashboard): static files, public because the page logs in itself and calls the API with a token. */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardPageController {
  @Get()
  page(@Res() res: Response): void {
    res.sendFile(path.join(PAGE_DIR, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } });
  }

  @Get('vendor/echarts.min.js')
  echarts(@Res() res: Response): void {
    res.sendFile(ECHARTS_FILE, { maxAge: '7d' });
  }

  @Get(':asset')
  asset(@Param('asset') asset: string, @Res() res: Response): void {
    if (!PAGE_ASSETS.has(asset)) throw new NotFoundException(`页面文件不存在 (no such file: ${asset})`);
    res.sendFile(path.join(PAGE_DIR, asset), { headers: { 'Cache-Control': 'no-cache' } });
  }
}
