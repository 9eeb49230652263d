// What is inside each catalog image, as far as `kubectl exec` can see: its shell and utilities (GNU on
// Debian, BusyBox on Alpine and busybox), the commands it does not ship, the web server it runs and the
// files that server serves out of the box. Texts are the programs' own.
import { SYSTEM_IMAGE_LIST } from '../system-images.ts';
import { normalizeImage } from '../kubelet/images.ts';

/** The family of userland an image has: which shell answers `sh`, and whose utilities print the errors. */
export type Flavour = 'debian' | 'alpine' | 'busybox';

/** One image's userland. */
export interface Userland {
  flavour: Flavour;
  /** The web server the image runs on port 80, with the version its error pages and headers name. */
  nginx?: string;
  /** The version of its curl (the User-Agent it sends), if it has curl. */
  curl?: string;
  /** One of the official nginx images (their docker-entrypoint and its scripts, logs to stdout and stderr). */
  entrypoint?: boolean;
  /** The compiler nginx names at start-up (`built by …`), for the official images. */
  builtBy?: string;
  /** The programs on the image's PATH: a shell reports any other not found, and exec fails to start it. */
  bins: ReadonlySet<string>;
  /**
   * BusyBox's nslookup: `small` (up to 1.28) asks the C library, so the search path applies; `big` (1.29 on)
   * sends its own queries, adding the search domains only to a name without a dot.
   */
  nslookup?: 'small' | 'big';
}

const words = (s: string): string[] => s.trim().split(/\s+/);
// Commands common to GNU coreutils/Debian base and BusyBox.
const COMMON = words(`sh cat ls cp mv rm mkdir rmdir touch ln chmod chown chgrp echo printf date sleep env printenv id whoami
  uname hostname pwd head tail wc sort uniq cut tr tee grep egrep fgrep sed awk find xargs df du stat test [ true false yes
  basename dirname readlink realpath mktemp seq expr sha1sum sha256sum md5sum base64 od tar gzip gunzip zcat mount umount kill
  nice nohup timeout tty stty sync which more diff cmp su login passwd dd install sum split nproc tac rev`);
// Debian slim (bash, dash, coreutils, util-linux, debianutils, diffutils, findutils, grep, sed, mawk, perl-base, hostname)
// plus what the nginx images install (nginx, curl, gettext-base's envsubst). No procps, iproute2, ping, DNS tools or wget.
const DEBIAN = new Set([...COMMON, ...words(`bash dash rbash perl mawk getent dpkg apt apt-get tempfile runuser setsid
  flock logger lsblk mkfifo mknod numfmt paste pr ptx shuf stdbuf truncate tsort unexpand expand fold fmt join comm csplit
  nl factor arch chroot date dir vdir dircolors shred sha224sum sha384sum sha512sum b2sum base32 cksum users who pinky
  nginx curl envsubst`)]);
// BusyBox applets of the busybox image (a broad set, networking and process tools included; no bash, no curl).
const BUSYBOX_APPLETS = words(`ash hush ping ping6 traceroute telnet nc netstat ifconfig ip route arp nslookup wget ps top
  free uptime vi less hexdump xxd watch time dmesg httpd udhcpc crond crontab killall pgrep pkill pidof halt reboot poweroff
  fdisk mkfs.ext2 losetup blkid nsenter unshare chpasswd adduser addgroup deluser delgroup hwclock ntpd syslogd logger
  bzip2 bunzip2 xz unxz unzip cpio ar ftpget ftpput tftp ether-wake brctl vconfig iptunnel nameif dnsdomainname
  setsid flock mkfifo mknod paste shuf truncate fold expand unexpand nl factor chroot getty init devmem`);
const BUSYBOX = new Set([...COMMON, ...BUSYBOX_APPLETS]);
// Alpine: BusyBox (Alpine's build) plus apk and the packages the nginx image adds (nginx, curl, envsubst).
const ALPINE = new Set([...COMMON, ...BUSYBOX_APPLETS.filter((a) => a !== 'httpd' && a !== 'hush'), ...words('apk scanelf ssl_client getent getconf ldd iconv nginx curl envsubst')]);

