import { Controller, Get, HttpCode, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '#libs/auth';
import { ErrorResponseDto, type AuthUser } from '#libs/common';
import {
  buildImportTemplate,
  IMPORT_JSON_EXAMPLE,
  ImportBody,
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
  @Roles('coordinator')
  @UseInterceptors(ImportFileInterceptor)
  @ApiExtraModels(ImportUploadDto, ImportRequestDto)
  @ApiOperation({
    summary: '导入分工表：上传 .xlsx / .csv、粘贴表格（text）或 JSON rows，新建或更新文件、批次和改革事项；dryRun=true 只预演不写入',
    description:
      '预演逐行给出解析后的时限、牵头/参加部门（匹配到的部门 id 与名称）、推广范围，问题与提示逐一对应到行和列（row、column、field）；' +
      '未匹配的部门名称在 unknownDepartments 中各列一次，可在 departmentMappings 中对应到已登记部门（记为别名）或新建，与导入在同一事务中生效。' +
      '已登记的文号须使用已登记的标题（或不填标题），否则 409。',
    requestBody: {
      required: true,
      content: {
        'multipart/form-data': { schema: { $ref: getSchemaPath(ImportUploadDto) } },
        'application/json': { schema: { $ref: getSchemaPath(ImportRequestDto) }, example: IMPORT_JSON_EXAMPLE },
      },
    },
  })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiBadRequestResponse({ type: ImportErrorResponseDto, description: '文件或字段有误：errors 指明字段，problems 逐行列出（行号、列、问题、原文），不写入任何数据' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: '文号已登记为另一标题的文件；部门重名' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: '超过导入上限：文件大小（默认 10 MB）、解压后大小（默认 64 MB）、压缩比（默认 100:1）、行数（默认 20000）或单元格数（默认 400000）；message 指明哪一项' })
  importTable(
    @UploadedFile() file: UploadedTable | undefined,
    @ImportBody() dto: ImportRequestDto,
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
