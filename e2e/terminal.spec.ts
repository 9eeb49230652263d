// The terminal: commands with and without the kubectl prefix, history, Tab completion, help and clear,
// `get pods -w` streaming stopped with Ctrl-C, stderr styled apart.
import { test, expect } from './fixtures.ts';

test('runs kubectl commands, with or without the prefix, printing exactly what kubectl prints', async ({ app }) => {
  await app.open();
  await app.settle();
  await app.run('kubectl get sts', /nginx-web\s+3\/3/);
  await app.run('get pods', /nginx-web-2\s+1\/1\s+Running/);
  await expect(app.output).toContainText('$ kubectl get pods');
  await app.run('get pod nope', 'Error from server (NotFound): pods "nope" not found');
  await expect(app.output.locator('.tl-err').last()).toHaveText('Error from server (NotFound): pods "nope" not found');
  // The tutorial forms: a Go template and custom columns.
  await app.run(`get pod nginx-web-0 --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'`, 'nginx:alpine');
  await app.run('get pods -o custom-columns=NAME:.metadata.name,HASH:.metadata.labels.controller-revision-hash', /NAME {10}HASHnginx-web-0 {3}nginx-web-\w+/);
  // Piped into grep, as on a shell.
  await app.run('get pods | grep nginx-web-2', /grep nginx-web-2nginx-web-2 +1\/1 +Running/);
});

