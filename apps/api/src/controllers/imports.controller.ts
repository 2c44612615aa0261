import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '#libs/auth';
import { ErrorResponseDto, type AuthUser } from '#libs/common';
import {
  buildImportTemplate,
  ImportErrorResponseDto,
  ImportFileInterceptor,
  ImportOptionsDto,
  ImportRecordPageDto,
  ImportRecordQueryDto,
  ImportRequestDto,
  ImportResultDto,
  ImportUploadDto,
  ImportsService,
  TEMPLATE_FILE_NAME,
  XLSX_CONTENT_TYPE,
  type UploadedTable,
} from '#libs/imports';
import { ApiErrors } from '../openapi.js';

@ApiTags('imports 导入')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(200)
  @Roles('admin', 'coordinator')
  @UseInterceptors(ImportFileInterceptor)
  @ApiOperation({
    summary: '导入分工表：上传 .xlsx / .csv（或 JSON rows），新建或更新文件、批次和改革事项；dryRun=true 只预演不写入',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ type: ImportUploadDto, description: 'multipart/form-data：file 加文件与批次字段；application/json：同样的字段加 rows' })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiBadRequestResponse({ type: ImportErrorResponseDto, description: '文件或字段有误：problems 逐行列出（行号、列、问题、原文），不写入任何数据' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: '文件超过 10 MB' })
  importTable(
    @UploadedFile() file: UploadedTable | undefined,
    @Body() dto: ImportRequestDto,
    @Query() options: ImportOptionsDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ImportResultDto> {
    return this.imports.importTable(file, dto, options, user);
  }

  @Get()
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: '导入记录（最近的在前）' })
  @ApiOkResponse({ type: ImportRecordPageDto })
  list(@Query() query: ImportRecordQueryDto) {
    return this.imports.listRecords(query);
  }

  @Get('template.xlsx')
  @ApiOperation({ summary: '下载导入模板（含表头、示例行和“说明”工作表）' })
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'Excel 模板', schema: { type: 'string', format: 'binary' } })
  async template(): Promise<StreamableFile> {
    return new StreamableFile(await buildImportTemplate(), {
      type: XLSX_CONTENT_TYPE,
      // filename= for old clients, filename*= (RFC 6266/5987) for the Chinese name
      disposition: `attachment; filename="import-template.xlsx"; filename*=UTF-8''${encodeURIComponent(TEMPLATE_FILE_NAME)}`,
    });
  }
}
