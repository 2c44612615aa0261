import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createValidationPipe, TextIntegrityPipe } from '#libs/common';
import { hardenHttp } from './http-hardening.js';
import { serveWebApp } from './web-app.js';

/** Everything main.ts does to the app besides listening, shared with the e2e tests so they test the real thing. */
export function configureApp(app: INestApplication): INestApplication {
  hardenHttp(app);
  app.useGlobalPipes(new TextIntegrityPipe(), createValidationPipe());
  // SIGTERM: the http adapter drains first (DrainingExpressAdapter in main.ts), then the modules close; exit code 0.
  app.enableShutdownHooks([], { useProcessExit: true });
  const document = SwaggerModule.createDocument(app, openApiConfig());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  serveWebApp(app);
  return app;
}

/** The document's header, shared with the CLI that writes it for the web app's generated client. */
export function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('自贸试验区改革试点经验复制推广跟踪系统 API')
    .setDescription('FTZ reform replication tracker: batches, provincial tasks, milestones, audit. Errors share one shape (ErrorResponseDto).')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
}
