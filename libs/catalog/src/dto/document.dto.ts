import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { IsCalendarDate, PageQueryDto } from '#libs/common';

export class DocumentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '文号或标题包含' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: '国务院' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  issuer?: string;
}

export class CreateDocumentDto {
  @ApiProperty({ example: '国发〔2016〕63号', description: '文号' })
  @IsString()
  @Length(1, 64)
  docNumber: string;

  @ApiProperty({ example: '国务院关于做好自由贸易试验区新一批改革试点经验复制推广工作的通知' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiPropertyOptional({ example: '国务院', description: '发文机关' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  issuer?: string;

  @ApiPropertyOptional({ example: '2016-11-02', description: '发文日期' })
  @IsOptional()
  @IsCalendarDate()
  issuedOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'] }, { message: 'url must be an http(s) URL' })
  @MaxLength(1000)
  url?: string;
}

export class UpdateDocumentDto extends PartialType(CreateDocumentDto) {}
