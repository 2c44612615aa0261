import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '#libs/auth';
import { UuidParam, type AuthUser } from '#libs/common';
import {
  CreateDepartmentDto,
  CreateRegionDto,
  DepartmentQueryDto,
  DepartmentViewDto,
  OrganisationService,
  RegionQueryDto,
  RegionViewDto,
  UpdateDepartmentDto,
  UpdateRegionDto,
  ZoneQueryDto,
  ZoneViewDto,
} from '#libs/organisation';
import { ApiErrors, ApiPageResponse } from '../openapi.js';

@ApiTags('regions 行政区')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/regions')
export class RegionsController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get()
  @ApiOperation({ summary: '行政区列表（省、市、县）' })
  @ApiPageResponse(RegionViewDto)
  list(@Query() query: RegionQueryDto) {
    return this.organisation.listRegions(query);
  }

  @Get(':id')
  @ApiOperation({ summary: '行政区详情' })
  @ApiOkResponse({ type: RegionViewDto })
  get(@Param('id', UuidParam) id: string) {
    return this.organisation.findRegionOrFail(id);
  }

  @Post()
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: '新增行政区' })
  @ApiCreatedResponse({ type: RegionViewDto })
  create(@Body() dto: CreateRegionDto, @CurrentUser() user: AuthUser) {
    return this.organisation.createRegion(dto, user);
  }

  @Patch(':id')
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: '修改行政区（名称、简称、别名、上级）；沿海、自贸试验区、海关特殊监管区域由区域名录推出' })
  @ApiOkResponse({ type: RegionViewDto })
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateRegionDto, @CurrentUser() user: AuthUser) {
    return this.organisation.updateRegion(id, dto, user);
  }
}

@ApiTags('zones 区域名录')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/zones')
export class ZonesController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get()
  @ApiOperation({ summary: '区域名录：自贸试验区及片区、海关特殊监管区域、国家级新区、试点地区名单，各附所在行政区' })
  @ApiPageResponse(ZoneViewDto)
  list(@Query() query: ZoneQueryDto) {
    return this.organisation.listZones(query);
  }
}

@ApiTags('departments 部门')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/departments')
export class DepartmentsController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get()
  @ApiOperation({ summary: '部门列表（国家部委、省直部门、驻鲁单位、市级部门）' })
  @ApiPageResponse(DepartmentViewDto)
  list(@Query() query: DepartmentQueryDto) {
    return this.organisation.listDepartments(query);
  }

  @Get(':id')
  @ApiOperation({ summary: '部门详情（含负责人、联络员）' })
  @ApiOkResponse({ type: DepartmentViewDto })
  get(@Param('id', UuidParam) id: string) {
    return this.organisation.findDepartmentOrFail(id);
  }

  @Post()
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: '新增部门：省商务厅只能在本省（含本省各市）新增，未填 regionId 时为本省；国家部委由管理员维护；同一地区重名为 409' })
  @ApiCreatedResponse({ type: DepartmentViewDto })
  create(@Body() dto: CreateDepartmentDto, @CurrentUser() user: AuthUser) {
    return this.organisation.createDepartment(dto, user);
  }

  @Patch(':id')
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: '修改部门（负责人、联络员的姓名电话邮箱，别名，webhook）：省商务厅只能修改本省的部门' })
  @ApiOkResponse({ type: DepartmentViewDto })
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateDepartmentDto, @CurrentUser() user: AuthUser) {
    return this.organisation.updateDepartment(id, dto, user);
  }
}
