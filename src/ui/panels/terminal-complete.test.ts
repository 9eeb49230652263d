// Tab completion: verbs, subcommands, resource types, names after a type and after `type/`.
import { describe, expect, it } from 'vitest';
import { complete } from './terminal-complete.ts';
import type { Kind } from '../../engine/index.ts';

const NAMES: Partial<Record<Kind, string[]>> = { Pod: ['web-0', 'web-1', 'web-10'], StatefulSet: ['web'], Node: ['kind-control-plane', 'kind-worker', 'kind-worker2'] };
const names = (k: Kind): string[] => NAMES[k] ?? [];

describe('complete', () => {
  it('completes a unique verb and adds a space', () => {
    expect(complete('kubectl desc', names)).toEqual({ line: 'kubectl describe ', options: [] });
    expect(complete('sca', names)).toEqual({ line: 'scale ', options: [] });
    expect(complete('kubectl ed', names)).toEqual({ line: 'kubectl edit ', options: [] });
  });

  it('extends to the common prefix and lists the options', () => {
    expect(complete('kubectl e', names)).toEqual({ line: 'kubectl e', options: ['edit', 'events', 'exec', 'explain', 'expose'] });
    expect(complete('kubectl get p', names).options).toEqual(['persistentvolumeclaims', 'persistentvolumes', 'po', 'pod', 'pods', 'pv', 'pvc']);
    expect(complete('kubectl describe c', names).options).toEqual(['cm', 'configmap', 'configmaps', 'controllerrevisions']);
  });

  it('completes object names after a resource type', () => {
    expect(complete('kubectl get pods web-1', names)).toEqual({ line: 'kubectl get pods web-1', options: ['web-1', 'web-10'] });
    expect(complete('kubectl delete pod -n default web-', names).options).toEqual(['web-0', 'web-1', 'web-10']);
    expect(complete('kubectl scale sts w', names)).toEqual({ line: 'kubectl scale sts web ', options: [] });
    expect(complete('kubectl edit sts w', names)).toEqual({ line: 'kubectl edit sts web ', options: [] });
    expect(complete('edit st', names).options).toEqual(['statefulset', 'statefulsets', 'storageclasses', 'sts']);
  });

  it('completes pod names after exec and logs, and nothing in exec\'s command', () => {
    expect(complete('kubectl exec we', (k) => (k === 'Pod' ? ['web-0', 'web-1'] : ['web']))).toEqual({ line: 'kubectl exec web-', options: ['web-0', 'web-1'] });
    expect(complete('logs web-1', names)).toEqual({ line: 'logs web-1', options: ['web-1', 'web-10'] });
    expect(complete('exec web-0 -- ho', names)).toEqual({ line: 'exec web-0 -- ho', options: [] });
  });

  it('completes port-forward, then a pod name (or TYPE/NAME), and nothing in its ports', () => {
    expect(complete('kubectl por', names)).toEqual({ line: 'kubectl port-forward ', options: [] });
    expect(complete('port-forward web-1', names)).toEqual({ line: 'port-forward web-1', options: ['web-1', 'web-10'] });
    expect(complete('port-forward sts/w', (k) => (k === 'StatefulSet' ? ['web'] : []))).toEqual({ line: 'port-forward sts/web ', options: [] });
    expect(complete('port-forward web-1 80', names)).toEqual({ line: 'port-forward web-1 80', options: [] });
  });

  it('skips flag values: global flags before the verb, and -o or -l before the type', () => {
    expect(complete('kubectl -n kube-system ge', names)).toEqual({ line: 'kubectl -n kube-system get ', options: [] });
    expect(complete('kubectl --context kind-kind rollout und', names).line).toBe('kubectl --context kind-kind rollout undo ');
    expect(complete('kubectl get -o wide st', names).options).toEqual(['statefulset', 'statefulsets', 'storageclasses', 'sts']);
    expect(complete('kubectl get -l app=nginx pods web-1', names).options).toEqual(['web-1', 'web-10']);
    // A flag's own value is not completed as a verb or a type.
    expect(complete('kubectl -n de', names).options).toEqual([]);
    expect(complete('kubectl get -o w', names).options).toEqual([]);
  });

  it('completes `type/name`', () => {
    expect(complete('kubectl rollout status sts/', names)).toEqual({ line: 'kubectl rollout status sts/web ', options: [] });
  });

  it('completes subcommands of rollout and sim', () => {
    expect(complete('kubectl rollout und', names).line).toBe('kubectl rollout undo ');
    expect(complete('sim set', names).line).toBe('sim settle ');
    expect(complete('kubectl conf', names).line).toBe('kubectl config ');
    expect(complete('config get-c', names)).toEqual({ line: 'config get-c', options: ['get-clusters', 'get-contexts'] });
    expect(complete('config use-context k', names).line).toBe('config use-context kind-kind ');
    expect(complete('config view p', names).options).toEqual([]);
  });

  it('completes the node verbs and their node names, as after `describe node`', () => {
    expect(complete('kubectl cor', names)).toEqual({ line: 'kubectl cordon ', options: [] });
    expect(complete('kubectl un', names)).toEqual({ line: 'kubectl uncordon ', options: [] });
    expect(complete('kubectl d', names).options).toEqual(['delete', 'describe', 'drain']);
    expect(complete('kubectl ta', names).line).toBe('kubectl taint ');
    expect(complete('kubectl describe node kind-c', names).line).toBe('kubectl describe node kind-control-plane ');
    expect(complete('kubectl cordon kind-w', names)).toEqual({ line: 'kubectl cordon kind-worker', options: ['kind-worker', 'kind-worker2'] });
    expect(complete('uncordon kind-worker2', names).line).toBe('uncordon kind-worker2 ');
    expect(complete('kubectl drain --ignore-daemonsets kind-c', names).line).toBe('kubectl drain --ignore-daemonsets kind-control-plane ');
    expect(complete('drain node/kind-c', names).line).toBe('drain node/kind-control-plane ');
    // cordon takes several nodes; drain's flags are left alone.
    expect(complete('cordon kind-worker kind-c', names).line).toBe('cordon kind-worker kind-control-plane ');
    expect(complete('drain kind-worker --ign', names).options).toEqual([]);
  });

  it('completes taint\'s node type, then one node, then nothing for the taints', () => {
    expect(complete('kubectl taint n', names)).toEqual({ line: 'kubectl taint no', options: ['no', 'node', 'nodes'] });
    expect(complete('kubectl taint p', names).options).toEqual([]);
    expect(complete('kubectl taint nodes kind-w', names).options).toEqual(['kind-worker', 'kind-worker2']);
    expect(complete('taint node/kind-c', names).line).toBe('taint node/kind-control-plane ');
    expect(complete('taint nodes kind-worker k', names).options).toEqual([]);
    expect(complete('taint node/kind-worker k', names).options).toEqual([]);
  });

  it("completes create's sub-commands and create service's and secret's types, not the new object's name", () => {
    expect(complete('kubectl create n', names)).toEqual({ line: 'kubectl create namespace ', options: [] });
    expect(complete('kubectl create s', names)).toEqual({ line: 'kubectl create se', options: ['secret', 'service', 'serviceaccount'] });
    expect(complete('kubectl create c', names)).toEqual({ line: 'kubectl create configmap ', options: [] });
    expect(complete('kubectl create secret ', names).options).toEqual(['docker-registry', 'generic', 'tls']);
    expect(complete('kubectl create secret g', names).line).toBe('kubectl create secret generic ');
    expect(complete('kubectl create service ', names).options).toEqual(['clusterip', 'externalname', 'loadbalancer', 'nodeport']);
    expect(complete('create svc n', names).line).toBe('create svc nodeport ');
    expect(complete('create service clusterip w', names).options).toEqual([]);
    expect(complete('create namespace w', names).options).toEqual([]);
  });

  it('leaves flags and unknown words alone', () => {
    expect(complete('kubectl get pods --wat', names)).toEqual({ line: 'kubectl get pods --wat', options: [] });
    expect(complete('kubectl zz', names)).toEqual({ line: 'kubectl zz', options: [] });
  });
  it('completes the first word to a verb or one of the shell\'s own commands; after kubectl, to a verb only', () => {
    expect(complete('cu', names)).toEqual({ line: 'curl ', options: [] });
    expect(complete('c', names).options).toEqual(['cat', 'clear', 'cluster-info', 'config', 'cordon', 'cp', 'create', 'curl']);
    expect(complete('kubectl c', names).options).toEqual(['cluster-info', 'config', 'cordon', 'cp', 'create']);
    expect(complete('jo', names).line).toBe('jobs ');
  });

  it('completes cp\'s source and destination: a pod as POD: (no space, its path follows) or a local file', () => {
    const files = ['page.html'];
    expect(complete('kubectl cp p', names, files)).toEqual({ line: 'kubectl cp page.html ', options: [] });
    expect(complete('kubectl cp page.html web-1', names, files)).toEqual({ line: 'kubectl cp page.html web-1', options: ['web-10:', 'web-1:'] });
    expect(complete('kubectl cp page.html web-10', names, files)).toEqual({ line: 'kubectl cp page.html web-10:', options: [] });
    expect(complete('kubectl cp web-0:/etc/h', names, files)).toEqual({ line: 'kubectl cp web-0:/etc/h', options: [] });
    expect(complete('kubectl cp a b p', names, files)).toEqual({ line: 'kubectl cp a b p', options: [] });
  });

  it('completes the terminal\'s own files after -f, a redirection, --from-file= and for cat, rm and vi', () => {
    const files = ['ns.yaml', 'web.yaml', 'password.txt'];
    expect(complete('kubectl apply -f w', names, files)).toEqual({ line: 'kubectl apply -f web.yaml ', options: [] });
    expect(complete('kubectl apply --filename ', names, files)).toEqual({ line: 'kubectl apply --filename ', options: ['ns.yaml', 'password.txt', 'web.yaml'] });
    expect(complete('cat n', names, files)).toEqual({ line: 'cat ns.yaml ', options: [] });
    expect(complete('vi web.yaml n', names, files).line).toBe('vi web.yaml ns.yaml ');
    expect(complete('kubectl get sts web -o yaml > w', names, files).line).toBe('kubectl get sts web -o yaml > web.yaml ');
    expect(complete('kubectl create secret generic db --from-file=p', names, files).line).toBe('kubectl create secret generic db --from-file=password.txt ');
    // logs' -f is --follow: a pod name comes next, not a file.
    expect(complete('kubectl logs -f w', names, files).line).toBe('kubectl logs -f web-');
    expect(complete('kubectl logs -f web-0 w', names, files).line).toBe('kubectl logs -f web-0 w');
  });
});
