// kubectl create service: the Service kubectl's generator builds for each type, sent through the API server
// (defaults, errors wrapped as kubectl wraps them), and parsePorts' and Validate's own texts.
import { describe, expect, it } from 'vitest';
import { kc, testCluster } from '../testing.ts';

describe('kubectl create service', () => {
  it('generates app=NAME labels and selector and one named TCP port per --tcp (client dry run, as kubectl 1.35 prints it)', () => {
    const c = testCluster();
    expect(kc(c, 'create service clusterip x --tcp=80:8080 --dry-run=client -o yaml')).toEqual({
      out: 'apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: x\n  name: x\nspec:\n  ports:\n  - name: 80-8080\n    port: 80\n' +
        '    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: x\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n',
      err: '', code: 0,
    });
    expect(kc(c, 'create svc nodeport x --tcp=80:8080,443 --node-port=30080 --dry-run=client -o json -n demo').out).toBe(`{
    "kind": "Service",
    "apiVersion": "v1",
    "metadata": {
        "name": "x",
        "namespace": "demo",
        "labels": {
            "app": "x"
        }
    },
    "spec": {
        "ports": [
            {
                "name": "80-8080",
                "protocol": "TCP",
                "port": 80,
                "targetPort": 8080,
                "nodePort": 30080
            },
            {
                "name": "443",
                "protocol": "TCP",
                "port": 443,
                "targetPort": 443,
                "nodePort": 30080
            }
        ],
        "selector": {
            "app": "x"
        },
        "type": "NodePort"
    },
    "status": {
        "loadBalancer": {}
    }
}
`);
    expect(kc(c, 'create service loadbalancer x --tcp=5678:http --dry-run=client -o jsonpath={.spec.ports[0].targetPort}').out).toBe('http');
    expect(kc(c, 'create service externalname x --external-name bar.com --dry-run=client -o yaml').out).toBe('apiVersion: v1\nkind: Service\nmetadata:\n' +
      '  labels:\n    app: x\n  name: x\nspec:\n  externalName: bar.com\n  selector:\n    app: x\n  type: ExternalName\nstatus:\n  loadBalancer: {}\n');
    expect(kc(c, 'create service clusterip x --tcp=80 --dry-run=client -o name').out).toBe('service/x\n');
    expect(c.store.get('Service', 'default', 'x')).toBeUndefined();
  });

  it('--clusterip=None makes a headless Service without ports; the API server defaults the rest', () => {
    const c = testCluster();
    expect(kc(c, 'create service clusterip nginx --clusterip=None')).toEqual({ out: 'service/nginx created\n', err: '', code: 0 });
    const svc = c.store.get('Service', 'default', 'nginx')!;
    expect(svc.metadata!.labels).toEqual({ app: 'nginx' });
    expect(svc.spec).toMatchObject({ clusterIP: 'None', selector: { app: 'nginx' }, type: 'ClusterIP', sessionAffinity: 'None' });
    expect(svc.spec!.ports).toBeUndefined();
    expect(kc(c, 'create service nodeport np --tcp=80').out).toBe('service/np created\n');
    expect(c.store.get('Service', 'default', 'np')!.spec!.ports![0].nodePort).toBeGreaterThanOrEqual(30000);
    // The typed client's object, printed in struct order.
    const spec = JSON.parse(kc(c, 'create service clusterip j --tcp=80 -o json').out).spec as object;
    expect(Object.keys(spec)).toEqual(['ports', 'selector', 'clusterIP', 'clusterIPs', 'type', 'sessionAffinity', 'ipFamilies', 'ipFamilyPolicy', 'internalTrafficPolicy']);
  });

  it('ignores --save-config, as kubectl does for services', () => {
    const c = testCluster();
    kc(c, 'create service clusterip web --tcp=80 --save-config');
    expect(c.store.get('Service', 'default', 'web')!.metadata!.annotations).toBeUndefined();
  });

  it('wraps the API server\'s refusal in "failed to create TYPE service"', () => {
    const c = testCluster();
    kc(c, 'create service clusterip web --tcp=80');
    expect(kc(c, 'create service clusterip web --tcp=80')).toEqual({ out: '', err: 'error: failed to create ClusterIP service: services "web" already exists\n', code: 1 });
    expect(kc(c, 'create service loadbalancer lb --tcp=80 -n nope').err).toBe('error: failed to create LoadBalancer service: namespaces "nope" not found\n');
  });

  it('parses --tcp as kubectl does, with strconv\'s and the port-name rules\' texts', () => {
    const c = testCluster();
    const err = (tcp: string): string => kc(c, ['create', 'service', 'clusterip', 'x', `--tcp=${tcp}`, '--dry-run=client']).err;
    expect(err('abc')).toBe('error: strconv.ParseUint: parsing "abc": invalid syntax\n');
    expect(err('70000')).toBe('error: strconv.ParseUint: parsing "70000": value out of range\n');
    expect(err('80:0')).toBe('error: must be between 1 and 65535, inclusive\n');
    expect(err('80:a--b')).toBe('error: must not contain consecutive hyphens\n');
    expect(err('80:-ab_c')).toBe('error: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-),must not begin or end with a hyphen\n');
    expect(err('80:abcdefghijklmnopq')).toBe('error: must be no more than 15 characters\n');
    expect(err('80:1-2')).toBe('error: must contain at least one letter (a-z)\n');
    expect(err('')).toBe('error: at least one tcp port specifier must be provided\n');
    expect(kc(c, 'create service clusterip x --tcp=80:8080:9 --dry-run=client -o jsonpath={.spec.ports[0].name}/{.spec.ports[0].targetPort}').out).toBe('80-8080-9/8080');
  });

  it('checks the required flag, NAME, the ports and the external name, in kubectl\'s order and texts', () => {
    const c = testCluster();
    expect(kc(c, 'create service externalname')).toEqual({ out: '', err: 'error: required flag(s) "external-name" not set\n', code: 1 });
    expect(kc(c, 'create service clusterip --tcp=80').err).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create service clusterip -h' for help and examples\n");
    expect(kc(c, 'create svc nodeport a b').err).toBe("error: exactly one NAME is required, got 2\nSee 'kubectl create service nodeport -h' for help and examples\n");
    expect(kc(c, 'create service clusterip x').err).toBe('error: at least one tcp port specifier must be provided\n');
    expect(kc(c, 'create service externalname x --external-name=Bad_Name').err).toBe('error: invalid service external name Bad_Name\n');
    expect(kc(c, 'create service clusterip x --tcp=80 --dry-run=bogus').err).toBe('error: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n');
    expect(kc(c, 'create service clusterip x --tcp=80 --validate=nope').err).toBe('error: invalid - validate option "nope"; must be one of: strict (or true), warn, ignore (or false)\n');
    expect(kc(c, 'create service clusterip x --tcp=80 --node-port=5').err).toBe("error: unknown flag: --node-port\nSee 'kubectl create service clusterip --help' for usage.\n");
    expect(kc(c, 'create service nodeport x --clusterip=None').err).toBe("error: unknown flag: --clusterip\nSee 'kubectl create service nodeport --help' for usage.\n");
  });
});
