// Page object for the scene specs: drives the virtual clock through terminal lines (`sim advance`,
// `sim settle`) and reads the scene's stable test hooks. Used by scene/controls/i18n/a11y/embed specs.
import { expect, type Locator, type Page } from '@playwright/test';

/** A pod's hook attributes. */
export interface PodHook { name: string; phase: string; ready: boolean; terminating: boolean; revision: string; ordinal: string }

export class ScenePage {
  constructor(readonly page: Page) {}

  /** Opens the playground in e2e mode (paused, animations off). */
  async open(params = 'lang=en'): Promise<void> {
    await this.page.goto(`/?e2e&${params}`);
    await expect(this.page.getByTestId('sim-clock')).toBeVisible();
    await expect(this.page.getByTestId('dock')).toBeVisible();
  }

  get terminal(): Locator { return this.page.getByRole('textbox', { name: 'kubectl' }); }

  /** Shows a tab of the bottom dock (opening the dock if it is folded). */
  async showTab(id: 'terminal' | 'yaml' | 'events' | 'why' | 'story'): Promise<void> {
    const tab = this.page.getByTestId(`dock-tab-${id}`);
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }

  /** Runs one terminal line and waits until it is echoed (showing the Terminal tab first if needed). */
  async run(line: string): Promise<void> {
    if (!(await this.terminal.isVisible())) await this.showTab('terminal');
    const out = this.page.getByTestId('terminal-output');
    // Like a shell, the terminal refuses a new line while a command still runs (e.g. the `kubectl delete pod`
    // of a pod's ✕ button waits for the pod to go): wait for it, or the line would only print the busy note.
    await expect(this.page.locator('.badge.streaming')).toHaveCount(0, { timeout: 30_000 });
    const before = await out.textContent() ?? '';
    await this.terminal.fill(line);
    await this.terminal.press('Enter');
    await expect.poll(async () => ((await out.textContent()) ?? '').length).toBeGreaterThan(before.length);
  }

  /** The virtual clock in ms (the `sim-clock` hook). */
  async clockMs(): Promise<number> {
    return Number(await this.page.getByTestId('sim-clock').getAttribute('data-ms'));
  }

  /** Advances virtual time by `ms` and waits until the UI shows the new time. */
  async advance(ms: number): Promise<void> {
    const t0 = await this.clockMs();
    await this.run(`sim advance ${ms / 1000}s`);
    await expect.poll(() => this.clockMs()).toBeGreaterThanOrEqual(t0 + ms);
  }

  /** Advances virtual time until nothing is pending, and waits for the UI to catch up. */
  async settle(): Promise<void> {
    const out = this.page.getByTestId('terminal-output');
    const count = async () => ((await out.textContent()) ?? '').split(/settled at|not settled after/).length;
    const n = await count();
    await this.run('sim settle');
    await expect.poll(count).toBeGreaterThan(n);
    // The result can arrive before the last patch: wait until the clock shown stops moving.
    let last = -1;
    await expect.poll(async () => {
      const now = await this.clockMs();
      const stable = now === last;
      last = now;
      return stable;
    }, { intervals: [150, 150, 250] }).toBe(true);
  }

  pod(name: string): Locator { return this.page.getByTestId(`pod-${name}`); }
  pvc(name: string): Locator { return this.page.getByTestId(`pvc-${name}`); }
  sts(name: string): Locator { return this.page.getByTestId(`sts-${name}`); }

  /** Every pod currently drawn, in ordinal order. */
  async pods(): Promise<PodHook[]> {
    return this.page.locator('[data-testid^="pod-"][data-ordinal]').evaluateAll((els) => els.map((e) => ({
      name: (e.getAttribute('data-testid') ?? '').slice(4),
      phase: e.getAttribute('data-phase') ?? '',
      ready: e.getAttribute('data-ready') === 'true',
      terminating: e.getAttribute('data-terminating') === 'true',
      revision: e.getAttribute('data-revision') ?? '',
      ordinal: e.getAttribute('data-ordinal') ?? '',
    })));
  }

  /** Advances in `step` slices (up to `max` times) recording the pods after each, until `done` holds. */
  async record(done: (pods: PodHook[]) => boolean, stepMs = 1000, max = 240): Promise<PodHook[][]> {
    const frames: PodHook[][] = [];
    for (let i = 0; i < max; i++) {
      const pods = await this.pods();
      frames.push(pods);
      if (done(pods)) return frames;
      await this.advance(stepMs);
    }
    throw new Error('condition not reached');
  }
}
