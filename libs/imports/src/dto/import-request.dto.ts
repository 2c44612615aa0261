import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Transform, Type, type ClassConstructor } from 'class-transformer';
import { ArrayMaxSize, Equals, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { BATCH_KIND_LABELS, BATCH_KINDS, type BatchKind } from '#libs/catalog';
import { IsCalendarDate, PageQueryDto, QueryBoolean } from '#libs/common';

/** A form left blank sends "": for an optional field that means "not given", not "set to empty". */
const BlankAsMissing = () => Transform(({ value }) => (typeof value === 'string' && value.trim() === '' ? undefined : value));
/**
 * A multipart form carries structured fields as JSON text; a JSON body carries them as they are. Parsed text is
 * turned into `type` here, as @Type only converts what the body already held as objects.
 */
const JsonFormField = (type?: ClassConstructor<object>) =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    try {
      const parsed = JSON.parse(value) as unknown;
      return type && Array.isArray(parsed) ? parsed.map((x) => plainToInstance(type, x)) : parsed;
    } catch {
      return value;
    }
  });

/** Import a table from 国发〔2016〕63号 that the reference data already holds: on a seeded database it changes nothing. */
const EXAMPLE = {
  docNumber: '国发〔2016〕63号',
  title: '国务院关于做好自由贸易试验区新一批改革试点经验复制推广工作的通知',
  issuer: '国务院',
  issuedOn: '2016-11-02',
  batchName: '自由贸易试验区新一批改革试点经验',
  row: { 序号: 1, 改革事项: '负面清单以外领域外商投资企业设立及变更审批改革', 领域: '投资管理', 负责部门: '商务部', 推广范围: '全国', 时限: '2016年11月30日前' },
};
const EXAMPLE_TEXT = [Object.keys(EXAMPLE.row), Object.values(EXAMPLE.row)].map((cells) => cells.join('\t')).join('\n');

const MAPPING_MESSAGE = '每项须有 name，并且二选一：departmentId（对应到已登记的部门）或 create: true（新建部门） (give departmentId or create: true)';

/** What to do with a department name the table uses but no registered department matches. */
export class DepartmentMappingDto {
  @ApiProperty({ example: '省大数据局', description: '表中未匹配的部门名称（原文）' })
  @IsString({ message: 'departmentMappings 的 name 应为表中未匹配的部门名称 (name is required)' })
  @Length(1, 128, { message: 'departmentMappings 的 name 应为 1–128 个字 (name must be 1–128 characters)' })
  name: string;

  @ApiPropertyOptional({ format: 'uuid', description: '对应到这个已登记的部门：该名称记为它的别名，以后的导入、匹配都能识别' })
  @ValidateIf((m: DepartmentMappingDto) => m.create === undefined || m.departmentId !== undefined)
  @IsUUID('all', { message: MAPPING_MESSAGE })
  departmentId?: string;

  @ApiPropertyOptional({ enum: [true], description: '按该名称新建部门（省商务厅：本省省直部门；可用 regionId 指定本省的市）' })
  @ValidateIf((m: DepartmentMappingDto) => m.departmentId === undefined || m.create !== undefined)
  @Equals(true, { message: MAPPING_MESSAGE })
  create?: true;

  @ApiPropertyOptional({ format: 'uuid', description: '新建部门所属行政区（默认本省；管理员未指定时为国家部委）' })
  @IsOptional()
  @IsUUID('all', { message: 'departmentMappings 的 regionId 格式不正确 (must be a UUID)' })
  regionId?: string;
}

/** The document and batch a table belongs to, as the import form asks for them. */
export class ImportDocumentFieldsDto {
  @ApiProperty({ example: EXAMPLE.docNumber, description: '文号：已有该文号的文件则导入到该文件（标题须一致，否则 409），否则新建' })
  @Length(1, 64, { message: '请填写文号，不超过 64 个字 (docNumber is required, at most 64 characters)' })
  docNumber: string;

  @ApiPropertyOptional({ example: EXAMPLE.title, description: '文件标题（新文件必填）' })
  @BlankAsMissing()
  @IsOptional()
  @Length(1, 500, { message: '文件标题不超过 500 个字 (title must be at most 500 characters)' })
  title?: string;

  @ApiPropertyOptional({ example: EXAMPLE.issuer, description: '发文机关' })
  @BlankAsMissing()
  @IsOptional()
  @Length(1, 128, { message: '发文机关不超过 128 个字 (issuer must be at most 128 characters)' })
  issuer?: string;

  @ApiPropertyOptional({ example: EXAMPLE.issuedOn, description: '发文日期 YYYY-MM-DD（“2—3年内”等相对时限由此起算）' })
  @BlankAsMissing()
  @IsOptional()
  @IsCalendarDate({ message: '发文日期应为有效日期，格式 YYYY-MM-DD，如 2016-11-02 (issuedOn must be a date YYYY-MM-DD)' })
  issuedOn?: string;

