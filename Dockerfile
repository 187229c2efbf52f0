# One image for both Meridian processes; docker-compose.yml runs it as `api` and as `worker`.
FROM node:20-slim

ENV NODE_ENV=production \
    TZ=UTC \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app

# Dependencies first, so code changes reuse the cached layer (tsx is a runtime dependency: no build step).
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY . .
USER node
EXPOSE 3000
CMD ["node_modules/.bin/tsx", "api/server.ts"]
