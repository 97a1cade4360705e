# One image for every Newsflow service; the service is chosen by the command (see docker-compose.yml).
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/contracts/package.json packages/contracts/
COPY packages/runtime/package.json packages/runtime/
COPY packages/search/package.json packages/search/
COPY packages/cli/package.json packages/cli/
COPY services/fetcher/package.json services/fetcher/
COPY services/cleaner/package.json services/cleaner/
COPY services/langdetect/package.json services/langdetect/
COPY services/enricher/package.json services/enricher/
COPY services/indexer/package.json services/indexer/
COPY services/api/package.json services/api/
COPY services/discovery/package.json services/discovery/
RUN npm ci --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
USER node
# Overridden per service in docker-compose.yml.
CMD ["node", "--import", "tsx", "services/api/src/main.ts"]
