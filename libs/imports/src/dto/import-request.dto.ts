import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { BATCH_KINDS, type BatchKind } from '#libs/catalog';
import { IsCalendarDate, PageQueryDto } from '#libs/common';

/** A form left blank sends "": for an optional field that means "not given", not "set to empty". */
const BlankAsMissing = () => Transform(({ value }) => (typeof value === 'string' && value.trim() === '' ? undefined : value));
const QueryBoolean = () => Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value));

/** The document and batch the table belongs to: multipart form fields beside `file`, or the JSON body beside `rows`. */
export class ImportRequestDto {
  @ApiProperty({ example: '国发〔2016〕63号', description: '文号：已有该文号的文件则更新，否则新建' })
  @IsString()
  @Length(1, 64)
  docNumber: string;

  @ApiPropertyOptional({ example: '国务院关于做好自由贸易试验区新一批改革试点经验复制推广工作的通知', description: '文件标题（新文件必填）' })
  @BlankAsMissing()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  title?: string;

  @ApiPropertyOptional({ example: '国务院', description: '发文机关' })
  @BlankAsMissing()
  @IsOptional()
  @IsString()
  @Length(1, 128)
  issuer?: string;

  @ApiPropertyOptional({ example: '2016-11-02', description: '发文日期 YYYY-MM-DD（“2—3年内”等相对时限由此起算）' })
  @BlankAsMissing()
  @IsOptional()
  @IsCalendarDate()
  issuedOn?: string;

  @ApiProperty({ example: '自由贸易试验区新一批改革试点经验', description: '批次名称：该文件下已有同名批次则更新，否则新建' })
  @IsString()
  @Length(1, 200)
  batchName: string;

  @ApiPropertyOptional({ enum: BATCH_KINDS, default: 'pilot-experience', description: '批次类型（新批次默认 pilot-experience）' })
  @BlankAsMissing()
  @IsOptional()
  @IsIn(BATCH_KINDS)
  batchKind?: BatchKind;

  @ApiPropertyOptional({ example: '自贸试验区', description: '批次默认推广范围：推广范围为空或只有备注的行按此范围' })
  @BlankAsMissing()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  defaultScope?: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [{ 序号: 1, 改革事项: '负面清单以外领域外商投资企业设立及变更审批改革', 负责部门: '商务部', 推广范围: '全国', 时限: '2016年11月30日前' }],
    description: 'JSON 导入：每行一个对象，键为表头（可用同义词）；与 file 二选一',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10000)
  @IsObject({ each: true })
  rows?: Record<string, unknown>[];
}

export class ImportOptionsDto {
  @ApiPropertyOptional({ default: false, description: '只预演：返回将新建/更新的内容和逐行问题，不写入任何数据' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  @ApiPropertyOptional({ default: false, description: '跳过有问题的行，只导入无误的行（默认：任何一行有问题则整表不导入）' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'skipInvalid must be true or false' })
  skipInvalid?: boolean;
}

export class ImportRecordQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看某批次的导入记录' })
  @IsOptional()
  @IsUUID()
  batchId?: string;
}

/** The request body as Swagger shows it: the fields plus the file. The file itself is read by ImportFileInterceptor, not validated here. */
export class ImportUploadDto extends ImportRequestDto {
  @ApiPropertyOptional({ type: 'string', format: 'binary', description: '分工表文件 .xlsx 或 .csv（UTF-8 / GB18030），不超过 10 MB；与 rows 二选一' })
  file?: unknown;
}
