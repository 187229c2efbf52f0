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
# The API writes the bootstrap admin key to <cache dir>/bootstrap-admin-key; a named volume mounted here keeps it
# (and inherits this owner and mode when first created).
RUN mkdir -p /home/node/.cache/meridian && chown -R node:node /home/node/.cache && chmod 700 /home/node/.cache/meridian
USER node
EXPOSE 3000
CMD ["node_modules/.bin/tsx", "api/server.ts"]
