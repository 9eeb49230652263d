// `pods/NAME/exec` over WebSocket for the API server shim (apiserver.ts), so that a real kubectl's exec can be
// crosschecked: the handshake (RFC 6455), the Kubernetes channel protocol (v5.channel.k8s.io and v4: each binary
// message starts with its channel, 0 stdin, 1 stdout, 2 stderr, 3 the Status the command ended with; v5 adds 255,
// the client closing one of its streams), and the command run in the simulated container. A command that cannot
// start answers the upgrade itself with an error, as the API server does when the kubelet refuses it.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Cluster } from '../engine/cluster.ts';
import { execInPod, streamRefusal } from '../engine/exec/exec.ts';
import type { ApiStatus } from '../engine/api/types.ts';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const STDIN = 0, STDOUT = 1, STDERR = 2, ERROR = 3, CLOSE = 255;

// A plain HTTP answer on the raw socket (an upgrade that is refused): the API server's own checks answer with a
// Status; the kubelet's refusal, which the API server passes on, is plain text (the client then says `unable to
// upgrade connection: ` before it).
function refuse(socket: Duplex, status: ApiStatus): void {
  const kubelet = /^unable to upgrade connection: (.*)$/s.exec(status.message);
  if (kubelet) rawResponse(socket, status.code, kubelet[1], 'text/plain; charset=utf-8');
  else rawResponse(socket, status.code, JSON.stringify({ ...status, metadata: {} }));
}

/** An HTTP response written on a raw socket (an upgrade the server answers without upgrading), then the close. */
export function rawResponse(socket: Duplex, code: number, body: string, type = 'application/json'): void {
  socket.end(`HTTP/1.1 ${code} Error\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

// One unmasked binary frame from the server: the channel, then the data.
function frame(channel: number, data: Buffer | string): Buffer {
  const payload = Buffer.concat([Buffer.from([channel]), Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8')]);
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x82, n]) : n < 65536 ? Buffer.from([0x82, 126, n >> 8, n & 0xff]) : Buffer.concat([Buffer.from([0x82, 127, 0, 0, 0, 0]), Buffer.from([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff])]);
  return Buffer.concat([head, payload]);
}

/** Reads the client's (masked) frames as they arrive: binary or text messages, and close. */
class FrameReader {
  private buf = Buffer.alloc(0);
  constructor(private readonly onMessage: (data: Buffer) => void, private readonly onClose: () => void) {}

  push(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    for (;;) {
      if (this.buf.length < 2) return;
      const op = this.buf[0] & 0x0f, masked = (this.buf[1] & 0x80) !== 0;
      let len = this.buf[1] & 0x7f, at = 2;
      if (len === 126) { if (this.buf.length < 4) return; len = this.buf.readUInt16BE(2); at = 4; }
      else if (len === 127) { if (this.buf.length < 10) return; len = Number(this.buf.readBigUInt64BE(2)); at = 10; }
      const maskAt = at;
      if (masked) at += 4;
      if (this.buf.length < at + len) return;
      const data = Buffer.from(this.buf.subarray(at, at + len));
      if (masked) for (let i = 0; i < data.length; i++) data[i] ^= this.buf[maskAt + (i % 4)];
      this.buf = this.buf.subarray(at + len);
      if (op === 0x8) { this.onClose(); return; }
      if (op === 0x1 || op === 0x2 || op === 0x0) this.onMessage(data);
    }
  }
}

/** The Status on the error channel: success, or the exit code as the kubelet reports a command that failed. */
function exitStatus(command: readonly string[], code: number): object {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {}, status: 'Failure', reason: 'NonZeroExitCode',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/**
 * Serves an exec upgrade on `socket` (false when the request is not an exec, for the caller to refuse). With stdin,
 * the command runs once the client has closed its standard input.
 */
export function serveExec(cluster: Cluster, req: IncomingMessage, socket: Duplex, notFound: (name: string) => ApiStatus): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/.exec(url.pathname);
  if (!m) return false;
  const [, namespace, name] = m;
  const q = url.searchParams;
  const pod = cluster.store.get('Pod', namespace, name);
  if (!pod) { refuse(socket, notFound(name)); return true; }
  const command = q.getAll('command');
  const container = q.get('container') ?? pod.spec?.containers?.[0]?.name ?? '';
  const wantsStdin = q.get('stdin') === 'true' || q.get('stdin') === '1';
  const tty = q.get('tty') === 'true' || q.get('tty') === '1';
  const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim());
  const protocol = PROTOCOLS.find((p) => offered.includes(p));
  const key = req.headers['sec-websocket-key'];
  if (!protocol || typeof key !== 'string') {
    // SPDY, which a client tries after a refused WebSocket upgrade: refused again for the same reason (the command
    // did not start then, so asking again changes nothing), or because this server speaks WebSocket only.
    const r = execInPod(cluster, { namespace, pod: name, container, command, tty });
    refuse(socket, !r.ok ? r.status : { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'unable to upgrade connection: no supported protocol', reason: 'BadRequest', code: 400 });
    return true;
  }

  const upgrade = (): void => {
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: ${protocol}\r\n\r\n`);
  };
  // What the command wrote and how it ended, then the close.
  const answer = (r: ReturnType<typeof execInPod>): void => {
    if (!r.ok) {
      socket.write(frame(ERROR, JSON.stringify({ metadata: {}, status: 'Failure', message: r.status.message, reason: r.status.reason, code: r.status.code })));
    } else {
      for (const c of r.output) socket.write(frame(c.stream === 'out' || tty ? STDOUT : STDERR, c.text));
      socket.write(frame(ERROR, JSON.stringify(exitStatus(command, r.exitCode))));
    }
    // A normal closure (1000); the client answers with its own close, then the connection ends.
    socket.write(Buffer.from([0x88, 0x02, 0x03, 0xe8]));
    setTimeout(() => socket.end(), 200);
  };
  // The API server's own checks (a container the pod does not have, a pod with no node) and a kubelet it cannot
  // reach or a container not running refuse the upgrade; a program the image lacks fails once it is running.
  const refusedBeforeUpgrade = (st: ApiStatus): boolean => st.code < 500 || !st.reason || /unable to upgrade connection/.test(st.message);
  if (!wantsStdin) {
    const r = execInPod(cluster, { namespace, pod: name, container, command, tty });
    if (!r.ok && refusedBeforeUpgrade(r.status)) { refuse(socket, r.status); return true; }
    upgrade();
    answer(r);
    return true;
  }
  // With standard input the command runs once the input has come, but the checks come before the upgrade as well.
  const refused = streamRefusal(cluster, { namespace, pod: name, container });
  if (refused && refusedBeforeUpgrade(refused)) { refuse(socket, refused); return true; }
  upgrade();
  let stdin = '';
  let done = false;
  const finish = (): void => { if (!done) { done = true; answer(execInPod(cluster, { namespace, pod: name, container, command, stdin, tty })); } };
  const reader = new FrameReader((data) => {
    if (data[0] === STDIN) stdin += data.subarray(1).toString('utf8');
    else if (data[0] === CLOSE && data[1] === STDIN) finish();
  }, finish);
  socket.on('data', (chunk: Buffer) => reader.push(chunk));
  socket.on('end', finish);
  return true;
}
