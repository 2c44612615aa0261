import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUrl, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { IsOmittable, PageQueryDto } from '#libs/common';

const LEVELS = ['national', 'provincial', 'city'] as const;

export class DepartmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @IsIn(LEVELS, { message: 'level 应为 national、provincial 或 city (unknown level)' })
  level?: 'national' | 'provincial' | 'city';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'regionId 格式不正确 (must be a UUID)' })
  regionId?: string;

  @ApiPropertyOptional({ description: '名称或别名包含' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}

const PHONE = /^[0-9+\-() ]{5,32}$/;
const NAME_MESSAGE = '部门名称为 1–128 个字 (name must be 1–128 characters)';
const LEVEL_MESSAGE = 'level 应为 national（国家部委）、provincial（省直部门）或 city（市级部门） (unknown level)';
const ALIASES_MESSAGE = '别名为 1–128 个字的名称列表，最多 50 个 (aliases must be a list of names of 1–128 characters)';
/** A list of other ways of writing the name. */
const AliasList = () =>
  applyDecorators(
    IsArray({ message: ALIASES_MESSAGE }),
    ArrayMaxSize(50, { message: ALIASES_MESSAGE }),
    IsString({ each: true, message: ALIASES_MESSAGE }),
    Length(1, 128, { each: true, message: ALIASES_MESSAGE }),
  );
const phone = (field: string, who: string) => Matches(PHONE, { message: `${who}电话格式不正确，应为 5–32 位数字，可含 + - ( ) 和空格 (${field} must be a phone number)` });
const email = (field: string, who: string) => IsEmail({}, { message: `${who}邮箱格式不正确 (${field} must be an email address)` });
const personName = (field: string, who: string) => Length(1, 64, { message: `${who}姓名为 1–64 个字 (${field} must be 1–64 characters)` });

export class CreateDepartmentDto {
  @ApiProperty({ example: '省商务厅' })
  @Length(1, 128, { message: NAME_MESSAGE })
  name: string;

  @ApiProperty({ enum: LEVELS, description: '国家部委 national 不属于行政区；省直部门 provincial 属于省；市级部门 city 属于市或区县' })
  @IsIn(LEVELS, { message: LEVEL_MESSAGE })
  level: 'national' | 'provincial' | 'city';

  @ApiPropertyOptional({ format: 'uuid', description: '所属行政区（国家部委为空；省商务厅新增时默认为本省）' })
  @IsOptional()
  @IsUUID('all', { message: 'regionId 格式不正确 (must be a UUID)' })
  regionId?: string;

  @ApiPropertyOptional({ type: [String], example: ['山东省商务厅'], description: '别名：分工表中的其他写法' })
  @IsOptional()
  @AliasList()
  aliases?: string[];

  @ApiPropertyOptional({ description: '机构改革后的承继部门' }) @IsOptional() @Length(1, 128, { message: '承继部门名称为 1–128 个字 (successorName must be 1–128 characters)' }) successorName?: string;
  @ApiPropertyOptional({ description: '负责人' }) @IsOptional() @personName('headName', '负责人') headName?: string;
  @ApiPropertyOptional({ description: '负责人电话', example: '0531-12345678' }) @IsOptional() @phone('headPhone', '负责人') headPhone?: string;
  @ApiPropertyOptional({ description: '负责人邮箱' }) @IsOptional() @email('headEmail', '负责人') headEmail?: string;
  @ApiPropertyOptional({ description: '联络员' }) @IsOptional() @personName('liaisonName', '联络员') liaisonName?: string;
  @ApiPropertyOptional({ description: '联络员电话', example: '13800000000' }) @IsOptional() @phone('liaisonPhone', '联络员') liaisonPhone?: string;
  @ApiPropertyOptional({ description: '联络员邮箱' }) @IsOptional() @email('liaisonEmail', '联络员') liaisonEmail?: string;
  @ApiPropertyOptional({ description: '通知机器人 webhook（政务钉钉/企业微信）' })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'webhook 地址应为 http(s) 网址 (webhookUrl must be an http(s) URL)' })
  webhookUrl?: string;
}

/** Every field optional; contacts, successor, region and webhook take null to clear them, the name, level and aliases do not. */
export class UpdateDepartmentDto extends PartialType(OmitType(CreateDepartmentDto, ['name', 'level', 'aliases'] as const)) {
  @ApiPropertyOptional({ example: '省商务厅' })
  @IsOmittable()
  @Length(1, 128, { message: NAME_MESSAGE })
  name?: string;

  @ApiPropertyOptional({ enum: LEVELS })
  @IsOmittable()
  @IsIn(LEVELS, { message: LEVEL_MESSAGE })
  level?: 'national' | 'provincial' | 'city';

  @ApiPropertyOptional({ type: [String], description: '别名（整体替换）' })
  @IsOmittable()
  @AliasList()
  aliases?: string[];
}

/** The fields an update may clear with null, documented as nullable (PartialType keeps the create DTO's non-null types). */
const CLEARABLE = ['regionId', 'successorName', 'headName', 'headPhone', 'headEmail', 'liaisonName', 'liaisonPhone', 'liaisonEmail', 'webhookUrl'] as const;
for (const field of CLEARABLE) ApiPropertyOptional({ type: String, nullable: true })(UpdateDepartmentDto.prototype, field);
