import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '#libs/common';

/** The error answers every authenticated route can give, documented once. */
export const ApiErrors = () =>
  applyDecorators(
    ApiBadRequestResponse({ type: ErrorResponseDto, description: '参数错误：errors 列出每个字段' }),
    ApiUnauthorizedResponse({ type: ErrorResponseDto, description: '未登录或令牌失效' }),
    ApiForbiddenResponse({ type: ErrorResponseDto, description: '无权限' }),
    ApiNotFoundResponse({ type: ErrorResponseDto, description: '不存在' }),
    ApiConflictResponse({ type: ErrorResponseDto, description: '与现有数据或当前状态冲突' }),
  );
