// Writes the api's OpenAPI document to a file without connecting to anything: the web app's typed client is generated
// from it (npm run openapi), so a changed DTO shows up as a type error in apps/web rather than as a clerk's failed form.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module.js';
import { openApiConfig } from '../configure-app.js';

const target = process.argv[2] ?? 'dist/openapi.json';
// preview: the module graph is scanned for its controllers and DTOs, no provider is instantiated (no database, no Redis).
const app = await NestFactory.create(AppModule, { preview: true, logger: false });
const document = SwaggerModule.createDocument(app, openApiConfig());
writeFileSync(target, JSON.stringify(document, null, 2) + '\n');
await app.close();
console.log(`OpenAPI document written to ${target}`);
