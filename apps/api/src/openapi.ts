import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
  type SchemaObject,
} from '@nestjs/swagger';
import { ErrorResponseDto, PageDto } from '#libs/common';

/** The error answers every authenticated route can give, documented once. */
export const ApiErrors = () =>
  applyDecorators(
    ApiBadRequestResponse({ type: ErrorResponseDto, description: '参数错误：errors 列出每个字段' }),
    ApiUnauthorizedResponse({ type: ErrorResponseDto, description: '未登录或令牌失效' }),
    ApiForbiddenResponse({ type: ErrorResponseDto, description: '无权限' }),
    ApiNotFoundResponse({ type: ErrorResponseDto, description: '不存在' }),
    ApiConflictResponse({ type: ErrorResponseDto, description: '与现有数据或当前状态冲突' }),
    ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: '数据库暂时不可用：响应头 Retry-After 给出建议的重试秒数' }),
  );

/** `{ items: Model[], total, page, pageSize }` as a schema; the caller registers Model and PageDto with ApiExtraModels. */
export const pageSchema = (model: Type<unknown>, extra: Record<string, Type<unknown>> = {}): SchemaObject => ({
  allOf: [
    { $ref: getSchemaPath(PageDto) },
    {
      properties: { items: { type: 'array', items: { $ref: getSchemaPath(model) } }, ...Object.fromEntries(Object.entries(extra).map(([k, m]) => [k, { $ref: getSchemaPath(m) }])) },
      required: ['items', ...Object.keys(extra)],
    },
  ],
});

/** 200 with a page of Model, as every paginated list answers (pageOf in #libs/common). */
export const ApiPageResponse = (model: Type<unknown>, extra: Record<string, Type<unknown>> = {}) =>
  applyDecorators(ApiExtraModels(PageDto, model, ...Object.values(extra)), ApiOkResponse({ description: '分页结果', schema: pageSchema(model, extra) }));
