// Page object of the playground shell: opening it, the transport, the clock, the timeline, the terminal,
// the YAML editor and kubectl edit's file, through accessible names and the stable test hooks only.
import { expect, type Locator, type Page } from '@playwright/test';

export class AppPage {
  constructor(readonly page: Page) {}

  /** Opens the playground in e2e mode (paused, animations off) and waits for the engine. */
  async open(params = 'lang=en'): Promise<void> {
    await this.page.goto(`/?e2e&${params}`);
    await expect(this.page.getByTestId('sim-clock')).toBeVisible();
    await expect(this.page.getByTestId('worker-status')).toHaveCount(0);
  }

  get play(): Locator { return this.page.getByRole('button', { name: 'Play', exact: true }); }
  get pause(): Locator { return this.page.getByRole('button', { name: 'Pause', exact: true }); }
  get step(): Locator { return this.page.getByRole('button', { name: 'Step', exact: true }); }
  get speed(): Locator { return this.page.getByRole('combobox', { name: 'Speed', exact: true }); }
  get fastForward(): Locator { return this.page.getByRole('button', { name: 'Fast-forward', exact: true }); }
  get timeline(): Locator { return this.page.getByRole('slider', { name: 'Timeline', exact: true }); }
  get terminal(): Locator { return this.page.getByRole('textbox', { name: 'kubectl', exact: true }); }
  /** The terminal's input while it is attached to a shell in a container (`kubectl exec -it POD -- sh`). */
  get shell(): Locator { return this.page.getByRole('textbox', { name: 'shell in the container', exact: true }); }
  get output(): Locator { return this.page.getByTestId('terminal-output'); }

  /** The virtual clock in ms. */
  async clockMs(): Promise<number> {
    return Number(await this.page.getByTestId('sim-clock').getAttribute('data-ms'));
  }

  /** Waits until the clock shows at least `ms`. */
  async waitClock(ms: number): Promise<void> {
    await expect.poll(() => this.clockMs()).toBeGreaterThanOrEqual(ms);
  }

  /** All terminal text. */
  async outputText(): Promise<string> {
    return (await this.output.textContent()) ?? '';
  }

  /** Shows a tab of the bottom dock (opening the dock if it is folded). */
  async showTab(id: 'terminal' | 'yaml' | 'events' | 'why' | 'story'): Promise<void> {
    const tab = this.page.getByTestId(`dock-tab-${id}`);
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }

  /**
   * Pastes `text` into the kubectl prompt as the browser delivers a paste (filling the text field would drop the line
   * breaks). The terminal tab is shown and the prompt focused first.
   */
  async paste(text: string): Promise<void> {
    if (!(await this.terminal.isVisible())) await this.showTab('terminal');
    await this.terminal.focus();
    await this.terminal.evaluate((el, t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  /** Types a line and presses Enter (into the kubectl prompt, or with `shell` the attached shell); waits for its echo. */
  async type(line: string, shell = false): Promise<void> {
    const input = shell ? this.shell : this.terminal;
    if (!(await input.isVisible())) await this.showTab('terminal');
    // Like a shell, the prompt refuses a new line while a command still runs (`delete pod` waits for the pod to
    // go after printing `deleted`): wait for it, or the line would only print the busy note.
    if (!shell) await expect(this.page.getByTestId('terminal-0').locator('.badge.streaming')).toHaveCount(0, { timeout: 30_000 });
    const lines = this.output.locator('.tl');
    const n = await lines.count();
    await input.fill(line);
    await input.press('Enter');
    await expect.poll(() => lines.count()).toBeGreaterThan(n);
  }

  /** Runs a line and waits until output following its echo contains `expected`. */
  async run(line: string, expected: string | RegExp, shell = false): Promise<void> {
    await this.type(line, shell);
    await expect(this.output).toContainText(expected);
  }

  /** Fast-forwards until nothing is pending. */
  async settle(): Promise<void> {
    await this.run('sim settle', /settled at|not settled after/);
  }

  /** The file `kubectl edit` opened, in the YAML tab: its section and its text (CodeMirror's content). */
  get editFile(): Locator { return this.page.getByTestId('kubectl-edit'); }
  get editText(): Locator { return this.editFile.getByTestId('kubectl-edit-file').getByRole('textbox'); }

  /**
   * In the open file, replaces the value at the end of the first line matching `line` by `value`, as a person
   * would: Ctrl-Home or Ctrl-End (`from`) to bring that part into view, click the line, End, delete, type.
   */
  async editLine(line: RegExp, value: string, from: 'top' | 'bottom' = 'top'): Promise<void> {
    await this.editText.focus();
    await this.page.keyboard.press(from === 'top' ? 'Control+Home' : 'Control+End');
    const target = this.editFile.locator('.cm-line', { hasText: line }).first();
    await target.click();
    await this.page.keyboard.press('End');
    const old = (/(\S+)\s*$/.exec((await target.textContent()) ?? '') ?? ['', ''])[1];
    for (let i = 0; i < old.length; i++) await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(value);
  }

  pod(name: string): Locator { return this.page.getByTestId(`pod-${name}`); }
  sts(name: string): Locator { return this.page.getByTestId(`sts-${name}`); }

  /** Moves the timeline slider to `ms` with the keyboard-free API (sets the value and fires input). */
  async seek(ms: number): Promise<void> {
    await this.timeline.fill(String(ms));
  }
}
