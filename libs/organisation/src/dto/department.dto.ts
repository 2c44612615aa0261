import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsArray, IsEmail, IsIn, IsOptional, IsString, IsUrl, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '#libs/common';

export class DepartmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['national', 'provincial', 'city'] })
  @IsOptional()
  @IsIn(['national', 'provincial', 'city'])
  level?: 'national' | 'provincial' | 'city';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @ApiPropertyOptional({ description: '名称或别名包含' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}

const PHONE = /^[0-9+\-() ]{5,32}$/;

export class CreateDepartmentDto {
  @ApiProperty({ example: '省商务厅' })
  @IsString()
  @Length(1, 128)
  name: string;

  @ApiProperty({ enum: ['national', 'provincial', 'city'] })
  @IsIn(['national', 'provincial', 'city'])
  level: 'national' | 'provincial' | 'city';

  @ApiPropertyOptional({ format: 'uuid', description: '所属行政区（国家部委为空）' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @ApiPropertyOptional({ type: [String], example: ['山东省商务厅'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @Length(1, 128, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ description: '机构改革后的承继部门' }) @IsOptional() @IsString() @Length(1, 128) successorName?: string;
  @ApiPropertyOptional({ description: '负责人' }) @IsOptional() @IsString() @Length(1, 64) headName?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(PHONE, { message: 'headPhone must be a phone number' }) headPhone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail({}, { message: 'headEmail must be an email address' }) headEmail?: string;
  @ApiPropertyOptional({ description: '联络员' }) @IsOptional() @IsString() @Length(1, 64) liaisonName?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(PHONE, { message: 'liaisonPhone must be a phone number' }) liaisonPhone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail({}, { message: 'liaisonEmail must be an email address' }) liaisonEmail?: string;
  @ApiPropertyOptional({ description: '通知机器人 webhook（政务钉钉/企业微信）' })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'webhookUrl must be an http(s) URL' })
  webhookUrl?: string;
}

export class UpdateDepartmentDto extends PartialType(CreateDepartmentDto) {}
