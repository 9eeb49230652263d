// `kubectl cluster-info`: the control plane's address, then each Service labelled kubernetes.io/cluster-service=true
// in kube-system (or `-n`) with its API server proxy link (or its load balancer's addresses), named by its
// kubernetes.io/name label. kubectl colours the names and links with ANSI escapes on stdout, terminal or not
// (go-colortext skips them only under TERM=dumb). `cluster-info dump` is not modelled.
// Models kubectl/pkg/cmd/clusterinfo/clusterinfo.go (Run, printService).
import type { Service } from '../../engine/api/types.ts';
import type { Verb } from '../context.ts';
import { SERVER } from '../kubeconfig.ts';

// go-colortext's ANSI texts: ChangeColor(Green|Yellow, false, None, false) and ResetColor.
const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';

const line = (name: string, link: string): string => `${GREEN}${name}${RESET} is running at ${YELLOW}${link}${RESET}\n`;

/** Models utilnet.JoinSchemeNamePort: `scheme:name:port`, `name:port` or `name`. */
function joinSchemeNamePort(scheme: string, name: string, port: string): string {
  if (scheme) return `${scheme}:${name}:${port}`;
  return port ? `${name}:${port}` : name;
}

/** The link of one cluster service: its load balancer's `http://ADDRESS:PORT ` per port, else the proxy path. */
function linkOf(svc: Service): string {
  const ports = svc.spec?.ports ?? [];
  const ingress = svc.status?.loadBalancer?.ingress?.[0];
  if (ingress) {
    const address = ingress.ip || ingress.hostname || '';
    return ports.map((p) => `http://${address}:${p.port} `).join('');
  }
  let name = svc.metadata!.name!;
  if (ports.length) {
    const p = ports[0];
    // kubectl guesses https from the port's name or number.
    name = joinSchemeNamePort(p.name === 'https' || p.port === 443 ? 'https' : '', name, p.name ?? '');
  }
  return `${SERVER}/api/v1/namespaces/${svc.metadata!.namespace}/services/${name}/proxy`;
}

export const clusterInfo: Verb = {
  name: 'cluster-info',
  short: 'Display cluster info',
  flags: [],
  unmodelled: [{ name: 'dump' }],
  run(ctx) {
    const ns = ctx.str('namespace') || 'kube-system';
    let text = line('Kubernetes control plane', SERVER);
    for (const svc of ctx.cluster.store.list('Service', ns)) {
      if (svc.metadata?.labels?.['kubernetes.io/cluster-service'] !== 'true') continue;
      text += line(svc.metadata.labels['kubernetes.io/name'] || svc.metadata.name!, linkOf(svc));
    }
    ctx.out(`${text}\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  },
};
