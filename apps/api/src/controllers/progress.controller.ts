import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentUser, Roles } from '#libs/auth';
import { PageDto, UuidParam, type AuthUser } from '#libs/common';
import {
  CloseOutDto,
  CloseOutResultDto,
  CloseOutService,
  CompletionViewDto,
  ContributionDto,
  CreateReportDto,
  EvidenceService,
  EvidenceViewDto,
  EvidenceUploadInterceptor,
  MissingReportsViewDto,
  ProgressService,
  ReportChaseDto,
  ReportChaseResultDto,
  ReportChaseService,
  ReportDetailViewDto,
  ReportQueryDto,
  ReportViewDto,
  ReturnCloseOutDto,
  ReturnReportDto,
  ReviewReportDto,
  SubmitCompletionDto,
  UpdateReportDto,
  UploadEvidenceDto,
  UploadEvidenceFormDto,
  type UploadedEvidence,
} from '#libs/progress';
import { ApiErrors, pageSchema } from '../openapi.js';

@ApiTags('progress 进展调度')
@ApiBearerAuth()
@ApiErrors()
@Controller('api')
export class ProgressReportsController {
  constructor(
    private readonly progress: ProgressService,
    private readonly chases: ReportChaseService,
  ) {}

  @Post('tasks/:taskId/progress-reports')
  @Roles('department')
  @ApiOperation({ summary: '牵头部门新建本季度进展报告（每任务每季度一份，重复 409）' })
  @ApiCreatedResponse({ type: ReportDetailViewDto })
  create(@Param('taskId', UuidParam) taskId: string, @Body() dto: CreateReportDto, @CurrentUser() user: AuthUser) {
    return this.progress.create(taskId, dto, user);
  }

  @Get('progress-reports')
  @ApiOperation({ summary: '进展报告列表；missing=true&period=2026Q3 列出未报送的部门和任务' })
  @ApiExtraModels(PageDto, ReportViewDto, MissingReportsViewDto)
  @ApiOkResponse({
    description: '分页的进展报告；missing=true 时为未报送情况',
    schema: { oneOf: [pageSchema(ReportViewDto), { $ref: getSchemaPath(MissingReportsViewDto) }] },
  })
  list(@Query() query: ReportQueryDto, @CurrentUser() user: AuthUser) {
    return this.progress.list(query, user);
  }

  @Post('progress-reports/reminders')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: '一键催报：向本期有任务未报送进展的每个牵头部门发一条催办；同一报告期同一天重复点击不重复发送' })
  @ApiOkResponse({ type: ReportChaseResultDto })
  chase(@Body() dto: ReportChaseDto, @CurrentUser() user: AuthUser) {
    return this.chases.chase(dto.period, user);
  }

  @Get('progress-reports/:id')
  @ApiOperation({ summary: '进展报告详情：参加部门进展、佐证材料、操作记录' })
  @ApiOkResponse({ type: ReportDetailViewDto })
  get(@Param('id', UuidParam) id: string, @CurrentUser() user: AuthUser) {
    return this.progress.get(id, user);
  }

  @Patch('progress-reports/:id')
  @Roles('department')
  @ApiOperation({ summary: '修改进展报告（草稿或被退回时）' })
  @ApiOkResponse({ type: ReportDetailViewDto })
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateReportDto, @CurrentUser() user: AuthUser) {
    return this.progress.update(id, dto, user);
  }

  @Post('progress-reports/:id/submit')
  @HttpCode(200)
  @Roles('department')
  @ApiOperation({ summary: '牵头部门报送进展报告' })
  @ApiOkResponse({ type: ReportDetailViewDto })
  submit(@Param('id', UuidParam) id: string, @CurrentUser() user: AuthUser) {
    return this.progress.submit(id, user);
  }

  @Post('progress-reports/:id/accept')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: '省商务厅审核通过进展报告' })
  @ApiOkResponse({ type: ReportDetailViewDto })
  accept(@Param('id', UuidParam) id: string, @Body() dto: ReviewReportDto, @CurrentUser() user: AuthUser) {
    return this.progress.accept(id, dto, user);
  }

  @Post('progress-reports/:id/return')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: '省商务厅退回进展报告（须填写意见）' })
  @ApiOkResponse({ type: ReportDetailViewDto })
  returnReport(@Param('id', UuidParam) id: string, @Body() dto: ReturnReportDto, @CurrentUser() user: AuthUser) {
    return this.progress.returnReport(id, dto, user);
  }

  @Put('progress-reports/:id/contributions')
  @Roles('department')
  @ApiOperation({ summary: '参加部门填写本部门进展（每部门一份，可修改）' })
  @ApiOkResponse({ type: ReportDetailViewDto })
  contribute(@Param('id', UuidParam) id: string, @Body() dto: ContributionDto, @CurrentUser() user: AuthUser) {
    return this.progress.contribute(id, dto, user);
  }
}

