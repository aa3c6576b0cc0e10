# Berth's container image: built in stages, the console compiled here (not at first start), run as a non-root user.
#   docker build -t berth .        (or: buildah build --isolation chroot -t berth .)
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/postinstall.mjs scripts/postinstall.mjs
COPY prisma ./prisma
COPY prisma.config.ts ./
# `npm install`, not `npm ci`: the lockfile is written without other platforms' optional packages (npm/cli#4828).
RUN npm install --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS run
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 BERTH_DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
# The image's own unprivileged user (uid 1000); /data holds the embedded database and blobs when nothing external is set.
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--import", "tsx", "server.ts"]
