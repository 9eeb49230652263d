import { describe, expect, it } from 'vitest';
import { controllerRevisionName, fnv1_32, hashRevision, revisionData } from './revision-hash.ts';
import { goJson } from './go-json.ts';

const template = {
  metadata: { labels: { app: 'foo' }, annotations: { test: 'value' } },
  spec: {
    containers: [{
      name: 'test', image: 'test', imagePullPolicy: 'Always', resources: {},
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
    }],
    dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler',
    securityContext: {}, terminationGracePeriodSeconds: 30,
  },
};

describe('revision hash (upstream vectors)', () => {
  it('1.34+ compatibility vector: test-776999688b', () => {
    const data = revisionData(template);
    expect(data).toBe('{"spec":{"template":{"$patch":"replace","metadata":{"annotations":{"test":"value"},"labels":{"app":"foo"}},"spec":{"containers":[{"image":"test","imagePullPolicy":"Always","name":"test","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],"dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"terminationGracePeriodSeconds":30}}}}');
    expect(fnv1_32(new TextEncoder().encode(data + '0'))).toBe(3325552446);
    expect(controllerRevisionName('test', hashRevision(data, 0))).toBe('test-776999688b');
  });

  it('1.33 vector with creationTimestamp null: test-c77f6d978', () => {
    const data = revisionData(template).replace('"metadata":{', '"metadata":{"annotations":{"test":"value"},"creationTimestamp":null,').replace('"annotations":{"test":"value"},"labels"', '"labels"');
    expect(hashRevision(data, 0)).toBe('c77f6d978');
  });

  it('spec §3.3 worked example and collision counts', () => {
    const web = (image: string) => ({
      metadata: { labels: { app: 'nginx' } },
      spec: {
        containers: [{
          name: 'nginx', image, imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }],
          resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
          volumeMounts: [{ mountPath: '/usr/share/nginx/html', name: 'www' }],
        }],
        dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {},
        terminationGracePeriodSeconds: 30,
      },
    });
    expect(hashRevision(revisionData(web('registry.k8s.io/nginx-slim:0.24')), 0)).toBe('7d8559755f');
    expect(hashRevision(revisionData(web('registry.k8s.io/nginx-slim:0.24')), 1)).toBe('7d8559755d');
    expect(hashRevision(revisionData(web('registry.k8s.io/nginx-slim:0.27')), 0)).toBe('7b5d746f96');
    expect(hashRevision(revisionData(web('registry.k8s.io/nginx-slim:0.27')), 1)).toBe('7b5d746f97');
  });
});

describe('goJson', () => {
  it('sorts keys, escapes like Go (HTML-safe), keeps arrays in order', () => {
    expect(goJson({ b: 1, a: ['<x>', 'a&b', 'q"\\'], $p: true })).toBe('{"$p":true,"a":["\\u003cx\\u003e","a\\u0026b","q\\"\\\\"],"b":1}');
    expect(goJson({ s: 'line\nnext\u2028', n: null })).toBe('{"n":null,"s":"line\\nnext\\u2028"}');
  });
  it('formats floats as encoding/json does (exponent form below 1e-6 and from 1e21, e-7 not e-07)', () => {
    expect(goJson([1e-7, 1.5e-9, 0.000001, 1e21, 2.5e22, 123456789, 0.5])).toBe('[1e-7,1.5e-9,0.000001,1e+21,2.5e+22,123456789,0.5]');
  });
});
