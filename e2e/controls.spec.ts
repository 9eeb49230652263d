// Every control acts through the equivalent kubectl/sim line, echoed into the terminal.
import { expect, test } from '@playwright/test';
import { ScenePage } from './scene-page.ts';

// Each step is a worker round trip; the 2-core machines are shared, so allow slack.
test.describe.configure({ timeout: 120_000 });

test('controls echo their kubectl commands', async ({ page }) => {
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  const out = page.getByTestId('terminal-output');
  await page.getByRole('spinbutton', { name: 'Replicas', exact: true }).fill('4');
  await page.getByRole('spinbutton', { name: 'Replicas', exact: true }).press('Enter');
  await expect(out).toContainText('$ kubectl scale sts nginx-web --replicas=4');
  await expect(out).toContainText('statefulset.apps/nginx-web scaled');
  await page.getByRole('combobox', { name: 'Image', exact: true }).selectOption('nginx:does-not-exist');
  await expect(out).toContainText('$ kubectl set image sts/nginx-web nginx=nginx:does-not-exist');
  await page.getByRole('combobox', { name: 'Update strategy', exact: true }).selectOption('OnDelete');
  await expect(out).toContainText(`$ kubectl patch sts nginx-web -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'`);
  await expect(s.sts('nginx-web')).toHaveAttribute('data-replicas', '4');
});

test('a broken image tag ends in ImagePullBackOff on the highest ordinal only', async ({ page }) => {
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  await page.getByRole('combobox', { name: 'Image', exact: true }).selectOption('nginx:does-not-exist');
  await s.advance(60_000);
  await expect(s.pod('nginx-web-2')).toContainText(/ErrImagePull|ImagePullBackOff/);
  await expect(s.pod('nginx-web-1')).toContainText('Running');
});

test('podManagementPolicy is immutable: the error is shown and delete-and-recreate is offered', async ({ page }) => {
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  await page.getByText('Advanced', { exact: true }).click();
  await page.getByRole('combobox', { name: 'Pod management policy', exact: true }).selectOption('Parallel');
  const out = page.getByTestId('terminal-output');
  await expect(out).toContainText('spec: Forbidden: updates to statefulset spec for fields other than');
  await page.getByRole('button', { name: 'Delete and re-create with Parallel' }).click();
  await expect(out).toContainText('$ kubectl delete sts nginx-web');
  await s.settle();
  await expect(s.sts('nginx-web')).toBeVisible();
  await expect(page.getByTestId('sts-nginx-web')).toContainText('Parallel');
  // The claims survived and are mounted again by the new pods.
  for (const i of [0, 1, 2]) await expect(s.pvc(`www-storage-nginx-web-${i}`)).toHaveAttribute('data-pod', `nginx-web-${i}`);
});

test('pod faults and node down go through sim lines', async ({ page }) => {
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  await s.pod('nginx-web-1').getByRole('button', { name: /^Pod nginx-web-1/ }).click();
  await expect(page.getByTestId('pod-story')).toBeVisible();
  await page.getByRole('button', { name: 'Make unready' }).click();
  await expect(page.getByTestId('terminal-output')).toContainText('$ sim pod nginx-web-1 unready');
  await s.advance(5_000);
  await expect(s.pod('nginx-web-1')).toHaveAttribute('data-ready', 'false');
  await page.getByRole('button', { name: 'Take kind-worker2 down' }).click();
  await expect(page.getByTestId('terminal-output')).toContainText('$ sim node kind-worker2 down');
});

test('a node taken down offers "Bring up" at once, though Ready stays True for the grace period', async ({ page }) => {
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  const node = page.getByTestId('node-kind-worker2');
  await page.getByRole('button', { name: 'Take kind-worker2 down' }).click();
  await expect(node).toHaveAttribute('data-down', 'true');
  await expect(node).toHaveAttribute('data-ready', 'True');
  await expect(node).toContainText('kubelet stopped · NotReady after the 50 s grace period');
  await expect(page.getByRole('button', { name: 'Bring kind-worker2 up' })).toBeVisible();
  await s.advance(60_000);
  await expect(node).toHaveAttribute('data-ready', 'Unknown');
  await expect(node).toContainText('kubelet stopped · Ready=Unknown');
  await page.getByRole('button', { name: 'Bring kind-worker2 up' }).click();
  await expect(page.getByTestId('terminal-output')).toContainText('$ sim node kind-worker2 up');
  await expect(node).toHaveAttribute('data-down', 'false');
  await expect(node).toContainText('Ready=True');
  await expect(page.getByRole('button', { name: 'Take kind-worker2 down' })).toBeVisible();
});

