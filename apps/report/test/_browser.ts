import { type Browser, chromium, type Page } from 'playwright-core';

/** Chromium from the machine (`PARALAB_CHROMIUM`, default /usr/bin/chromium: see .ci/run). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PARALAB_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What a page did that a report page must never do: console errors, page errors, dialogs, network. */
export interface PageTrouble {
  errors: string[];
  dialogs: string[];
  requests: string[];
}

/** Records console errors, uncaught errors, dialogs (dismissed) and non-file requests of a page. */
export function watch(page: Page): PageTrouble {
  const trouble: PageTrouble = { errors: [], dialogs: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.errors.push(message.text());
  });
  page.on('pageerror', (error) => trouble.errors.push(String(error)));
  page.on('dialog', (dialog) => {
    trouble.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) trouble.requests.push(request.url());
  });
  return trouble;
}
