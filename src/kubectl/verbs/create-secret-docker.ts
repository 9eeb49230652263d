// `kubectl create secret docker-registry NAME`: a kubernetes.io/dockerconfigjson Secret whose .dockerconfigjson is
// built from --docker-server/-username/-password/-email (with the `auth` field: base64 of `user:password`), or read
// from --from-file (a path alone is keyed .dockerconfigjson). Models kubectl/pkg/cmd/create/create_secret_docker.go.
import { base64OfText, utf8Bytes } from '../../engine/api/base64.ts';
import { goJson } from '../../engine/api/go-json.ts';
import type { Verb } from '../context.ts';
import { KubectlError } from '../errors.ts';
import { GENERATOR_FLAGS, generatorFlags, nameFromArgs } from './create-generated.ts';
import { addSecretFiles, addSecretKey, finishSecret, newSecret, sendSecret } from './create-secret-shared.ts';

const DOCKER_CONFIG_JSON_KEY = '.dockerconfigjson';

/**
 * Models handleDockerCfgJSONContent: `{"auths":{SERVER:{…}}}` as json.Marshal writes the DockerConfigEntry struct
 * (username, password, email, auth in that order, each left out when empty; Go's HTML-safe escapes).
 */
export function dockerConfigJson(username: string, password: string, email: string, server: string): string {
  const entry = { username, password, email, auth: base64OfText(`${username}:${password}`) };
  const fields = Object.entries(entry).filter(([, v]) => v).map(([k, v]) => `"${k}":${goJson(v)}`);
  return `{"auths":{${goJson(server)}:{${fields.join(',')}}}}`;
}

export const createSecretDockerRegistry: Verb = {
  name: 'docker-registry',
  short: 'Create a secret for use with a Docker registry',
  flags: [
    ...GENERATOR_FLAGS,
    { name: 'docker-username', type: 'string', default: '' },
    { name: 'docker-password', type: 'string', default: '' },
    { name: 'docker-email', type: 'string', default: '' },
    { name: 'docker-server', type: 'string', default: 'https://index.docker.io/v1/' },
    { name: 'append-hash', type: 'bool' },
    { name: 'from-file', type: 'strings', default: [] },
  ],
  run(ctx) {
    const name = nameFromArgs(ctx);
    const flags = generatorFlags(ctx);
    // Complete keys a bare path as .dockerconfigjson.
    const files = ctx.list('from-file').map((f) => (f.includes('=') ? f : `${DOCKER_CONFIG_JSON_KEY}=${f}`));
    if (!name) throw new KubectlError('error: name must be specified');
    const [username, password, email, server] = ['docker-username', 'docker-password', 'docker-email', 'docker-server'].map((f) => ctx.str(f));
    if (!files.length && (!username || !password || !server)) {
      throw new KubectlError('error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
    }
    const secret = newSecret(ctx, name, 'kubernetes.io/dockerconfigjson');
    if (files.length) addSecretFiles(ctx, secret, files);
    else addSecretKey(secret, DOCKER_CONFIG_JSON_KEY, utf8Bytes(dockerConfigJson(username!, password!, email!, server!)));
    // This sub-command's words have no colon, in 1.35 as before.
    sendSecret(ctx, flags, finishSecret(ctx, secret), (m) => `error: failed to create secret ${m}`);
  },
};
