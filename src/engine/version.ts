// The Kubernetes version the simulation reproduces (server and kubectl).
export const KUBE_VERSION = {
  major: '1',
  minor: '35',
  gitVersion: 'v1.35.4',
  kustomizeVersion: 'v5.7.1',
  goVersion: 'go1.25.9',
  platform: 'linux/amd64',
} as const;
