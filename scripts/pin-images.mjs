#!/usr/bin/env node
// @ts-check
// Pins image references in a kustomization's `images:` list, keeping its comments.
//   --builds FILE        skaffold's build result (`skaffold build --file-output FILE`):
//                        {"builds":[{"imageName":"front","tag":"REPO/front:TAG@sha256:…"}]}
//   --from KUSTOMIZATION copy another kustomization's pinned images instead (promotion)
//   --expect-tag TAG     refuse unless every build carries exactly this tag
//   --kustomization FILE the file to write (default kustomization.yaml)
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';

/** @typedef {{ name: string, newName: string, newTag: string, digest?: string }} PinnedImage */

/**
 * Splits a pushed reference `registry/path/name:tag@sha256:…` into kustomize's image fields.
 * @param {string} imageName the artifact name the manifests use (`front`)
 * @param {string} reference
 * @returns {PinnedImage}
 */
export function toPinnedImage(imageName, reference) {
  const [nameAndTag = '', digest] = reference.split('@');
  const colon = nameAndTag.lastIndexOf(':');
  if (colon <= nameAndTag.lastIndexOf('/')) throw new Error(`build of ${imageName} has no tag: '${reference}'`);
  const pinned = { name: imageName, newName: nameAndTag.slice(0, colon), newTag: nameAndTag.slice(colon + 1) };
  if (digest && !/^sha256:[0-9a-f]{64}$/.test(digest))
    throw new Error(`build of ${imageName} has a bad digest: '${digest}'`);
  return digest ? { ...pinned, digest } : pinned;
}

/**
 * Reads skaffold's build result and returns the images to pin, sorted by name.
 * @param {string} text @param {string | undefined} expectTag
 * @returns {PinnedImage[]}
 */
export function imagesFromBuilds(text, expectTag) {
  const builds = /** @type {{ builds?: { imageName?: string, tag?: string }[] }} */ (JSON.parse(text)).builds ?? [];
  if (builds.length === 0) throw new Error('the build result lists no builds');
  const images = builds.map((build) => {
    if (!build.imageName || !build.tag) throw new Error(`incomplete build entry ${JSON.stringify(build)}`);
    const image = toPinnedImage(build.imageName, build.tag);
    if (expectTag !== undefined && image.newTag !== expectTag) {
      throw new Error(`build of ${image.name} is tagged '${image.newTag}', not the release tag '${expectTag}'`);
    }
    return image;
  });
  return images.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Replaces the `images:` list of a kustomization text with `images` (other content and comments kept).
 * @param {string} text @param {PinnedImage[]} images
 */
export function pinImages(text, images) {
  const document = parseDocument(text);
  document.set('images', document.createNode(images.map((image) => ({ ...image }))));
  return document.toString();
}

/** @param {string} text @returns {PinnedImage[]} */
function imagesFromKustomization(text) {
  const images = /** @type {PinnedImage[] | undefined} */ (parseDocument(text).toJS().images);
  if (!images || images.length === 0) throw new Error('the source kustomization pins no images');
  return images;
}

function main() {
  const { values } = parseArgs({
    options: {
      builds: { type: 'string' },
      from: { type: 'string' },
      'expect-tag': { type: 'string' },
      kustomization: { type: 'string', default: 'kustomization.yaml' },
    },
  });
  if (!values.builds === !values.from) throw new Error('pass exactly one of --builds FILE or --from KUSTOMIZATION');
  const images = values.builds
    ? imagesFromBuilds(readFileSync(values.builds, 'utf8'), values['expect-tag'])
    : imagesFromKustomization(readFileSync(/** @type {string} */ (values.from), 'utf8'));
  const file = /** @type {string} */ (values.kustomization);
  writeFileSync(file, pinImages(readFileSync(file, 'utf8'), images));
  for (const image of images) {
    console.log(`${file}: ${image.name} → ${image.newName}:${image.newTag}${image.digest ? `@${image.digest}` : ''}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main();
  } catch (error) {
    console.error(`pin-images: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