test('exec runs commands in a pod: a page written to its claim is served by DNS name, with a TTY from the terminal', async ({ app }) => {
  await app.open();
  await app.settle();
  await app.run('exec nginx-web-0 -- hostname -f', 'nginx-web-0.nginx.default.svc.cluster.local');
  await app.run(`exec nginx-web-0 -- sh -c 'echo "$(hostname) was here" > /usr/share/nginx/html/index.html'`, /index\.html'$/);
  // The claim's card lists the file, and keeps it while the pod is replaced.
  await expect(app.page.getByTestId('pvc-files-www-storage-nginx-web-0')).toHaveText('files: index.html (21 B)');
  await expect(app.page.getByTestId('pvc-www-storage-nginx-web-0')).toHaveAttribute('aria-label', /; files: index\.html \(21 B\)$/);
  await app.run('delete pod nginx-web-0', 'pod "nginx-web-0" deleted');
  await app.settle();
  await expect(app.page.getByTestId('pvc-files-www-storage-nginx-web-0')).toHaveText('files: index.html (21 B)');
  // -it from the terminal gets a TTY: no "Unable to use a TTY" notice and no curl progress meter.
  await app.run('exec -it nginx-web-1 -- curl http://nginx-web-0.nginx/', /curl http:\/\/nginx-web-0\.nginx\/nginx-web-0 was here$/);
  // nginx-web-0's log has the request, from nginx-web-1.
  await app.run('logs nginx-web-0 --tail=1', /"GET \/ HTTP\/1\.1" 200 21 "-" "curl\/8\.14\.1" "-"$/);
  await expect(app.output).not.toContainText('Unable to use a TTY');
  await expect(app.output).not.toContainText('% Total');
  await app.run('exec nginx-web-0 -- bash', /exec: "bash": executable file not found in \$PATH: unknown$/);
});

test('run -i --rm: a throw-away busybox 1.28 pod looks a pod up by its DNS name, then is deleted', async ({ app }) => {
  await app.open();
  await app.settle();
  // The terminal's time plays while the command waits for its pod, as kubectl waits on a real cluster.
  await app.run('run -i --rm --restart=Never dns-test --image=busybox:1.28 -- nslookup nginx-web-0.nginx', 'pod "dns-test" deleted from default namespace');
  await expect(app.output).toContainText('Name:      nginx-web-0.nginx');
  await expect(app.output).toContainText(/Address 1: [\d.]+ nginx-web-0\.nginx\.default\.svc\.cluster\.local/);
  await expect(app.page.getByTestId('pod-dns-test')).toHaveCount(0);
});

test('exec -it … -- sh attaches the terminal to a shell in the container until exit', async ({ app, page }) => {
  await app.open();
  await app.settle();
  await app.run('exec -it nginx-web-1 -- sh', '$ kubectl exec -it nginx-web-1 -- sh');
  await expect(app.shell).toBeVisible();
  await expect(page.locator('.terminal-ps')).toHaveText('/ #');
  await app.run('cd /usr/share/nginx/html', '/ # cd /usr/share/nginx/html', true);
  await expect(page.locator('.terminal-ps')).toHaveText('/usr/share/nginx/html #');
  await app.run('echo "$(hostname)" > index.html; ls', /html # echo "\$\(hostname\)" > index\.html; lsindex\.html$/, true);
  await expect(app.page.getByTestId('pvc-files-www-storage-nginx-web-1')).toHaveText('files: index.html (12 B)');
  await app.run('curl -s nginx-web-1.nginx', /curl -s nginx-web-1\.nginxnginx-web-1$/, true);
  // An unfinished loop: the shell's `>` prompt waits for the rest, then runs it whole.
  await app.type('for i in 1 2', true);
  await expect(page.locator('.terminal-ps')).toHaveText('>');
  await app.run('do echo "n$i"; done', /> do echo "n\$i"; donen1\s*n2$/, true);
  await expect(page.locator('.terminal-ps')).toHaveText('/usr/share/nginx/html #');
  // Ctrl-C drops an unfinished one.
  await app.type('echo "open', true);
  await expect(page.locator('.terminal-ps')).toHaveText('>');
  await app.shell.press('Control+c');
  await expect(page.locator('.terminal-ps')).toHaveText('/usr/share/nginx/html #');
  // Ctrl-D in the middle of a command: the shell says what it expected, and stays.
  await app.type('while true', true);
  await app.shell.press('Control+d');
  await expect(app.output).toContainText('sh: syntax error: unexpected end of file (expecting "do")');
  await expect(page.locator('.terminal-ps')).toHaveText('/usr/share/nginx/html #');
  await app.shell.press('Control+d');
  await expect(app.terminal).toBeVisible();
  await expect(page.locator('.terminal-ps')).toHaveText('$');
});

test('run -it --rm: the tutorial\'s dns-test shell looks pods up by name; exit ends the pod, which is deleted', async ({ app, page }) => {
  await app.open();
  await app.settle();
  // The command plays time while its pod starts, then hands the terminal to the pod's shell.
  await app.run('run -it --rm --restart=Never dns-test --image=busybox:1.28', "If you don't see a command prompt, try pressing enter.");
  await expect(app.shell).toBeVisible();
  await expect(page.locator('.terminal-ps')).toHaveText('/ #');
  await app.run('nslookup nginx-web-0.nginx', /Name: {6}nginx-web-0\.nginx\s*Address 1: [\d.]+ nginx-web-0\.nginx\.default\.svc\.cluster\.local/, true);
  await app.run('exit', 'pod "dns-test" deleted from default namespace', true);
  await expect(app.terminal).toBeVisible();
  await expect(page.locator('.terminal-ps')).toHaveText('$');
  await app.run('get pod dns-test', 'Error from server (NotFound): pods "dns-test" not found');
});

test('the tutorial\'s loops over pods run in the terminal, each command in turn', async ({ app }) => {
  await app.open();
  await app.settle();
  await app.run(`for i in 0 1; do kubectl exec "nginx-web-$i" -- sh -c 'hostname'; done`, /; done\s*nginx-web-0\s*nginx-web-1$/);
  // --template prints no newline and echo adds one: one line per pod, none empty in between.
  await app.run(`for p in 0 1; do kubectl get pod "nginx-web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done`, /; done\s*nginx:alpine\s*nginx:alpine$/);
  await expect(app.output.locator('.tl').filter({ hasText: /^nginx:alpine$/ })).toHaveCount(2);
  await expect(app.output.locator('.tl').last()).toHaveText('nginx:alpine');
  await expect(app.output.locator('.tl').nth(-2)).toHaveText('nginx:alpine');
});

test('pasted lines wait above the prompt and Enter runs them in turn; a here-document typed on waits for its EOF', async ({ app, page }) => {
  await app.open();
  await app.settle();
  await app.showTab('terminal');
  const pending = page.getByTestId('terminal-pending');
  await app.terminal.focus();
  await app.paste('cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\nEOF\nkubectl get ns demo -o name\n');
  await expect(pending).toHaveText('$ cat <<EOF | kubectl apply -f -\n> apiVersion: v1\n> kind: Namespace\n> metadata:\n>   name: demo\n> EOF\n> kubectl get ns demo -o name');
  await expect(page.getByRole('region', { name: 'Terminal' }).getByText('Several lines: Enter runs them in turn')).toBeVisible();
  await expect(app.terminal).toHaveValue('');
  await app.terminal.press('Enter');
  await expect(app.output).toContainText('namespace/demo created$ kubectl get ns demo -o namenamespace/demo');
  await expect(pending).toHaveCount(0);
  // Each command is echoed as bash echoes pasted lines, the document's lines after `> `.
  await expect(app.output.locator('.tl-cmd').filter({ hasText: /^> {3}name: demo$/ })).toHaveCount(1);
  await expect(app.output.locator('.tl-cmd').filter({ hasText: /^\$ kubectl get ns demo -o name$/ })).toHaveCount(1);

  // Typed line by line: the here-document waits (prompt `>`) until the line that is its delimiter.
  for (const line of ['kubectl apply -f - <<EOF', 'apiVersion: v1', 'kind: Namespace', 'metadata:']) {
    await app.terminal.fill(line);
    await app.terminal.press('Enter');
  }
  await expect(page.locator('.terminal-ps')).toHaveText('>');
  await expect(pending).toHaveText('$ kubectl apply -f - <<EOF\n> apiVersion: v1\n> kind: Namespace\n> metadata:');
  await app.terminal.fill('  name: typed');
  await app.terminal.press('Enter');
  await app.terminal.fill('EOF');
  await app.terminal.press('Enter');
  await expect(app.output).toContainText('namespace/typed created');
  await expect(page.locator('.terminal-ps')).toHaveText('$');

  // Ctrl-C drops what waits, as bash drops an unfinished command.
  await app.paste('kubectl create namespace never\nkubectl get ns never');
  await expect(pending).toHaveText('$ kubectl create namespace never');
  await expect(app.terminal).toHaveValue('kubectl get ns never');
  await app.terminal.press('Control+c');
  await expect(pending).toHaveCount(0);
  await expect(app.output).toContainText('$ kubectl create namespace never\n> kubectl get ns never^C'.replace(/\n/g, ''));
  await app.run('get ns never', 'Error from server (NotFound): namespaces "never" not found');
  // A list on one line: `||` runs after kubectl's failure.
  await app.run('get ns never -o name || echo missing', /not foundmissing$/);
  // The shell's variables, from a command's output.
  await app.run(`pod=$(kubectl get pods -l app=nginx -o name | tail -1)`, /tail -1\)$/);
  await app.run('kubectl get $pod -o name', /get \$pod -o namepod\/nginx-web-2$/);
});

test('↑/↓ walk the history; Tab completes verbs, types and names', async ({ app }) => {
  await app.open();
  await app.settle();
  await app.run('get sts', 'nginx-web');
  await app.run('get svc', 'nginx');
  await app.terminal.press('ArrowUp');
  await expect(app.terminal).toHaveValue('kubectl get svc');
  await app.terminal.press('ArrowUp');
  await expect(app.terminal).toHaveValue('kubectl get sts');
  await app.terminal.press('ArrowDown');
  await expect(app.terminal).toHaveValue('kubectl get svc');
  await app.terminal.press('ArrowDown');
  await expect(app.terminal).toHaveValue('');

  await app.terminal.fill('kubectl descr');
  await app.terminal.press('Tab');
  await expect(app.terminal).toHaveValue('kubectl describe ');
  await app.terminal.pressSequentially('statef');
  await app.terminal.press('Tab');
  await expect(app.terminal).toHaveValue('kubectl describe statefulset');
  await app.terminal.fill('kubectl describe sts ngi');
  await app.terminal.press('Tab');
  await expect(app.terminal).toHaveValue('kubectl describe sts nginx-web ');
  await app.terminal.fill('kubectl delete pod nginx-web-');
  await app.terminal.press('Tab');
  await expect(app.output).toContainText('nginx-web-0  nginx-web-1  nginx-web-2');
  await expect(app.terminal).toBeFocused();
});

test('help prints the commands; clear empties the output', async ({ app }) => {
  await app.open();
  await app.run('help', 'kubectl get pods -w');
  await app.terminal.fill('clear');
  await app.terminal.press('Enter');
  await expect(app.output.locator('.tl')).toHaveCount(0);
});

test('get pods -w streams changes until Ctrl-C', async ({ app, page }) => {
  await app.open();
  await app.settle();
  await app.run('get pods -w', /nginx-web-2\s+1\/1\s+Running/);
  const before = await app.output.locator('.tl').count();
  // While the watch runs the prompt does not take another command.
  await app.terminal.press('Enter');
  await expect(app.output).toContainText('A command is running');
  await expect(page.getByRole('button', { name: 'Stop (Ctrl-C)' })).toBeVisible();
  await app.terminal.press('Control+c');
  await expect(app.output).toContainText('^C');
  await expect(page.getByRole('button', { name: 'Stop (Ctrl-C)' })).toHaveCount(0);
  await app.run('delete pod nginx-web-1', 'pod "nginx-web-1" deleted');
  const after = await app.output.locator('.tl').count();
  expect(after).toBeGreaterThan(before);
  // The watch was stopped: no new watch rows for the deleted pod's replacement appear after the delete echo.
  const text = await app.outputText();
  const tail = text.slice(text.lastIndexOf('$ kubectl delete pod nginx-web-1'));
  expect(tail).not.toMatch(/nginx-web-1\s+0\/1\s+(Pending|ContainerCreating)/);
});

test('a watch prints each change of a pod as a new row', async ({ app }) => {
  await app.open();
  await app.settle();
  await app.run('get pods -w', /nginx-web-2\s+1\/1\s+Running/);
  await app.play.click();
  // The terminal is busy while the watch runs; a second client (the Controls) changes the cluster.
  await app.page.getByRole('button', { name: /Delete Pod nginx-web-2/ }).click();
  await expect(app.output).toContainText(/nginx-web-2\s+1\/1\s+Terminating/);
  await expect(app.output).toContainText(/nginx-web-2\s+0\/1\s+(Pending|ContainerCreating)/, { timeout: 20_000 });
  await app.terminal.press('Control+c');
  await expect(app.output).toContainText('^C');
});

test("set-context --namespace: the scene, controls and tables follow kubectl's namespace, and a seek takes it back", async ({ app, page }) => {
  await app.open();
  await app.settle();
  await app.run('kubectl create namespace demo', 'namespace/demo created');
  await app.run('kubectl config set-context --current --namespace=demo', 'Context "kind-kind" modified.');
  const scene = page.getByTestId('scene');
  await expect(scene).toHaveAttribute('data-namespace', 'demo');
  await expect(scene).toContainText("Namespace demo: kubectl's current context uses it when no -n is given.");
  await expect(scene).toContainText('No StatefulSet in namespace demo.');
  await expect(app.sts('nginx-web')).toHaveCount(0);
  await expect(page.getByText('No StatefulSet to control.')).toBeVisible();
  await app.run('get pods', 'No resources found in demo namespace.');
  // Back to default: the seed set is there again, and the controls act on it.
  await app.run('kubectl config set-context --current --namespace=', 'Context "kind-kind" modified.');
  await expect(scene).toHaveAttribute('data-namespace', 'default');
  await expect(app.sts('nginx-web')).toBeVisible();
  // The kubeconfig is part of the cluster's state: seeking back to before a change undoes it.
  await app.type('sim advance 1s');
  const mid = await app.clockMs();
  await app.type('sim advance 1s');
  await app.run('kubectl config set-context --current --namespace=demo', /modified\.[\s\S]*modified\.[\s\S]*modified\./);
  await expect(scene).toHaveAttribute('data-namespace', 'demo');
  await app.seek(mid);
  await expect(scene).toHaveAttribute('data-namespace', 'default');
});

test('a second terminal watches while the first one scales, as the tutorials do; each has its own Ctrl-C', async ({ app }) => {
  const page = app.page;
  await app.open();
  await app.settle();
  const toggle = page.getByRole('button', { name: 'Second terminal' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const second = page.getByRole('textbox', { name: 'kubectl (Terminal 2)' });
  await expect(second).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Terminal 1' })).toBeVisible();
  await second.fill('kubectl get pods -w -l app=nginx');
  await second.press('Enter');
  const out2 = page.getByTestId('terminal2-output');
  await expect(out2).toContainText(/nginx-web-2\s+1\/1\s+Running/);
  await expect(page.getByTestId('terminal-1').locator('.badge.streaming')).toHaveCount(1);
  // The first terminal is free while the second one watches.
  await app.run('scale sts nginx-web --replicas=4', 'statefulset.apps/nginx-web scaled');
  await app.settle();
  await expect(out2).toContainText(/nginx-web-3\s+1\/1\s+Running/);
  await expect(app.output).not.toContainText('Running   0');
  // A line typed into the busy second terminal is refused there, with a pointer to the other one.
  await second.fill('kubectl get sts');
  await second.press('Enter');
  await expect(out2).toContainText('A command is running in this terminal: press Ctrl-C to stop it, or type in the other terminal.');
  await second.press('Control+c');
  await expect(out2.locator('.tl').last()).toHaveText('^C');
  await expect(page.getByTestId('terminal-1').locator('.badge.streaming')).toHaveCount(0);
  await second.fill('kubectl get sts nginx-web -o name');
  await second.press('Enter');
  await expect(out2.locator('.tl').last()).toHaveText('statefulset.apps/nginx-web');
  // Closing it hands the focus back to the first terminal.
  await page.getByRole('button', { name: /^Close terminal 2/ }).click();
  await expect(second).toHaveCount(0);
  await expect(app.terminal).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
});

test('port-forward in the first terminal, curl in the second: the page the pod serves, and the connection reported', async ({ app, page }) => {
  await app.open('terminals=2');
  await app.settle();
  await app.run("exec nginx-web-1 -- sh -c 'echo hello from $(hostname) > /usr/share/nginx/html/index.html'", /index\.html'$/);
  await app.run('port-forward nginx-web-1 8080:80', 'Forwarding from [::1]:8080 -> 80');
  await expect(page.getByTestId('terminal-0').locator('.badge.streaming')).toHaveCount(1);
  const second = page.getByRole('textbox', { name: 'kubectl (Terminal 2)' });
  await second.fill('curl localhost:8080');
  await second.press('Enter');
  await expect(page.getByTestId('terminal2-output').locator('.tl').last()).toHaveText('hello from nginx-web-1');
  await expect(app.output).toContainText('Handling connection for 8080');
  // The StatefulSet replaces the pod under the same name: the forward was to the old pod, so it ends at the next
  // connection; started again, it reaches the new pod, which serves the same volume.
  await second.fill('kubectl delete pod nginx-web-1');
  await second.press('Enter');
  await expect(page.getByTestId('terminal2-output')).toContainText('pod "nginx-web-1" deleted');
  // The delete waits for the pod to go (time plays for it), as kubectl does.
  await expect(page.getByTestId('terminal-1').locator('.badge.streaming')).toHaveCount(0, { timeout: 30_000 });
  await second.fill('sim settle');
  await second.press('Enter');
  await expect(page.getByTestId('terminal2-output')).toContainText('settled at');
  await second.fill('curl localhost:8080');
  await second.press('Enter');
  await expect(page.getByTestId('terminal2-output').locator('.tl').last()).toHaveText('curl: (52) Empty reply from server');
  await expect(app.output).toContainText('error: lost connection to pod');
  await expect(page.getByTestId('terminal-0').locator('.badge.streaming')).toHaveCount(0);
  await app.run('port-forward nginx-web-1 8080:80', 'Forwarding from [::1]:8080 -> 80');
  await second.fill('curl -s localhost:8080');
  await second.press('Enter');
  await expect(page.getByTestId('terminal2-output').locator('.tl').last()).toHaveText('hello from nginx-web-1');
});

test('a background job (CMD &) leaves the prompt free: curl in the same terminal, jobs, kill %1', async ({ app }) => {
  await app.open();
  await app.settle();
  await app.run('kubectl port-forward nginx-web-0 8080:80 &', 'Forwarding from [::1]:8080 -> 80');
  await expect(app.page.locator('.badge.streaming')).toHaveCount(0);
  await app.run('curl -s localhost:8080 | head -1', 'Handling connection for 8080');
  await app.run('jobs', '[1]+  Running                 kubectl port-forward nginx-web-0 8080:80 &');
  await app.run('kill %1', '[1]+  Terminated              kubectl port-forward nginx-web-0 8080:80');
  await app.run('curl localhost:8080', "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server");
});

test('terminals=2 in the URL opens the page with both terminals, the second one empty', async ({ app }) => {
  await app.open('lang=zh-Hant&terminals=2');
  await expect(app.page.getByRole('heading', { name: '終端機 2' })).toBeVisible();
  await expect(app.page.getByRole('button', { name: '第二個終端機' })).toHaveAttribute('aria-pressed', 'true');
  await expect(app.page.getByTestId('terminal2-output').locator('.tl')).toHaveCount(0);
  await expect(app.output).toContainText('statefulset.apps/nginx-web created');
});

test('a manifest saved to a local file with cat <<EOF > FILE is applied with -f FILE, copied to a pod and back; both terminals see the files', async ({ app, page }) => {
  await app.open();
  await app.settle();
  await app.paste('cat <<EOF > ns.yaml\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\nEOF\nkubectl apply -f ns.yaml\n');
  await app.terminal.press('Enter');
  await expect(app.output).toContainText('> EOF$ kubectl apply -f ns.yamlnamespace/demo created');
  await app.run('get sts nginx-web -o yaml > web.yaml 2>&1', /web\.yaml 2>&1$/);
  await app.run('cat web.yaml | grep -c "name: nginx-web"', /grep -c "name: nginx-web"1$/);
  // kubectl cp puts a file into a pod's volume (its claim's card lists it) and copies one back.
  await app.run('kubectl cp ns.yaml nginx-web-1:/usr/share/nginx/html/ns.yaml', /ns\.yaml$/);
  await expect(page.getByTestId('pvc-files-www-storage-nginx-web-1')).toHaveText('files: ns.yaml (54 B)');
  await app.run('kubectl cp nginx-web-1:/usr/share/nginx/html/ns.yaml copy.yaml', "tar: removing leading '/' from member names");
  await page.getByRole('button', { name: 'Second terminal' }).click();
  const second = page.getByRole('textbox', { name: 'kubectl (Terminal 2)' });
  await second.fill('ls');
  await second.press('Enter');
  await expect(page.getByTestId('terminal2-output').locator('.tl').last()).toHaveText('copy.yaml  ns.yaml  web.yaml');
});

test('a pasted block that opens a container shell waits for its exit, then runs its next lines', async ({ app, page }) => {
  await app.open();
  await app.settle();
  await app.paste('kubectl exec -it nginx-web-0 -- sh\nkubectl get sts nginx-web -o name\n');
  await app.terminal.press('Enter');
  // The block runs (busy), and the terminal is the container shell's: lines typed go to it.
  await expect(app.shell).toBeVisible();
  await expect(page.getByTestId('terminal-0').locator('.badge.streaming')).toHaveCount(1);
  await app.shell.fill('hostname');
  await app.shell.press('Enter');
  await expect(app.output.locator('.tl').last()).toHaveText('nginx-web-0');
  await expect(app.output).not.toContainText('$ kubectl get sts nginx-web -o name');
  await app.shell.press('Control+d');
  await expect(app.output.locator('.tl').last()).toHaveText('statefulset.apps/nginx-web');
  await expect(app.terminal).toBeVisible();
  await expect(page.getByTestId('terminal-0').locator('.badge.streaming')).toHaveCount(0);
});