test('a node taken down and then deleted stays listed to be brought up: its kubelet registers it again', async ({ page }) => {
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  await page.getByRole('button', { name: 'Take kind-worker2 down' }).click();
  await s.run('kubectl delete node kind-worker2');
  const node = page.getByTestId('node-kind-worker2');
  await expect(node).toHaveAttribute('data-deleted', 'true');
  await expect(node).toContainText('Node object deleted · kubelet stopped');
  await page.getByRole('button', { name: 'Bring kind-worker2 up' }).click();
  await expect(page.getByTestId('terminal-output')).toContainText('$ sim node kind-worker2 up');
  await expect(node).not.toHaveAttribute('data-deleted', 'true');
  await expect(node).toContainText('Ready=True');
});

test('the maxUnavailable gate switch shows the engine\'s gate, whoever changed it', async ({ page }) => {
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  await page.getByText('Advanced', { exact: true }).click();
  const gate = page.locator('#ctl-gate');
  await expect(gate).not.toBeChecked();
  await s.run('sim gate MaxUnavailableStatefulSet=true');
  await expect(gate).toBeChecked();
  await gate.click(); // controlled by the engine's value: it flips when the worker confirms
  await expect(page.getByTestId('terminal-output')).toContainText('$ sim gate MaxUnavailableStatefulSet=false');
  await expect(gate).not.toBeChecked();
});

test('node maintenance: cordon, drain and uncordon go through kubectl lines', async ({ page }) => {
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  const out = page.getByTestId('terminal-output');
  const worker2 = page.getByTestId('node-kind-worker2');
  await page.getByRole('button', { name: 'Cordon kind-worker2', exact: true }).click();
  await expect(out).toContainText('$ kubectl cordon kind-worker2');
  await expect(out).toContainText('node/kind-worker2 cordoned');
  await expect(worker2).toHaveAttribute('data-cordoned', 'true');
  await expect(worker2).toContainText('Ready=True · SchedulingDisabled');

  // Drain the node nginx-web-2 runs on: the node is cordoned too, and the re-created pod stays Pending, since
  // its claim's local volume is tied to that node; uncordoned, the node takes it back.
  const node = await s.pod('nginx-web-2').getAttribute('data-node');
  expect(node).toMatch(/^kind-/);
  await page.getByRole('button', { name: `Drain ${node}`, exact: true }).click();
  await expect(out).toContainText(`$ kubectl drain ${node} --ignore-daemonsets`);
  await expect(out).toContainText('evicting pod default/nginx-web-2');
  await expect(out).toContainText(`node/${node} drained`);
  const drained = page.getByTestId(`node-${node}`);
  await expect(drained).toHaveAttribute('data-cordoned', 'true');
  await expect(drained).toContainText('SchedulingDisabled');
  // Advance, not settle: the scheduler keeps retrying the Pending pod, so the cluster would not settle.
  await s.advance(10_000);
  await expect(s.pod('nginx-web-2')).toHaveAttribute('data-phase', 'Pending');
  await expect(s.pod('nginx-web-2')).toHaveAttribute('data-node', '');

  for (const name of new Set([node!, 'kind-worker2'])) {
    await page.getByRole('button', { name: `Uncordon ${name}`, exact: true }).click();
    await expect(out).toContainText(`$ kubectl uncordon ${name}`);
    await expect(page.getByTestId(`node-${name}`)).toHaveAttribute('data-cordoned', 'false');
    await expect(page.getByTestId(`node-${name}`)).not.toContainText('SchedulingDisabled');
  }
  // Settle right after the uncordon: its taint pass is due at this very instant.
  await s.settle();
  await expect(s.pod('nginx-web-2')).toHaveAttribute('data-node', node!);
  await expect(s.pod('nginx-web-2')).toHaveAttribute('data-ready', 'true');
  await expect(worker2).toContainText('Ready=True');
  await expect(page.getByRole('button', { name: 'Cordon kind-worker2', exact: true })).toBeVisible();
});
