import { Controller, Get, Query, Redirect } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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

/** The leaders' old static page moved into the app as its 领导驾驶舱 route; bookmarks and old links keep working. */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardPageController {
  @Get()
  @Redirect('/cockpit', 302)
  page(): void {}
}
