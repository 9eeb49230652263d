// The verbs this kubectl implements (one file each) and the names of every real kubectl command, for
// `unknown command` suggestions. A list of imports, nothing else.
import type { Verb } from './context.ts';
import { get } from './verbs/get.ts';
import { describe } from './verbs/describe.ts';
import { apply } from './verbs/apply.ts';
import { create } from './verbs/create.ts';
import { del } from './verbs/delete.ts';
import { scale } from './verbs/scale.ts';
import { set } from './verbs/set.ts';
import { patch } from './verbs/patch.ts';
import { label } from './verbs/label.ts';
import { annotate } from './verbs/annotate.ts';
import { rollout } from './verbs/rollout.ts';
import { wait } from './verbs/wait.ts';
import { version } from './verbs/version.ts';
import { apiResources, apiVersions } from './verbs/api-resources.ts';
import { events } from './verbs/events.ts';
import { exec } from './verbs/exec.ts';
import { attach } from './verbs/attach.ts';
import { portForward } from './verbs/port-forward.ts';
import { cp } from './verbs/cp.ts';
import { expose } from './verbs/expose.ts';
import { logs } from './verbs/logs.ts';
import { run } from './verbs/run.ts';
import { edit } from './verbs/edit.ts';
import { diff } from './verbs/diff.ts';
import { replace } from './verbs/replace.ts';
import { top } from './verbs/top.ts';
import { config } from './verbs/config.ts';
import { clusterInfo } from './verbs/cluster-info.ts';
import { cordon, drain, uncordon } from './verbs/drain.ts';
import { taint } from './verbs/taint.ts';
import { auth } from './verbs/auth.ts';

/** Implemented verbs. */
export const VERBS: readonly Verb[] = [get, describe, apply, create, expose, del, scale, set, patch, label, annotate, rollout, wait, version, apiResources, apiVersions, events, exec, attach, portForward, cp, logs, run, edit, diff, replace, top, cordon, uncordon, drain, taint, config, clusterInfo, auth];

/** Every top-level command of kubectl 1.35 (for suggestions and "not supported here" answers). */
export const KUBECTL_COMMANDS: readonly string[] = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale', 'certificate',
  'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach', 'exec', 'port-forward',
  'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait', 'kustomize', 'label',
  'annotate', 'completion', 'alpha', 'api-resources', 'api-versions', 'config', 'plugin', 'version', 'options',
];
