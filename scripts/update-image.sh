#!/usr/bin/env bash
# Builds and pushes both images tagged with `git describe`, then pins exactly what was pushed in
# the root kustomization.yaml. The tag is computed here, once, at run time, and handed to the build;
# the pin step reads the build's own result and refuses any other tag. (The original computed the
# tag in a make variable before building, and so pinned the previous build.)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${REGISTRY:?set REGISTRY to the image registry, e.g. make update-image REGISTRY=us-docker.pkg.dev/PROJECT/labelbot}"

tag="$(git describe --tags --always --dirty)"
if [[ "$tag" == *-dirty && "${ALLOW_DIRTY:-}" != 1 ]]; then
  echo "update-image: the work tree has uncommitted changes ($tag); commit first (or ALLOW_DIRTY=1)" >&2
  exit 1
fi
builds="$(mktemp)"
trap 'rm -f "$builds"' EXIT

echo "update-image: building and pushing $tag to $REGISTRY"
skaffold build --default-repo="$REGISTRY" --tag="$tag" --push --file-output="$builds"
node scripts/pin-images.mjs --builds "$builds" --expect-tag "$tag" --kustomization kustomization.yaml
echo "update-image: pinned $tag; commit kustomization.yaml, then deploy with 'make deploy-staging'"
