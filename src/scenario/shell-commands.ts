// The names of the commands the terminal's shell runs itself, besides kubectl and sim: names only, so the UI (which
// prefixes kubectl to other typed lines and completes file names) knows them without loading their code.

/** The shell's own words. */
export const SHELL_WORDS = ['for', 'echo', 'sleep', 'export'] as const;
/** bash's job control (see jobs.ts): a command ending in `&` is a background job. */
export const JOB_COMMAND_NAMES = ['jobs', 'fg', 'kill'] as const;
/** The commands on the terminal's own files (see local-fs.ts). */
export const FILE_COMMAND_NAMES = ['cat', 'ls', 'rm', 'touch'] as const;
/** The terminal editors: they open the app's editor on a local file. */
export const EDITOR_NAMES = ['vi', 'vim', 'nano'] as const;
/** The tools kubectl's output can be piped into; given file operands, they read the terminal's files (pipes.ts). */
export const PIPE_COMMAND_NAMES = ['grep', 'head', 'tail', 'wc', 'base64'] as const;
export type PipeCommand = (typeof PIPE_COMMAND_NAMES)[number];
/** The commands on the terminal's own network (see local-net.ts): curl reaches what kubectl port-forward listens on. */
export const NET_COMMAND_NAMES = ['curl'] as const;

export const FILE_COMMANDS: ReadonlySet<string> = new Set(FILE_COMMAND_NAMES);
export const EDITORS: ReadonlySet<string> = new Set(EDITOR_NAMES);
export const PIPE_COMMANDS: ReadonlySet<string> = new Set(PIPE_COMMAND_NAMES);
export const NET_COMMANDS: ReadonlySet<string> = new Set(NET_COMMAND_NAMES);
export const JOB_COMMANDS: ReadonlySet<string> = new Set(JOB_COMMAND_NAMES);
/** The commands the terminal's shell runs itself, past its words and editors: files, pipe tools, curl, job control. */
export const LOCAL_COMMANDS: ReadonlySet<string> = new Set([...FILE_COMMAND_NAMES, ...PIPE_COMMAND_NAMES, ...NET_COMMAND_NAMES, ...JOB_COMMAND_NAMES]);
/** The commands whose operands are the terminal's own files (Tab completes file names after them). */
export const FILE_OPERAND_COMMANDS: ReadonlySet<string> = new Set([...FILE_COMMAND_NAMES, ...EDITOR_NAMES, ...PIPE_COMMAND_NAMES]);

/** Every word that starts a line the shell runs as it is (any other typed line is kubectl's, without its prefix). */
export const OWN_COMMANDS: readonly string[] = ['kubectl', 'sim', ...SHELL_WORDS, ...FILE_COMMAND_NAMES, ...EDITOR_NAMES, ...PIPE_COMMAND_NAMES, ...NET_COMMAND_NAMES, ...JOB_COMMAND_NAMES];
