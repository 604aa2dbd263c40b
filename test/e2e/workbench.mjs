// Driving the VS Code workbench (code-server in Chromium) the way a user does: keyboard, mouse, and what is on
// screen. Every wait is for a DOM state, with a timeout; nothing sleeps.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const TIMEOUT = 30_000;

export async function openBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  static async open(browser, url) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    return new Workbench(page);
  }

  /** Opens a workspace file through Quick Open and waits until its editor has focus. */
  async openFile(name) {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: TIMEOUT });
    await input.fill(name);
    // Enter opens the focused (first) row: wait until that row is the file.
    await this.page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: name.split('/').pop() })
      .first()
      .waitFor({ timeout: TIMEOUT });
    await this.page.keyboard.press('Enter');
    // Once the quick input has closed the editor has taken the keyboard: for a file already open in the active tab,
    // the tab and the focused editor below may still be the state from before (a view focused since), and keys typed
    // next would go there.
    await input.waitFor({ state: 'hidden', timeout: TIMEOUT });
    await this.page.locator('.tab.active', { hasText: name.split('/').pop() }).waitFor({ timeout: TIMEOUT });
    await this.page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: TIMEOUT });
  }

  async languageMode() {
    const item = this.page.locator('[id="status.editor.mode"]');
    await item.waitFor({ timeout: TIMEOUT });
    return (await item.innerText()).trim();
  }

  /** The rendered tokens of the visible editor: [text, className] per span. */
  /** [text, class] of every rendered token; the editor renders spaces as no-break spaces. */
  async tokens() {
    const spans = await this.page.$$eval('.editor-instance .view-lines .view-line > span > span', (all) =>
      all.map((s) => [s.textContent ?? '', s.className]),
    );
    return spans.map(([text, className]) => [text.replace(/\u00a0/g, ' '), className]);
  }

  async runCommand(title) {
    await this.page.keyboard.press('Control+Shift+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: TIMEOUT });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: TIMEOUT });
    await this.page.keyboard.press('Enter');
  }

  async showProblems() {
    if (!(await this.page.locator('.markers-panel').isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await this.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: TIMEOUT });
  }

  /** Problems panel rows (their accessible text: message, source, code, position). */
  problemRow(text) {
    return this.page.locator('.markers-panel .monaco-list-row', { hasText: text });
  }

  /** Moves the cursor with Go to Line/Column (1-based, as the status bar shows). */
  async goTo(line, column) {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: TIMEOUT });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('[id="status.editor.selection"]', { hasText: `Ln ${line}, Col ${column}` }).waitFor({ timeout: TIMEOUT });
  }

  /** Opens the light bulb menu at the cursor and applies the fix with this title. */
  async quickFix(title) {
    await this.page.keyboard.press('Control+.');
    await this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first().waitFor({ state: 'attached', timeout: TIMEOUT });
    // Walk the menu with the keyboard, as its rows do not take pointer clicks reliably while it animates in.
    const rows = await this.page.locator('.action-widget .monaco-list-row').count();
    for (let i = 0; i < rows; i++) {
      const focused = await this.page
        .locator('.action-widget .monaco-list-row.focused')
        .innerText()
        .catch(() => '');
      if (focused.trim() === title) break;
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.locator('.action-widget .monaco-list-row.focused', { hasText: title }).waitFor({ timeout: TIMEOUT });
    await this.page.keyboard.press('Enter');
  }

  /** Closes whatever widget a previous step left open. */
  async reset() {
    for (let i = 0; i < 3; i++) await this.page.keyboard.press('Escape');
  }

  /** Shows the hover at the cursor (Ctrl+K Ctrl+I) and returns it. */
  async hoverAtCursor() {
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    const hover = this.page.locator('.monaco-hover:visible');
    await hover.first().waitFor({ timeout: TIMEOUT });
    // Let the fade-in finish, so what is read and photographed is the settled hover.
    await hover.first().evaluate((element) => Promise.all(element.getAnimations({ subtree: true }).map((a) => a.finished)));
    return hover.first();
  }

  /** Changes a setting in the Settings editor, as a user would. */
  async setSetting(id, value) {
    await this.page.keyboard.press('Control+,');
    const search = this.page.locator('.settings-editor .suggest-input-container .monaco-editor textarea');
    await search.waitFor({ timeout: TIMEOUT });
    await search.focus();
    await this.page.keyboard.type(id);
    const control = this.page.locator(`.settings-editor .setting-item-contents[data-key="${id}"] input`);
    await control.first().waitFor({ timeout: TIMEOUT });
    await control.first().fill(String(value));
    await this.page.keyboard.press('Tab');
  }

  /** Moves to the end of the document and types lines (each followed by Enter). */
  async typeAtEnd(lines) {
    await this.page.keyboard.press('Control+End');
    for (const line of lines) {
      await this.page.keyboard.type(line);
      await this.page.keyboard.press('Enter');
      // Auto-indentation could indent the next line (which would make it a continuation line).
      await this.page.keyboard.press('Home');
      await this.page.keyboard.press('Shift+End');
      await this.page.keyboard.press('Home');
    }
  }

  async suggestions() {
    const rows = this.page.locator('.suggest-widget .monaco-list-row');
    await rows.first().waitFor({ timeout: TIMEOUT });
    return rows.allInnerTexts();
  }

  async save() {
    await this.page.keyboard.press('Control+S');
  }
}

/** Waits until a file on disk satisfies a condition (e.g. after a save); returns its text. */
export async function waitForFile(path, accept, timeoutMs = TIMEOUT) {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = readFileSync(path, 'utf8');
    if (accept(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return text;
}