const USERLANDS: Readonly<Record<string, Userland>> = {
  // The nginx images: 1.29 on Alpine 3.22 and Debian trixie, 1.27 on Debian bookworm.
  'docker.io/library/nginx:alpine': { flavour: 'alpine', nginx: '1.29.3', curl: '8.14.1', entrypoint: true, builtBy: 'gcc 14.2.0 (Alpine 14.2.0)', bins: ALPINE, nslookup: 'big' },
  'docker.io/library/nginx:mainline': { flavour: 'debian', nginx: '1.29.3', curl: '8.14.1', entrypoint: true, builtBy: 'gcc 14.2.0 (Debian 14.2.0-19)', bins: DEBIAN },
  'docker.io/library/nginx:latest': { flavour: 'debian', nginx: '1.29.3', curl: '8.14.1', entrypoint: true, builtBy: 'gcc 14.2.0 (Debian 14.2.0-19)', bins: DEBIAN },
  'docker.io/library/nginx:1.27': { flavour: 'debian', nginx: '1.27.5', curl: '7.88.1', entrypoint: true, builtBy: 'gcc 12.2.0 (Debian 12.2.0-14)', bins: DEBIAN },
  'registry.k8s.io/nginx-slim:0.21': { flavour: 'debian', nginx: '1.21.6', curl: '7.74.0', bins: DEBIAN },
  'registry.k8s.io/nginx-slim:0.24': { flavour: 'debian', nginx: '1.25.3', curl: '7.88.1', bins: DEBIAN },
  'registry.k8s.io/nginx-slim:0.27': { flavour: 'debian', nginx: '1.27.1', curl: '7.88.1', bins: DEBIAN },
  'docker.io/library/busybox:latest': { flavour: 'busybox', bins: BUSYBOX, nslookup: 'big' },
  'docker.io/library/busybox:1.36': { flavour: 'busybox', bins: BUSYBOX, nslookup: 'big' },
  'docker.io/library/busybox:1.28': { flavour: 'busybox', bins: BUSYBOX, nslookup: 'small' },
  // The cluster's own images are distroless: no shell, no tools, nothing `kubectl exec` can start.
  ...Object.fromEntries(SYSTEM_IMAGE_LIST.map(([ref]) => [ref, { flavour: 'debian', bins: new Set<string>() }])),
};

/** The userland of a container image (a catalog image; anything else is treated as Debian without a server). */
export function userlandOf(image: string): Userland {
  return USERLANDS[normalizeImage(image).full] ?? { flavour: 'debian', bins: DEBIAN };
}

/** The document root of the nginx images. */
export const NGINX_ROOT = '/usr/share/nginx/html';

/** A page of the nginx images' document root: their shared head and style, then the body. */
const nginxPage = (title: string, body: string): string => `<!DOCTYPE html>
<html>
<head>
<title>${title}</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
${body}</body>
</html>
`;

/** The files the nginx images ship in their document root. */
export const NGINX_HTML: Readonly<Record<string, string>> = {
  'index.html': nginxPage('Welcome to nginx!', `<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
`),
  '50x.html': nginxPage('Error', `<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
`),
};

/** nginx's built-in error page for a status (`404 Not Found`), with its CRLF line ends. */
export function nginxErrorPage(status: string, version: string): string {
  return `<html>\r\n<head><title>${status}</title></head>\r\n<body>\r\n<center><h1>${status}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * The names in `/` of each family's images (Debian's bin, lib, lib64 and sbin are links into /usr; `ls` lists
 * them all the same). The official nginx images add their entrypoint.
 */
const ROOT: Readonly<Record<Flavour, string>> = {
  debian: 'bin boot dev etc home lib lib64 media mnt opt proc root run sbin srv sys tmp usr var',
  alpine: 'bin dev etc home lib media mnt opt proc root run sbin srv sys tmp usr var',
  busybox: 'bin dev etc home lib lib64 proc root sys tmp usr var',
};
const NESTED_DIRS = ['/usr/bin', '/usr/lib', '/usr/local', '/usr/local/bin', '/usr/sbin', '/usr/share', '/var/log', '/var/tmp'];
const NGINX_DIRS = ['/etc/nginx', '/etc/nginx/conf.d', '/usr/share/nginx', NGINX_ROOT, '/var/cache/nginx', '/var/log/nginx'];

interface Skeleton { dirs: ReadonlySet<string>; files: ReadonlySet<string> }
const skeletons = new Map<Userland, Skeleton>();

/**
 * An image's file system before anything is written to it, as far as the model knows it: its directories, and
 * the files it has whose content is not modelled (the entrypoint script).
 */
export function imageSkeleton(u: Userland): Skeleton {
  let sk = skeletons.get(u);
  if (!sk) {
    const dirs = new Set(['/', ...ROOT[u.flavour].split(' ').map((n) => `/${n}`), ...NESTED_DIRS, ...(u.nginx ? NGINX_DIRS : [])]);
    const files = new Set<string>();
    if (u.entrypoint) { dirs.add('/docker-entrypoint.d'); files.add('/docker-entrypoint.sh'); }
    skeletons.set(u, (sk = { dirs, files }));
  }
  return sk;
}

/**
 * Image directories whose whole content is modelled, so `ls` can list them and a name missing there is missing
 * for real: the root, the document root and the empty temporary directory. Other image directories hold files
 * this model does not know.
 */
export function listableImageDir(u: Userland, dir: string): boolean {
  return dir === '/' || dir === '/tmp' || (!!u.nginx && dir === NGINX_ROOT);
}