@ApiTags('evidence 佐证材料')
@ApiBearerAuth()
@ApiErrors()
@Controller('api')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post('tasks/:taskId/evidence')
  @Roles('coordinator', 'department', 'city')
  @UseInterceptors(EvidenceUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadEvidenceFormDto })
  @ApiOperation({ summary: '上传佐证材料（pdf/docx/xlsx/jpg/png，限制大小，记录 sha256）' })
  @ApiCreatedResponse({ type: EvidenceViewDto })
  upload(@Param('taskId', UuidParam) taskId: string, @UploadedFile() file: UploadedEvidence | undefined, @Body() dto: UploadEvidenceDto, @CurrentUser() user: AuthUser) {
    return this.evidence.upload(taskId, file, dto, user);
  }

  @Get('tasks/:taskId/evidence')
  @ApiOperation({ summary: '任务的佐证材料列表' })
  @ApiOkResponse({ type: [EvidenceViewDto] })
  list(@Param('taskId', UuidParam) taskId: string, @CurrentUser() user: AuthUser) {
    return this.evidence.list(taskId, user);
  }

  @Get('evidence/:id/download')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: '下载佐证材料（与任务相同的查看权限）' })
  @ApiOkResponse({ description: '佐证材料原文件（Content-Type 为上传时的类型）', schema: { type: 'string', format: 'binary' } })
  download(@Param('id', UuidParam) id: string, @CurrentUser() user: AuthUser) {
    return this.evidence.download(id, user);
  }
}

@ApiTags('close-out 销号')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/tasks/:taskId')
export class CloseOutController {
  constructor(private readonly closeOut: CloseOutService) {}

  @Post('completion')
  @Roles('coordinator', 'department')
  @ApiOperation({ summary: '牵头部门对照可检验成果提交完成情况和佐证材料，申请销号（任务 → 待审核销号）' })
  @ApiCreatedResponse({ type: CloseOutResultDto })
  submit(@Param('taskId', UuidParam) taskId: string, @Body() dto: SubmitCompletionDto, @CurrentUser() user: AuthUser) {
    return this.closeOut.submit(taskId, dto, user);
  }

  @Get('completions')
  @ApiOperation({ summary: '销号申请记录（含核验意见和佐证材料）' })
  @ApiOkResponse({ type: [CompletionViewDto] })
  list(@Param('taskId', UuidParam) taskId: string, @CurrentUser() user: AuthUser) {
    return this.closeOut.list(taskId, user);
  }

  @Post('close-out')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: '省商务厅核验通过并销号（任务 → 已销号），须填写核验意见' })
  @ApiOkResponse({ type: CloseOutResultDto })
  verify(@Param('taskId', UuidParam) taskId: string, @Body() dto: CloseOutDto, @CurrentUser() user: AuthUser) {
    return this.closeOut.verify(taskId, dto, user);
  }

  @Post('close-out/return')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: '省商务厅退回销号申请（任务 → 推进中），须填写原因' })
  @ApiOkResponse({ type: CloseOutResultDto })
  returnCompletion(@Param('taskId', UuidParam) taskId: string, @Body() dto: ReturnCloseOutDto, @CurrentUser() user: AuthUser) {
    return this.closeOut.returnCompletion(taskId, dto, user);
  }
}