  @ApiProperty({ example: EXAMPLE.batchName, description: '批次名称：该文件下已有同名批次则更新，否则新建' })
  @Length(1, 200, { message: '请填写批次名称，不超过 200 个字 (batchName is required, at most 200 characters)' })
  batchName: string;

  @ApiPropertyOptional({ enum: BATCH_KINDS, default: 'pilot-experience', description: '批次类型（新批次默认 pilot-experience）' })
  @BlankAsMissing()
  @IsOptional()
  @IsIn(BATCH_KINDS, { message: `批次类型应为 ${BATCH_KINDS.map((k) => `${k}（${BATCH_KIND_LABELS[k]}）`).join('、')} 之一 (unknown batchKind)` })
  batchKind?: BatchKind;

  @ApiPropertyOptional({ description: '批次默认推广范围（如“自贸试验区”）：推广范围为空或只有备注的行按此范围' })
  @BlankAsMissing()
  @IsOptional()
  @Length(1, 200, { message: '默认推广范围不超过 200 个字 (defaultScope must be at most 200 characters)' })
  defaultScope?: string;
}

const TEXT_DESCRIPTION = '粘贴的表格：从 Word、WPS 或 Excel 复制的表格文本（单元格以制表符分隔，每行一条，含表头行；表头可用同义词）；与 file、rows 三选一';

/**
 * The request as validated, from either media type: the document fields plus exactly one of a file (multipart, read
 * by ImportFileInterceptor), `rows` or pasted `text`, and optional mappings for unknown department names.
 */
export class ImportRequestDto extends ImportDocumentFieldsDto {
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'JSON 导入：每行一个对象，键为表头（可用同义词）；与 file、text 三选一',
  })
  @JsonFormField()
  @IsOptional()
  @IsArray({ message: 'rows 应为数组，每行一个对象 (rows must be an array of objects)' })
  @ArrayMaxSize(10000, { message: 'rows 最多 10000 行 (at most 10000 rows)' })
  @IsObject({ each: true, message: 'rows 的每一项应为对象，键为表头 (each row must be an object keyed by header)' })
  rows?: Record<string, unknown>[];

  @ApiPropertyOptional({ description: TEXT_DESCRIPTION })
  @BlankAsMissing()
  @IsOptional()
  @IsString({ message: 'text 应为粘贴的表格文本 (text must be text)' })
  @MaxLength(10 * 1024 * 1024, { message: '粘贴的内容超过 10 MB，请拆分后分批导入 (text exceeds 10 MB)' })
  text?: string;

  @ApiPropertyOptional({ type: [DepartmentMappingDto], description: '未匹配部门的处理：对应到已登记部门（记为别名）或新建；与导入在同一事务中生效' })
  @JsonFormField(DepartmentMappingDto)
  @IsOptional()
  @IsArray({ message: 'departmentMappings 应为数组（multipart 表单中为 JSON 文本） (departmentMappings must be an array)' })
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => DepartmentMappingDto)
  departmentMappings?: DepartmentMappingDto[];
}

/** The JSON body's example as Swagger UI pre-fills it: rows only (the schema alone would add every field, text and rows both). */
export const IMPORT_JSON_EXAMPLE = { docNumber: EXAMPLE.docNumber, title: EXAMPLE.title, issuer: EXAMPLE.issuer, issuedOn: EXAMPLE.issuedOn, batchName: EXAMPLE.batchName, rows: [EXAMPLE.row] };

/** The multipart form as OpenAPI shows it (documentation only: ImportRequestDto validates, ImportFileInterceptor reads the file). */
export class ImportUploadDto extends ImportDocumentFieldsDto {
  @ApiPropertyOptional({ type: 'string', format: 'binary', description: '分工表文件 .xlsx、.docx（通知的 Word 附件，读其中的分工表）或 .csv（UTF-8 / GB18030），不超过 10 MB；与 text 二选一' })
  file?: unknown;

  @ApiPropertyOptional({ description: TEXT_DESCRIPTION.replace('file、rows 三选一', 'file 二选一'), example: EXAMPLE_TEXT })
  text?: string;

  @ApiPropertyOptional({ description: '未匹配部门的处理，JSON 文本：[{"name":"…","departmentId":"…"} 或 {"name":"…","create":true}]' })
  departmentMappings?: string;
}

export class ImportOptionsDto {
  @ApiPropertyOptional({ default: false, example: true, description: '只预演：返回将新建/更新的内容和逐行问题，不写入任何数据' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'dryRun 应为 true 或 false (dryRun must be true or false)' })
  dryRun?: boolean;

  @ApiPropertyOptional({ default: false, description: '跳过有问题的行，只导入无误的行（默认：任何一行有问题则整表不导入）' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'skipInvalid 应为 true 或 false (skipInvalid must be true or false)' })
  skipInvalid?: boolean;
}

export class ImportRecordQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看某批次的导入记录' })
  @IsOptional()
  @IsUUID()
  batchId?: string;
}
