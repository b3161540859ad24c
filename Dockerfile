# syntax=docker/dockerfile:1
# The two images, described once: shared stages (deps, build, runtime), then one final stage per image.
#   docker build --target front .    the webhook service                (skaffold artifact `front`)
#   docker build --target worker .   the Pub/Sub consumer pool          (skaffold artifact `worker`)
# Always name the target: without --target Docker builds the last stage (worker).
# Build context = the repository root.
# RUN steps use paths relative to WORKDIR: scripts/check-dockerfiles.mjs replays them outside Docker.
# Base pinned by exact version; pin it by digest (`node:…@sha256:…`) where the registry can be read.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# Production dependencies only, with onnxruntime-node's binaries for the other platforms removed
# (they are ~240 MB of the package; the image keeps linux/<its own arch>).
FROM ${NODE_IMAGE} AS deps
ARG TARGETARCH
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY packages/telemetry/package.json packages/telemetry/
COPY packages/model/package.json packages/model/
COPY packages/github/package.json packages/github/
COPY packages/queue/package.json packages/queue/
COPY packages/store/package.json packages/store/
COPY packages/rollout/package.json packages/rollout/
COPY apps/front/package.json apps/front/
COPY apps/worker/package.json apps/worker/
COPY apps/cli/package.json apps/cli/
RUN npm ci --omit=dev --no-audit --no-fund \
 && arch="$(case "${TARGETARCH:-$(uname -m)}" in amd64|x86_64) echo x64;; arm64|aarch64) echo arm64;; *) echo unknown;; esac)" \
 && if [ -d node_modules/onnxruntime-node/bin ]; then \
      find node_modules/onnxruntime-node/bin -mindepth 3 -maxdepth 3 -type d ! -path "*/linux/${arch}" -exec rm -rf {} +; \
    fi

# The compiled JavaScript (tsc -b), assembled as package.json + dist per workspace, without
# declarations and source maps.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc tsconfig.base.json tsconfig.json ./
COPY packages packages
COPY apps apps
RUN npm ci --no-audit --no-fund --ignore-scripts \
 && npx tsc -b \
 && for dir in packages/* apps/*; do \
      mkdir -p "out/$dir" && cp "$dir/package.json" "out/$dir/" && if [ -d "$dir/dist" ]; then cp -R "$dir/dist" "out/$dir/"; fi; \
    done \
 && cp -R apps/cli/bin out/apps/cli/ \
 && find out \( -name '*.d.ts' -o -name '*.map' -o -name '*.tsbuildinfo' \) -type f -delete

# What both images share: production dependencies, compiled JavaScript, the generic model (the front
# serves it; the worker falls back to it last: repo → org → generic), uid 1000, the CLI as entrypoint.
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# The whole deps stage: root node_modules and the workspaces' own nested node_modules.
COPY --from=deps /app ./
COPY --from=build /app/out ./
COPY models/generic models/generic
USER 1000:1000
ENTRYPOINT ["node", "apps/cli/bin/labelbot.js"]

# front: the webhook service.
FROM runtime AS front
EXPOSE 3000
CMD ["front"]

# worker: the Pub/Sub consumer pool (metrics and health on 9090).
FROM runtime AS worker
EXPOSE 9090
CMD ["worker"]
