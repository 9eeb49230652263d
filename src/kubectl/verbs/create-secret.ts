// `kubectl create secret generic|tls|docker-registry`: the group, and its `generic` sub-command: an Opaque Secret
// (or --type's) whose keys come from literals, files and env files. Models kubectl/pkg/cmd/create/create_secret.go.
import { utf8Bytes } from '../../engine/api/base64.ts';
import type { Verb } from '../context.ts';
import { KubectlError } from '../errors.ts';
import { addFromEnvFile } from '../env-file.ts';
import { subCommandGroupRun } from '../group.ts';
import { GENERATOR_FLAGS, generatorFlags, nameFromArgs } from './create-generated.ts';
import { createSecretDockerRegistry } from './create-secret-docker.ts';
import { addSecretFiles, addSecretKey, finishSecret, newSecret, sendSecret } from './create-secret-shared.ts';
import { createSecretTls } from './create-secret-tls.ts';
import { SOURCE_FLAGS, parseLiteralSource, readSourceFile, validateSources } from './create-sources.ts';

const generic: Verb = {
  name: 'generic',
  short: 'Create a secret from a local file, directory, or literal value',
  flags: [...GENERATOR_FLAGS, ...SOURCE_FLAGS, { name: 'type', type: 'string', default: '' }],
  run(ctx) {
    const name = nameFromArgs(ctx);
    const flags = generatorFlags(ctx);
    if (!name) throw new KubectlError('error: name must be specified');
    validateSources(ctx);
    // Models createSecret: literals first, then files, then env files.
    const secret = newSecret(ctx, name, ctx.str('type'));
    for (const source of ctx.list('from-literal')) {
      const { key, value } = parseLiteralSource(source);
      addSecretKey(secret, key, utf8Bytes(value));
    }
    addSecretFiles(ctx, secret, ctx.list('from-file'));
    for (const path of ctx.list('from-env-file')) addFromEnvFile(path, readSourceFile(ctx, path), (k, v) => addSecretKey(secret, k, utf8Bytes(v)));
    // kubectl 1.35 words it with a colon (1.33 had none).
    sendSecret(ctx, flags, finishSecret(ctx, secret), (m) => `error: failed to create secret: ${m}`);
  },
};

// Printed by `kubectl create secret` alone (cobra's help for the group, on stderr).
const HELP = `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use "kubectl create secret <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const createSecret: Verb = {
  name: 'secret',
  short: 'Create a secret using a specified subcommand',
  flags: [],
  subcommands: [createSecretDockerRegistry, generic, createSecretTls],
  run: subCommandGroupRun(HELP),
};
