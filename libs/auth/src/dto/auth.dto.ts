import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { PageQueryDto, ROLES, type Role } from '#libs/common';

export class LoginDto {
  @ApiProperty({ example: 'coordinator' }) @IsString() @Length(1, 64) username: string;
  @ApiProperty({ example: 'Demo@2026' }) @IsString() @Length(1, 128) password: string;
}

export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ nullable: true }) departmentId: string | null;
  @ApiProperty({ nullable: true }) regionId: string | null;
  @ApiProperty({ nullable: true }) provinceId: string | null;
  @ApiProperty({ nullable: true, example: '山东省' }) provinceName: string | null;
  @ApiProperty({ nullable: true }) email: string | null;
  @ApiProperty() active: boolean;
}

export class LoginResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ type: UserView }) user: UserView;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) q?: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'shangwuting01' })
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, { message: 'username must be 3–64 letters, digits, _ . or -' })
  username: string;

  @ApiProperty({ example: '张三' }) @IsString() @Length(1, 64) displayName: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @Length(8, 128, { message: 'password must be 8–128 characters' })
  password: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional({ format: 'uuid', description: '所属部门（部门用户必填）' }) @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '所属行政区（省商务厅、领导为省，市级用户为市）' }) @IsOptional() @IsUUID() regionId?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail({}, { message: 'email must be an email address' }) email?: string;
}

export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['username'] as const)) {
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }) => value) @IsBoolean() active?: boolean;
}
