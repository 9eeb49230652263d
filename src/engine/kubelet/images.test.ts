// The image reference parser and its cache: containerd's fully qualified names, one shared frozen entry per text.
import { describe, expect, it } from 'vitest';
import { lookupImage, normalizeImage } from './images.ts';

describe('normalizeImage', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['bitnami/nginx:1', 'docker.io/bitnami/nginx:1'],
    ['registry.k8s.io/nginx-slim:0.24', 'registry.k8s.io/nginx-slim:0.24'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['nginx:alpine@sha256:abc', 'docker.io/library/nginx:alpine'],
  ])('%s → %s', (image, full) => {
    expect(normalizeImage(image).full).toBe(full);
  });

  it('parses each text once: a repeat returns the same frozen entry, equal to a fresh parse', () => {
    const first = normalizeImage('nginx:mainline');
    expect(normalizeImage('nginx:mainline')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toEqual({ repo: 'docker.io/library/nginx', tag: 'mainline', full: 'docker.io/library/nginx:mainline' });
  });

  it('stays correct after the bounded cache is emptied', () => {
    for (let i = 0; i < 1100; i++) normalizeImage(`img-${i}:v${i}`);
    expect(normalizeImage('img-3:v3').full).toBe('docker.io/library/img-3:v3');
    expect(lookupImage('nginx:alpine')?.size).toBe(21_243_839);
  });

  it('gives each catalog image its status imageID, repo@digest', () => {
    const info = lookupImage('docker.io/library/nginx:alpine')!;
    expect(info.id).toBe(`docker.io/library/nginx@${info.digest}`);
    expect(info.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
