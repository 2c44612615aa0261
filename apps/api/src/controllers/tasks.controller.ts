import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '#libs/auth';
import { UuidParam, type AuthUser } from '#libs/common';
import { TaskNotificationView, TaskReminderDto, TaskRemindersService } from '#libs/reminders';
import { ApplicabilitySummaryDto, BulkUpdateResultDto, DeadlineSummaryDto, BulkUpdateTasksDto, CreateMilestoneDto, DecideApplicabilityDto, MilestoneViewDto, TaskDetailViewDto, TaskQueryDto, TasksService, TaskViewDto, TransitionDto, UpdateMilestoneDto, UpdateTaskDto } from '#libs/tasks';
import { ApiErrors, ApiPageResponse } from '../openapi.js';

@ApiTags('tasks 任务')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly reminders: TaskRemindersService,
  ) {}

  @Get()
  @ApiOperation({ summary: '任务台账：按批次、事项、部门、状态、逾期、临期筛选' })
  @ApiPageResponse(TaskViewDto, { applicability: ApplicabilitySummaryDto, deadlines: DeadlineSummaryDto })
  list(@Query() query: TaskQueryDto, @CurrentUser() user: AuthUser) {
    return this.tasks.list(query, user);
  }

  @Patch('bulk')
  @Roles('coordinator')
  @ApiOperation({ summary: '批量分工：为多个任务（最多500个）统一设置牵头部门、参加部门或截止日期；全部成功或全部不变；已销号的任务 409' })
  @ApiOkResponse({ type: BulkUpdateResultDto })
  bulkUpdate(@Body() dto: BulkUpdateTasksDto, @CurrentUser() user: AuthUser) {
    return this.tasks.bulkUpdate(dto, user);
  }

  @Get(':id')
  @ApiOperation({ summary: '任务详情：事项、部门、时间节点、操作记录' })
  @ApiOkResponse({ type: TaskDetailViewDto })
  get(@Param('id', UuidParam) id: string, @CurrentUser() user: AuthUser) {
    return this.tasks.get(id, user);
  }

  @Patch(':id')
  @Roles('coordinator')
  @ApiOperation({ summary: '分工与时限：牵头部门、参加部门、截止日期、范围、可检验成果' })
  @ApiOkResponse({ type: TaskViewDto })
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateTaskDto, @CurrentUser() user: AuthUser) {
    return this.tasks.update(id, dto, user);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles('coordinator', 'department')
  @ApiOperation({ summary: '变更任务状态（启动、受阻、提交销号、销号、退回、重新打开、不适用）' })
  @ApiOkResponse({ type: TaskViewDto })
  transition(@Param('id', UuidParam) id: string, @Body() dto: TransitionDto, @CurrentUser() user: AuthUser) {
    return this.tasks.transition(id, dto, user);
  }

  @Post(':id/applicability')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: '确认待确认任务是否适用（适用 / 不适用并说明理由），记入审计' })
  @ApiOkResponse({ type: TaskViewDto })
  decideApplicability(@Param('id', UuidParam) id: string, @Body() dto: DecideApplicabilityDto, @CurrentUser() user: AuthUser) {
    return this.tasks.decideApplicability(id, dto, user);
  }

  @Post(':id/reminders')
  @Roles('coordinator')
  @ApiOperation({
    summary: '立即提醒/催办/督办：通知任务的牵头部门（站内、邮件、群机器人）；已销号或不适用的任务 409；同日同级别同内容不重复发送',
  })
  @ApiCreatedResponse({ type: TaskNotificationView })
  remind(@Param('id', UuidParam) id: string, @Body() dto: TaskReminderDto, @CurrentUser() user: AuthUser) {
    return this.reminders.send(id, dto, user);
  }

  @Get(':id/notifications')
  @ApiOperation({ summary: '该任务的全部通知（自动与人工）：时间、级别、发给谁、谁发的、是否已读、各渠道发送情况' })
  @ApiOkResponse({ type: [TaskNotificationView] })
  notifications(@Param('id', UuidParam) id: string, @CurrentUser() user: AuthUser) {
    return this.reminders.list(id, user);
  }

  @Get(':id/milestones')
  @ApiOperation({ summary: '时间节点列表' })
  @ApiOkResponse({ type: [MilestoneViewDto] })
  milestones(@Param('id', UuidParam) id: string, @CurrentUser() user: AuthUser) {
    return this.tasks.listMilestones(id, user);
  }

  @Post(':id/milestones')
  @Roles('coordinator', 'department')
  @ApiOperation({ summary: '新增时间节点' })
  @ApiCreatedResponse({ type: MilestoneViewDto })
  createMilestone(@Param('id', UuidParam) id: string, @Body() dto: CreateMilestoneDto, @CurrentUser() user: AuthUser) {
    return this.tasks.createMilestone(id, dto, user);
  }

  @Patch(':id/milestones/:milestoneId')
  @Roles('coordinator', 'department')
  @ApiOperation({ summary: '修改时间节点（含标记完成）' })
  @ApiOkResponse({ type: MilestoneViewDto })
  updateMilestone(@Param('id', UuidParam) id: string, @Param('milestoneId', UuidParam) milestoneId: string, @Body() dto: UpdateMilestoneDto, @CurrentUser() user: AuthUser) {
    return this.tasks.updateMilestone(id, milestoneId, dto, user);
  }

  @Delete(':id/milestones/:milestoneId')
  @HttpCode(204)
  @Roles('coordinator', 'department')
  @ApiOperation({ summary: '删除时间节点' })
  @ApiNoContentResponse({ description: '已删除' })
  deleteMilestone(@Param('id', UuidParam) id: string, @Param('milestoneId', UuidParam) milestoneId: string, @CurrentUser() user: AuthUser) {
    return this.tasks.deleteMilestone(id, milestoneId, user);
  }
}
