// The images a kind node for Kubernetes 1.35 ships preloaded, as containerd names them, with plausible sizes: the
// control plane's static pods, kube-proxy, CoreDNS, kind's CNI (kindnetd) and its local-path provisioner.
import { KUBE_VERSION } from './version.ts';

/** `[repo:tag, bytes]` of every preloaded system image. */
export const SYSTEM_IMAGE_LIST: ReadonlyArray<readonly [string, number]> = [
  [`registry.k8s.io/kube-apiserver:${KUBE_VERSION.gitVersion}`, 30_123_471],
  [`registry.k8s.io/kube-controller-manager:${KUBE_VERSION.gitVersion}`, 27_634_872],
  [`registry.k8s.io/kube-scheduler:${KUBE_VERSION.gitVersion}`, 21_488_090],
  [`registry.k8s.io/kube-proxy:${KUBE_VERSION.gitVersion}`, 31_954_388],
  ['registry.k8s.io/etcd:3.6.6-0', 22_889_452],
  ['registry.k8s.io/coredns/coredns:v1.13.1', 22_833_317],
  ['docker.io/kindest/kindnetd:v20250512-df8de77b', 44_375_501],
  ['docker.io/kindest/local-path-provisioner:v20250214-acbabc1a', 22_541_737],
  ['docker.io/kindest/local-path-helper:v20241212-8ac705d0', 3_084_671],
];

/** The system images by role. */
export const SYSTEM_IMAGES = {
  apiserver: SYSTEM_IMAGE_LIST[0][0], controllerManager: SYSTEM_IMAGE_LIST[1][0], scheduler: SYSTEM_IMAGE_LIST[2][0],
  proxy: SYSTEM_IMAGE_LIST[3][0], etcd: SYSTEM_IMAGE_LIST[4][0], coredns: SYSTEM_IMAGE_LIST[5][0], kindnet: SYSTEM_IMAGE_LIST[6][0],
  localPath: SYSTEM_IMAGE_LIST[7][0], localPathHelper: SYSTEM_IMAGE_LIST[8][0],
} as const;
