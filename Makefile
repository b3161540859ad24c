# Thin wrappers over npm scripts and the deploy tools; the npm scripts are the source of truth.
# render and deploy-staging need kubectl; dev and update-image need skaffold and Docker too.
.PHONY: install build test lint bench dev render deploy-staging update-image promote-prod check-dockerfiles

# Image registry for skaffold, e.g. us-docker.pkg.dev/PROJECT/labelbot (or skaffold's default-repo).
REGISTRY ?=
# Every kustomize variant `render` writes to .cache/render/.
VARIANTS := k8s/overlays/dev k8s/overlays/staging k8s/overlays/prod .

install:
	npm ci

build:
	npm run build

test:
	npm test

lint:
	npm run lint

bench:
	npm run bench

# The whole stack on a local cluster, rebuilt on change (for one process without Kubernetes: npm start).
dev:
	skaffold dev --profile dev

render:
	@mkdir -p .cache/render
	@for variant in $(VARIANTS); do \
	  name=$$(echo "$$variant" | sed -e 's#^k8s/overlays/##' -e 's#^\.$$#release-staging#'); \
	  kubectl kustomize "$$variant" > ".cache/render/$$name.yaml" || exit 1; \
	  echo "$$variant -> .cache/render/$$name.yaml ($$(grep -c '^kind:' ".cache/render/$$name.yaml") objects)"; \
	done

# Applies the release pinned in kustomization.yaml (by make update-image) to the current context.
deploy-staging:
	kubectl apply -k .

# Build + push tagged `git describe`, then pin exactly that build (the tag is computed in the script).
update-image:
	REGISTRY="$(REGISTRY)" scripts/update-image.sh

# Production gets the images staging runs: copies the root kustomization's pins into the prod overlay.
promote-prod:
	node scripts/pin-images.mjs --from kustomization.yaml --kustomization k8s/overlays/prod/kustomization.yaml

check-dockerfiles:
	node scripts/check-dockerfiles.mjs
