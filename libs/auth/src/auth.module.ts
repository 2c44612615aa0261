import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { appConfig } from '#libs/common';
import { OrganisationModule } from '#libs/organisation';
import { AuthService } from './auth.service.js';
import { User } from './entities/user.entity.js';
import { AuthGuard } from './guards/auth.guard.js';
import { LoginRateLimitGuard } from './guards/login-rate-limit.guard.js';
import { AuditedRefusalLog, RefusalLog, RolesGuard } from './guards/roles.guard.js';
import { PasswordHasher } from './password-hasher.js';
import { SecurityPolicyService } from './security-policy.service.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([User]),
    // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM public key and
    // throws on every request — that failed parse was most of an authenticated request's CPU time.
    JwtModule.registerAsync({ useFactory: () => ({ secret: createSecretKey(Buffer.from(appConfig().JWT_SECRET)), signOptions: { expiresIn: `${appConfig().SESSION_MAX_HOURS}h` } }) }),
    AuditModule,
    OrganisationModule,
  ],
  providers: [
    AuthService,
    UsersService,
    UsersRepository,
    PasswordHasher,
    SecurityPolicyService,
    LoginRateLimitGuard,
    { provide: RefusalLog, useClass: AuditedRefusalLog },
    { provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_GUARD, useClass: RolesGuard }],
  exports: [AuthService, UsersService, SecurityPolicyService, PasswordHasher, LoginRateLimitGuard],
})
export class AuthModule {}
