import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { ADMIN_ROLES, IsOmittable, PageQueryDto, QueryBoolean, ROLES, type Role } from '#libs/common';
import { PASSWORD_RULE } from '../password-policy.js';
import type { PasswordChangeReason } from '../users.repository.js';

const PASSWORD_CHANGE_REASONS = ['initial', 'reset', 'expired'];

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
  @ApiProperty({
    type: String,
    enum: PASSWORD_CHANGE_REASONS,
    nullable: true,
    description: '须先修改密码才能继续：initial 初始密码、reset 管理员重置的密码、expired 密码已过期；null 不需要',
  })
  passwordChangeRequired: PasswordChangeReason | null;
  @ApiProperty({ type: String, format: 'date-time', description: '密码设置时间' }) passwordChangedAt: Date;
  @ApiProperty({ description: '连续密码错误次数（登录成功或解锁后清零）' }) failedLogins: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '锁定至（连续密码错误达到阈值后锁定；已过期的锁定为 null）' }) lockedUntil: Date | null;
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

/**
 * Every field optional. The role and the password are not here: assigning roles and resetting passwords are the
 * security administrator's (三员分立), through /api/security/users.
 */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: '张三' }) @IsOmittable() @Length(1, 64, { message: DISPLAY_NAME_MESSAGE }) displayName?: string;
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

const BUSINESS_ROLES = ROLES.filter((r) => !ADMIN_ROLES.includes(r));

/** A new account's role is a business one: the three administrator roles are given only by the security administrator. */
export class CreateUserDto {
  @ApiProperty({ example: 'shangwuting01' }) @Matches(USERNAME, { message: USERNAME_MESSAGE }) username: string;
  @ApiProperty({ example: '张三' }) @Length(1, 64, { message: DISPLAY_NAME_MESSAGE }) displayName: string;
  @ApiProperty({ minLength: 8, description: `初始密码：${PASSWORD_RULE}；首次登录须修改`, example: 'Ftz@2026pass' })
  @Length(8, 128, { message: PASSWORD_MESSAGE })
  password: string;
  @ApiProperty({ enum: BUSINESS_ROLES, description: '业务角色；三类管理员角色由安全管理员分配' })
  @IsIn(BUSINESS_ROLES, { message: `role 应为 ${BUSINESS_ROLES.join('、')} 之一；管理员角色由安全管理员分配 (a business role; administrator roles are assigned by the security administrator)` })
  role: Role;
  @ApiPropertyOptional({ format: 'uuid', description: '所属部门（部门用户必填）' }) @IsOptional() @IsUUID('all', { message: 'departmentId 格式不正确 (must be a UUID)' }) departmentId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '所属行政区（省商务厅、领导为省，市级用户为市或区县）' })
  @IsOptional()
  @IsUUID('all', { message: 'regionId 格式不正确 (must be a UUID)' })
  regionId?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail({}, { message: EMAIL_MESSAGE }) email?: string;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 8, description: `重置后的密码：${PASSWORD_RULE}；用户下次登录须修改`, example: 'Reset#2026ok' })
  @Length(8, 128, { message: PASSWORD_MESSAGE })
  password: string;
}

/** A role with the affiliation it needs (department users a department, city users a city or county, coordinators and leaders a province). */
export class AssignRoleDto {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES, { message: ROLE_MESSAGE }) role: Role;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: '所属部门（部门用户）' })
  @IsOptional()
  @IsUUID('all', { message: 'departmentId 格式不正确 (must be a UUID)' })
  departmentId?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: '所属行政区（市级用户为市或区县，省商务厅、领导为省）' })
  @IsOptional()
  @IsUUID('all', { message: 'regionId 格式不正确 (must be a UUID)' })
  regionId?: string | null;
}

const policyNumber = (field: string, label: string, min: number, max: number) => [
  IsInt({ message: `${field}（${label}）应为整数 (must be an integer)` }),
  Min(min, { message: `${field}（${label}）不能小于 ${min} (at least ${min})` }),
  Max(max, { message: `${field}（${label}）不能大于 ${max} (at most ${max})` }),
];

function PolicyNumber(field: string, label: string, min: number, max: number): PropertyDecorator {
  return (target, key) => {
    for (const d of policyNumber(field, label, min, max)) d(target, key);
    ApiProperty({ minimum: min, maximum: max, description: label })(target, key);
  };
}

/** The password and lockout policy the security administrator sets (等保 2.0 三级 defaults: 8, 3, 5, 90, 5, 15). */
export class SecurityPolicyDto {
  @PolicyNumber('minLength', '密码最短长度', 8, 64) minLength: number;
  @PolicyNumber('minClasses', '至少包含的字符种类数（大写、小写、数字、符号）', 2, 4) minClasses: number;
  @PolicyNumber('historyCount', '不得与最近几次用过的密码相同（0 不检查）', 0, 24) historyCount: number;
  @PolicyNumber('maxAgeDays', '密码有效天数（0 永不过期）', 0, 3650) maxAgeDays: number;
  @PolicyNumber('lockThreshold', '连续密码错误几次锁定账号', 3, 20) lockThreshold: number;
  @PolicyNumber('lockMinutes', '锁定分钟数', 1, 1440) lockMinutes: number;
}

export class PasswordRuleDto {
  @ApiProperty({ description: '当前密码策略的文字说明', example: PASSWORD_RULE }) rule: string;
}

export class SecurityPolicyView extends SecurityPolicyDto {
  @ApiProperty({ description: 'true 已由安全管理员设置；false 使用默认值' }) custom: boolean;
}
