// Public surface of the engine for hosts (scenario runner, worker, tests).
export { Cluster, DEFAULT_GATES, type ClusterOptions, type ClusterState, type Controller } from './cluster.ts';
export type { WatchEvent } from './store/store.ts';
export { filesWritten, volumeFiles, type VolumeFile } from './exec/fs.ts';
export type { TraceRecord } from './trace/types.ts';
export * from './api/types.ts';
