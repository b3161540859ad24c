import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parse, parseDocument } from 'yaml';
import { finalStages, parseDockerfile, stagesForTarget } from '../../scripts/dockerfile/parse-dockerfile.mjs';
import { baseContainerPorts, containers } from './support/pod-templates.js';
import { kubectlAbsentReason, renderVariant, repoRoot, VARIANTS } from './support/render-variant.js';

const skaffoldText = readFileSync(join(repoRoot, 'skaffold.yaml'), 'utf8');
const skaffold = parse(skaffoldText);
const artifacts: string[] = skaffold.build.artifacts.map((artifact: { image: string }) => artifact.image);

/** `name[:tag][@digest]` → its parts (the name may carry a registry). */
function splitImage(reference: string) {
  const [nameAndTag = '', digest] = reference.split('@');
  const colon = nameAndTag.lastIndexOf(':');
  const hasTag = colon > nameAndTag.lastIndexOf('/');
  return {
    name: hasTag ? nameAndTag.slice(0, colon) : nameAndTag,
    tag: hasTag ? nameAndTag.slice(colon + 1) : '',
    digest,
  };
}

describe('skaffold.yaml', () => {
  it('pins a v4beta apiVersion and builds front and worker as targets of the root Dockerfile, registry left to --default-repo', () => {
    expect(skaffold.apiVersion).toMatch(/^skaffold\/v4beta\d+$/);
    expect(artifacts.sort()).toEqual(['front', 'worker']);
    for (const artifact of skaffold.build.artifacts) {
      expect(artifact.context).toBe('.');
      expect(artifact.docker).toEqual({ dockerfile: 'Dockerfile', target: artifact.image });
      expect(existsSync(join(repoRoot, artifact.docker.dockerfile))).toBe(true);
    }
    expect(skaffoldText).not.toMatch(/defaultRepo|\.pkg\.dev\/[a-z]|gcr\.io\/[a-z]/);
  });

  it('has dev, staging and prod profiles, each with a comment saying how to run it, and no patches', () => {
    const profiles = parseDocument(skaffoldText).get('profiles');
    expect(isSeq(profiles)).toBe(true);
    if (!isSeq(profiles)) return;
    const items = profiles.items.filter(isMap);
    const names = items.map((item) => String(item.get('name')));
    expect(names).toEqual(['dev', 'staging', 'prod']);
    items.forEach((item, index) => {
      const comment =
        index === 0 ? (profiles.commentBefore ?? '') + (item.commentBefore ?? '') : (item.commentBefore ?? '');
      expect(comment, names[index]).toMatch(
        new RegExp(`skaffold (dev|run) .*${index === 0 ? '-p dev' : `-p ${names[index]}`}`),
      );
      expect(item.has('patches'), names[index]).toBe(false);
    });
    for (const profile of skaffold.profiles) {
      for (const path of profile.manifests.kustomize.paths)
        expect(existsSync(join(repoRoot, path, 'kustomization.yaml'))).toBe(true);
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = parseDockerfile(readFileSync(join(repoRoot, 'Dockerfile'), 'utf8'));

  it('has one final stage per skaffold artifact, and no other', () => {
    expect(finalStages(dockerfile).sort()).toEqual([...artifacts].sort());
  });

  it.each(artifacts)(
    '%s: the shared stages, then its own final stage with its CMD and the port its Deployment uses',
    (image) => {
      const names = (target: string) => stagesForTarget(dockerfile, target).map((stage) => stage.name);
      const [first = ''] = artifacts;
      expect(names(image).at(-1)).toBe(image);
      expect(names(image).slice(0, -1)).toEqual(names(first).slice(0, -1));
      for (const other of artifacts.filter((artifact) => artifact !== image)) expect(names(image)).not.toContain(other);
      const own = dockerfile.stages.find((stage) => stage.name === image)!;
      const args = (op: string) => own.instructions.filter((i) => i.op === op).map((i) => i.args);
      expect(args('CMD')).toEqual([JSON.stringify([image])]);
      expect(args('EXPOSE').flatMap((line) => line.split(/\s+/))).toEqual(baseContainerPorts(image));
    },
  );
});

describe.skipIf(!!kubectlAbsentReason)('image names', () => {
  it('base uses exactly the skaffold artifact names, bare', () => {
    const images = containers(renderVariant('k8s/base')).map(({ container }) => container.image);
    expect([...new Set(images)].sort()).toEqual([...artifacts].sort());
  });

  it.each(VARIANTS)(
    '%s: each image is a skaffold artifact or a third-party image pinned by version or digest',
    (variant) => {
      for (const { where, container } of containers(renderVariant(variant))) {
        const { name, tag, digest } = splitImage(container.image);
        const artifact = artifacts.find((a) => name === a || name.endsWith(`/${a}`));
        if (artifact) {
          expect(where.split(' ')[0], container.image).toBe(`Deployment/${artifact}`);
        } else {
          expect(digest ?? tag, `${where} ${container.image}`).toMatch(/^(sha256:[0-9a-f]{64}|\d+\.\d+\.\d+\S*)$/);
        }
      }
    },
  );

  it('the root kustomization pins only skaffold artifacts', () => {
    const root = parse(readFileSync(join(repoRoot, 'kustomization.yaml'), 'utf8'));
    for (const image of root.images ?? []) expect(artifacts).toContain(image.name);
  });
});
