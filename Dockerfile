# syntax=docker/dockerfile:1
# Candor's production image: one image for the web and worker process groups (see fly.toml).
# Stages: build (all dependencies, Prisma client, React Router build), prod-deps (runtime
# dependencies only), then a slim runtime that runs as the unprivileged `node` user.

FROM node:22-slim AS base
WORKDIR /app

FROM base AS build
COPY package.json package-lock.json ./
# Install scripts are skipped: the root postinstall (prisma generate) needs the schema, which is
# copied next; no dependency needs its own script in production.
RUN npm ci --include=dev --ignore-scripts --no-audit --no-fund
COPY . .
# prisma generate needs no schema engine; the variable tells it not to look for one.
RUN PRISMA_SCHEMA_ENGINE_BINARY=/bin/false npx prisma generate \
 && npx react-router build

FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM base AS runtime
# NODE_OPTIONS: the V8 flags of every Candor process (server/node-flags.js).
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0 \
    NODE_OPTIONS="--max-semi-space-size=2 --max-old-space-size=512"
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/build ./build
COPY --chown=node:node package.json ./
COPY --chown=node:node server/main.js server/build.js ./server/
# Migrations are read at release time (node server/main.js migrate) and by /readyz.
COPY --chown=node:node prisma/migrations ./prisma/migrations
# Exports and trust documents go to an S3 bucket in production (docs/site/deploy-fly.md); without one, to
# this folder (mount a volume here on a single machine), which the app's user must be able to write.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 8080
CMD ["node", "server/main.js", "start"]
