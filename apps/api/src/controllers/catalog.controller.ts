import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '#libs/auth';
import {
  BatchDetailDto,
  BatchListItemDto,
  BatchQueryDto,
  BatchViewDto,
  CatalogService,
  CreateBatchDto,
  CreateDocumentDto,
  CreateReformItemDto,
  DocumentQueryDto,
  PolicyDocumentViewDto,
  ReformItemDetailDto,
  ReformItemQueryDto,
  ReformItemViewDto,
  UpdateBatchDto,
  UpdateDocumentDto,
  UpdateReformItemDto,
} from '#libs/catalog';
import { UuidParam, type AuthUser } from '#libs/common';
import { AdoptBatchDto, AdoptionPreviewDto, AdoptionPreviewQueryDto, AdoptionResultDto, TasksService } from '#libs/tasks';
import { ApiErrors, ApiPageResponse } from '../openapi.js';

@ApiTags('documents 文件')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/documents')
export class DocumentsController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @ApiOperation({ summary: '政策文件列表' })
  @ApiPageResponse(PolicyDocumentViewDto)
  list(@Query() query: DocumentQueryDto) {
    return this.catalog.listDocuments(query);
  }

  @Get(':id')
  @ApiOperation({ summary: '政策文件详情' })
  @ApiOkResponse({ type: PolicyDocumentViewDto })
  get(@Param('id', UuidParam) id: string) {
    return this.catalog.findDocumentOrFail(id);
  }

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: '登记政策文件' })
  @ApiCreatedResponse({ type: PolicyDocumentViewDto })
  create(@Body() dto: CreateDocumentDto, @CurrentUser() user: AuthUser) {
    return this.catalog.createDocument(dto, user);
  }

  @Patch(':id')
  @Roles('coordinator')
  @ApiOperation({ summary: '修改政策文件' })
  @ApiOkResponse({ type: PolicyDocumentViewDto })
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateDocumentDto, @CurrentUser() user: AuthUser) {
    return this.catalog.updateDocument(id, dto, user);
  }
}

@ApiTags('batches 批次')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/batches')
export class BatchesController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly tasks: TasksService,
  ) {}

  @Get()
  @ApiOperation({ summary: '批次列表：文号、标题、事项数；带 regionId（省）时附上该省的承接情况（是否承接、任务数、适用数、销号数）' })
  @ApiPageResponse(BatchListItemDto)
  list(@Query() query: BatchQueryDto, @CurrentUser() user: AuthUser) {
    return this.catalog.listBatches(query, user);
  }

  @Get(':id')
  @ApiOperation({ summary: '批次详情' })
  @ApiOkResponse({ type: BatchDetailDto })
  get(@Param('id', UuidParam) id: string) {
    return this.catalog.findBatchOrFail(id);
  }

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: '新建批次' })
  @ApiCreatedResponse({ type: BatchViewDto })
  create(@Body() dto: CreateBatchDto, @CurrentUser() user: AuthUser) {
    return this.catalog.createBatch(dto, user);
  }

  @Patch(':id')
  @Roles('coordinator')
  @ApiOperation({ summary: '修改批次' })
  @ApiOkResponse({ type: BatchViewDto })
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateBatchDto, @CurrentUser() user: AuthUser) {
    return this.catalog.updateBatch(id, dto, user);
  }

  @Get(':id/adoption-preview')
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: '承接预览：逐项判断是否适用本省（适用 / 不适用 / 需人工认定）、原因、推广到哪些城市、是否已有任务；不写入' })
  @ApiOkResponse({ type: AdoptionPreviewDto })
  adoptionPreview(@Param('id', UuidParam) id: string, @Query() query: AdoptionPreviewQueryDto, @CurrentUser() user: AuthUser) {
    return this.tasks.previewAdoption(id, query.regionId, user);
  }

  @Post(':id/adopt')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: '本省承接批次：每个改革事项生成一个任务（重复承接不会重复生成），按推广范围判断是否适用；overrides 逐项人工认定适用与否及理由；defaultDeadline 为文件未写时限的事项设省定默认时限' })
  @ApiOkResponse({ type: AdoptionResultDto })
  adopt(@Param('id', UuidParam) id: string, @Body() dto: AdoptBatchDto, @CurrentUser() user: AuthUser) {
    return this.tasks.adoptBatch(id, dto.regionId, user, dto.overrides, dto.defaultDeadline);
  }
}

@ApiTags('reform-items 改革事项')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/reform-items')
export class ReformItemsController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @ApiOperation({ summary: '改革事项列表' })
  @ApiPageResponse(ReformItemViewDto)
  list(@Query() query: ReformItemQueryDto) {
    return this.catalog.listItems(query);
  }

  @Get(':id')
  @ApiOperation({ summary: '改革事项详情' })
  @ApiOkResponse({ type: ReformItemDetailDto })
  get(@Param('id', UuidParam) id: string) {
    return this.catalog.findItemOrFail(id);
  }

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: '新增改革事项（时限、部门、范围按原文解析）' })
  @ApiCreatedResponse({ type: ReformItemViewDto })
  create(@Body() dto: CreateReformItemDto, @CurrentUser() user: AuthUser) {
    return this.catalog.createItem(dto, user);
  }

  @Patch(':id')
  @Roles('coordinator')
  @ApiOperation({ summary: '修改改革事项' })
  @ApiOkResponse({ type: ReformItemViewDto })
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateReformItemDto, @CurrentUser() user: AuthUser) {
    return this.catalog.updateItem(id, dto, user);
  }
}
