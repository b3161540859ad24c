# Thin wrappers over npm scripts and the deploy tools; the npm scripts are the source of truth.
.PHONY: install build test lint bench

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
