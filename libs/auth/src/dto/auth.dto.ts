import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { IsOmittable, PageQueryDto, QueryBoolean, ROLES, type Role } from '#libs/common';
import { PASSWORD_RULE } from '../password-policy.js';

export class LoginDto {
  @ApiProperty({ example: 'coordinator' }) @Length(1, 64, { message: '请填写用户名 (username is required)' }) username: string;
  @ApiProperty({ example: 'Demo@2026' }) @Length(1, 128, { message: '请填写密码 (password is required)' }) password: string;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty({ description: '姓名或显示名', example: '李联络' }) displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ description: '角色名称', example: '省商务厅（协调机制办公室）' }) roleLabel: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '所属部门（部门用户）' }) departmentId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '所属部门名称', example: '省市场监管局' }) departmentName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '所属行政区（市级用户为市，省商务厅、领导为省）' }) regionId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '所属行政区名称', example: '济南市' }) regionName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '所在省（管理员为空）' }) provinceId: string | null;
  @ApiProperty({ type: String, nullable: true, example: '山东省' }) provinceName: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ description: '启用；停用的账号不能登录，已签发的令牌随即失效' }) active: boolean;
}

export class LoginResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ type: UserView }) user: UserView;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES, { message: 'role 不是有效的角色 (unknown role)' }) role?: Role;
  @ApiPropertyOptional({ format: 'uuid', description: '所属部门' }) @IsOptional() @IsUUID('all', { message: 'departmentId 格式不正确 (must be a UUID)' }) departmentId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '行政区：本区及部门在本区的用户；为省时含全省用户' })
  @IsOptional()
  @IsUUID('all', { message: 'regionId 格式不正确 (must be a UUID)' })
  regionId?: string;
  @ApiPropertyOptional({ description: 'true 只看启用的，false 只看停用的' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'active 应为 true 或 false (active must be true or false)' })
  active?: boolean;
  @ApiPropertyOptional({ description: '用户名或姓名包含' }) @IsOptional() @IsString() @MaxLength(64) q?: string;
}

const USERNAME = /^[A-Za-z0-9_.-]{3,64}$/;
const USERNAME_MESSAGE = '用户名为 3–64 位字母、数字或 _ . - (username must be 3–64 letters, digits, _ . or -)';
const DISPLAY_NAME_MESSAGE = '姓名为 1–64 个字 (displayName must be 1–64 characters)';
const PASSWORD_MESSAGE = `密码须${PASSWORD_RULE} (password must be 8–128 characters)`;
const ROLE_MESSAGE = `role 应为 ${ROLES.join('、')} 之一 (unknown role)`;
const EMAIL_MESSAGE = '邮箱格式不正确 (email must be an email address)';

export class CreateUserDto {
  @ApiProperty({ example: 'shangwuting01' }) @Matches(USERNAME, { message: USERNAME_MESSAGE }) username: string;
  @ApiProperty({ example: '张三' }) @Length(1, 64, { message: DISPLAY_NAME_MESSAGE }) displayName: string;
  @ApiProperty({ minLength: 8, description: `初始密码：${PASSWORD_RULE}`, example: 'Ftz@2026pass' })
  @Length(8, 128, { message: PASSWORD_MESSAGE })
  password: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES, { message: ROLE_MESSAGE }) role: Role;
  @ApiPropertyOptional({ format: 'uuid', description: '所属部门（部门用户必填）' }) @IsOptional() @IsUUID('all', { message: 'departmentId 格式不正确 (must be a UUID)' }) departmentId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '所属行政区（省商务厅、领导为省，市级用户为市或区县）' })
  @IsOptional()
  @IsUUID('all', { message: 'regionId 格式不正确 (must be a UUID)' })
  regionId?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail({}, { message: EMAIL_MESSAGE }) email?: string;
}

/**
 * Every field optional. Changing the role re-checks the affiliation it needs (department users a department,
 * city users a city or county, coordinators and leaders a province) and clears the one it does not use.
 */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: '张三' }) @IsOmittable() @Length(1, 64, { message: DISPLAY_NAME_MESSAGE }) displayName?: string;
  @ApiPropertyOptional({ minLength: 8, description: `重置密码：${PASSWORD_RULE}` })
  @IsOmittable()
  @Length(8, 128, { message: PASSWORD_MESSAGE })
  password?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOmittable() @IsIn(ROLES, { message: ROLE_MESSAGE }) role?: Role;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: '所属部门（部门用户）' })
  @IsOptional()
  @IsUUID('all', { message: 'departmentId 格式不正确 (must be a UUID)' })
  departmentId?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: '所属行政区（市级用户为市或区县，省商务厅、领导为省）' })
  @IsOptional()
  @IsUUID('all', { message: 'regionId 格式不正确 (must be a UUID)' })
  regionId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null 清除邮箱' }) @IsOptional() @IsEmail({}, { message: EMAIL_MESSAGE }) email?: string | null;
  @ApiPropertyOptional({ description: 'false 停用（不能登录，已签发的令牌随即失效），true 重新启用' })
  @IsOmittable()
  @IsBoolean({ message: 'active 应为 true 或 false (active must be true or false)' })
  active?: boolean;
}

export class ChangePasswordDto {
  @ApiProperty({ description: '当前密码', example: 'Demo@2026' }) @Length(1, 128, { message: '请填写当前密码 (currentPassword is required)' }) currentPassword: string;
  @ApiProperty({ minLength: 8, description: `新密码：${PASSWORD_RULE}`, example: 'Ftz#2026new' })
  @Length(8, 128, { message: `新${PASSWORD_MESSAGE}` })
  newPassword: string;
}
