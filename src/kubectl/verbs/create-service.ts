// `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME` (alias `svc`): a Service labelled and
// selecting `app: NAME`, one TCP port per `--tcp=port[:targetPort]` (named after the spec, `80-8080`), `--clusterip`
// (`None`: headless), `--node-port`, `--external-name`. kubectl reads `--save-config` here but never annotates.
// Models kubectl/pkg/cmd/create/create_service.go (Complete, Validate, createService, parsePorts).
import { portNameErrors } from '../../engine/api/pod-validation.ts';
import type { KObject, Service } from '../../engine/api/types.ts';
import type { Ctx, Verb } from '../context.ts';
import { KubectlError } from '../errors.ts';
import type { FlagSpec } from '../flags.ts';
import { subCommandGroupRun } from '../group.ts';
import { SERVICE_SHAPE } from '../typed-order.ts';
import { GENERATOR_FLAGS, generatorFlags, nameFromArgs, sendGenerated } from './create-generated.ts';

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
type ServicePort = NonNullable<NonNullable<Service['spec']>['ports']>[number];

/** Models k8s.io/utils/net ParsePort (zero allowed): strconv.ParseUint over 16 bits, with its errors. */
function parsePort(text: string): number {
  if (!/^\d+$/.test(text)) throw new KubectlError(`error: strconv.ParseUint: parsing "${text}": invalid syntax`);
  const n = Number(text);
  if (n > 65535) throw new KubectlError(`error: strconv.ParseUint: parsing "${text}": value out of range`);
  return n;
}

/** Models parsePorts: `port` or `port:targetPort`, the target a number (1–65535) or a port name. */
function parsePorts(spec: string): { port: number; targetPort: number | string } {
  const parts = spec.split(':');
  const port = parsePort(parts[0]);
  if (parts.length === 1) return { port, targetPort: port };
  const target = parts[1];
  // strconv.Atoi: an optional sign and decimal digits within int64.
  if (/^[+-]?\d+$/.test(target) && Math.abs(Number(target)) <= Number.MAX_SAFE_INTEGER) {
    const n = Number(target);
    if (n < 1 || n > 65535) throw new KubectlError('error: must be between 1 and 65535, inclusive');
    return { port, targetPort: n };
  }
  const errs = portNameErrors(target);
  if (errs.length) throw new KubectlError(`error: ${errs.join(',')}`);
  return { port, targetPort: target };
}

// Models validation.IsDNS1123Subdomain.
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Models ServiceOptions.createService: the Service as kubectl generates it, in the typed struct's order. */
function generateService(ctx: Ctx, name: string, type: ServiceType, tcp: readonly string[]): KObject {
  const nodePort = type === 'NodePort' ? ctx.int('node-port') : 0;
  const ports: ServicePort[] = tcp.map((spec) => {
    const { port, targetPort } = parsePorts(spec);
    return { name: spec.replaceAll(':', '-'), protocol: 'TCP', port, targetPort, ...(nodePort ? { nodePort } : {}) };
  });
  const clusterIP = type === 'ClusterIP' ? ctx.str('clusterip') : '';
  const externalName = type === 'ExternalName' ? ctx.str('external-name') : '';
  return {
    kind: 'Service', apiVersion: 'v1',
    metadata: { name, ...(ctx.namespaceExplicit ? { namespace: ctx.namespace } : {}), labels: { app: name } },
    spec: { ...(ports.length ? { ports } : {}), selector: { app: name }, ...(clusterIP ? { clusterIP } : {}), type, ...(externalName ? { externalName } : {}) },
    status: { loadBalancer: {} },
  } as KObject;
}

function serviceOf(sub: string, type: ServiceType, own: readonly FlagSpec[]): Verb {
  return {
    name: sub,
    short: `Create ${type === 'ExternalName' ? 'an' : 'a'} ${type} service`,
    flags: [...GENERATOR_FLAGS, { name: 'tcp', type: 'strings', default: [] }, ...own],
    run(ctx) {
      // Cobra checks a required flag before the command runs.
      if (type === 'ExternalName' && !ctx.given('external-name')) throw new KubectlError('error: required flag(s) "external-name" not set');
      const name = nameFromArgs(ctx);
      const flags = generatorFlags(ctx);
      const clusterIP = type === 'ClusterIP' ? ctx.str('clusterip') : '';
      // `--tcp=` is an empty list, as pflag reads it.
      const given = ctx.list('tcp');
      const tcp = given.length === 1 && given[0] === '' ? [] : given;
      if (clusterIP !== 'None' && !tcp.length && type !== 'ExternalName') throw new KubectlError('error: at least one tcp port specifier must be provided');
      const external = ctx.str('external-name') ?? '';
      if (type === 'ExternalName' && (external.length > 253 || !DNS1123_SUBDOMAIN.test(external))) {
        throw new KubectlError(`error: invalid service external name ${external}`);
      }
      const svc = generateService(ctx, name, type, tcp);
      // The typed client's error, wrapped in kubectl's own words.
      sendGenerated(ctx, flags, 'Service', svc, SERVICE_SHAPE, (s) => `error: failed to create ${type} service: ${s.message}`);
    },
  };
}

// Printed by `kubectl create service` alone (cobra's help for the group, on stderr).
const HELP = `Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip      Create a ClusterIP service
  externalname   Create an ExternalName service
  loadbalancer   Create a LoadBalancer service
  nodeport       Create a NodePort service

Usage:
  kubectl create service [flags] [options]

Use "kubectl create service <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const createService: Verb = {
  name: 'service',
  aliases: ['svc'],
  short: 'Create a service using a specified subcommand',
  flags: [],
  subcommands: [
    serviceOf('clusterip', 'ClusterIP', [{ name: 'clusterip', type: 'string', default: '' }]),
    serviceOf('nodeport', 'NodePort', [{ name: 'node-port', type: 'int', default: 0 }]),
    serviceOf('loadbalancer', 'LoadBalancer', []),
    serviceOf('externalname', 'ExternalName', [{ name: 'external-name', type: 'string', default: '' }]),
  ],
  run: subCommandGroupRun(HELP),
};
