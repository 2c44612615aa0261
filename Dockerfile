# syntax=docker/dockerfile:1
# FTZ replication tracker: one image for the api and the worker (see docker-compose.yml).
#   docker build -t ftz-tracker .
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: full install (TypeScript etc.) and `npm run build` -> dist/
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# .npmrc only sets node-options for Jest (--experimental-vm-modules); harmless for install and build.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime: production dependencies + compiled output
FROM ${NODE_IMAGE} AS runtime
# The heap limit: see SERVICE_NODE_FLAGS in scripts/lib/build.mjs (the api's peak memory under load).
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=512 \
    PORT=3000 \
    EVIDENCE_DIR=/data/evidence
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# The sources come along (small) so that data files read at run time — seeds/data/*.json and any other
# non-TypeScript assets — are where the code expects them; package.json's "imports" map #libs/* to dist/.
COPY . .
COPY --from=build /app/dist ./dist
RUN mkdir -p /data/evidence && chown -R node:node /data
USER node
VOLUME ["/data/evidence"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
