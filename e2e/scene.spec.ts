// The scene follows the real StatefulSet lifecycle: ordered creation with claims, rolling update from the
// highest ordinal with revision colours, partition, OnDelete, and claims left detached by a scale-down.
import { expect, test } from '@playwright/test';
import { ScenePage, type PodHook } from './scene-page.ts';

// Each step is a worker round trip; the 2-core machines are shared, so allow slack.
test.describe.configure({ timeout: 120_000 });

const names = (pods: PodHook[]) => pods.map((p) => p.name);
const allReady = (n: number) => (pods: PodHook[]) => pods.length === n && pods.every((p) => p.ready && !p.terminating);

test('pods 0, 1, 2 come up in order, each with its bound claim', async ({ page }) => {
  test.setTimeout(180_000);
  const s = new ScenePage(page);
  await s.open();
  const frames = await s.record(allReady(3), 1000);
  for (const pods of frames) {
    // OrderedReady: a pod exists only when every lower ordinal is Running and Ready.
    for (const p of pods) {
      const lower = pods.filter((q) => Number(q.ordinal) < Number(p.ordinal));
      expect(lower.length, `${p.name} before its predecessors`).toBe(Number(p.ordinal));
      expect(lower.every((q) => q.ready), `${p.name} created before lower ordinals were Ready`).toBe(true);
    }
  }
  expect(names(frames.at(-1)!)).toEqual(['nginx-web-0', 'nginx-web-1', 'nginx-web-2']);
  for (const i of [0, 1, 2]) {
    await expect(s.pvc(`www-storage-nginx-web-${i}`)).toHaveAttribute('data-phase', 'Bound');
    await expect(s.pvc(`www-storage-nginx-web-${i}`)).toHaveAttribute('data-pod', `nginx-web-${i}`);
  }
  await expect(s.sts('nginx-web')).toHaveAttribute('data-ready-replicas', '3');
  // The headless Service's one EndpointSlice (generated name) carries the three ready endpoints.
  await expect(page.getByTestId('slices-nginx').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('slices-nginx')).toContainText(/EndpointSlice nginx-[bcdfghjklmnpqrstvwxz2456789]{5} 3 of 3 endpoints ready/);
});

test('set image rolls 2, 1, 0 to the new revision with a new colour', async ({ page }) => {
  test.setTimeout(180_000);
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  const before = (await s.pods())[0].revision;
  await page.getByRole('combobox', { name: 'Image', exact: true }).selectOption('nginx:1.27');
  const order: string[] = [];
  await s.record((pods) => {
    for (const p of pods) if (p.revision !== before && !order.includes(p.name)) order.push(p.name);
    return allReady(3)(pods) && pods.every((p) => p.revision !== before);
  }, 1000);
  expect(order).toEqual(['nginx-web-2', 'nginx-web-1', 'nginx-web-0']);
  const after = (await s.pods())[0].revision;
  await expect(page.getByTestId(`revision-${after}`)).toHaveAttribute('data-revision-number', '2');
  await expect(page.getByTestId(`revision-${before}`)).toHaveAttribute('data-revision-number', '1');
  await expect(s.sts('nginx-web')).toHaveAttribute('data-current-revision', after);
  // Each revision has its own colour class.
  await expect(s.pod('nginx-web-0')).toHaveClass(/rev-1/);
});

test('a partition holds the lower ordinals at the old revision', async ({ page }) => {
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  const before = (await s.pods())[0].revision;
  await page.getByRole('spinbutton', { name: 'Partition', exact: true }).fill('2');
  await page.getByRole('spinbutton', { name: 'Partition', exact: true }).press('Enter');
  await page.getByRole('combobox', { name: 'Image', exact: true }).selectOption('nginx:mainline');
  await s.settle();
  const pods = await s.pods();
  expect(pods.map((p) => p.revision === before)).toEqual([true, true, false]);
  await expect(page.getByTestId('partition-boundary')).toHaveAttribute('data-partition', '2');
  await expect(s.pod('nginx-web-0')).toContainText('held by partition');
  await expect(s.pod('nginx-web-2')).not.toContainText('held by partition');
  await expect(s.sts('nginx-web')).toHaveAttribute('data-current-revision', before);
});

test('OnDelete waits until a pod is deleted', async ({ page }) => {
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  const before = (await s.pods())[0].revision;
  await page.getByRole('combobox', { name: 'Update strategy', exact: true }).selectOption('OnDelete');
  await s.settle();
  await page.getByRole('combobox', { name: 'Image', exact: true }).selectOption('nginx:1.27');
  await s.settle();
  expect((await s.pods()).every((p) => p.revision === before)).toBe(true);
  await page.getByRole('button', { name: 'Delete Pod nginx-web-1' }).first().click();
  await s.settle();
  const pods = await s.pods();
  expect(pods.map((p) => p.revision === before)).toEqual([true, false, true]);
});

test('scale down keeps the claims, detached', async ({ page }) => {
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  await page.getByRole('spinbutton', { name: 'Replicas', exact: true }).fill('1');
  await page.getByRole('spinbutton', { name: 'Replicas', exact: true }).press('Enter');
  await s.settle();
  expect(names(await s.pods())).toEqual(['nginx-web-0']);
  for (const i of [1, 2]) {
    const c = s.pvc(`www-storage-nginx-web-${i}`);
    await expect(c).toHaveAttribute('data-phase', 'Bound');
    await expect(c).toHaveAttribute('data-pod', '');
    await expect(c).toHaveAccessibleName(/detached/);
  }
  await expect(s.pvc('www-storage-nginx-web-0')).toHaveAttribute('data-pod', 'nginx-web-0');
});

test('a rollout whose template needs a missing ConfigMap stalls at the highest ordinal, says why, and finishes once it exists', async ({ page }) => {
  test.setTimeout(180_000);
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  await s.run(`kubectl patch sts nginx-web -p '{"spec":{"template":{"spec":{"volumes":[{"name":"conf","configMap":{"name":"web-config"}}],"containers":[{"name":"nginx","volumeMounts":[{"name":"conf","mountPath":"/etc/web"}]}]}}}}'`);
  await s.advance(60_000);
  // nginx-web-2 waits, ContainerCreating; the lower ordinals keep the old revision and keep serving.
  await expect(s.pod('nginx-web-2')).toHaveAttribute('data-ready', 'false');
  await expect(s.pod('nginx-web-2')).toContainText('ContainerCreating');
  await expect(s.pod('nginx-web-1')).toHaveAttribute('data-ready', 'true');
  await s.showTab('why');
  await expect(page.getByTestId('dock')).toContainText('cannot set up volume conf of pod nginx-web-2: configmap "web-config" not found');
  await s.run('kubectl create configmap web-config --from-literal=mode=blue');
  await s.settle();
  await expect(s.sts('nginx-web')).toHaveAttribute('data-ready-replicas', '3');
  const revisions = new Set((await s.pods()).map((p) => p.revision));
  expect(revisions.size).toBe(1);
});
