import { findChromium, launchChromium as launch } from '@paralab/browser-runner';
import type { Browser, Page } from 'playwright-core';

/** The machine's Chromium (`PARALAB_CHROMIUM`, else the usual places), as the browser runner starts it. */
export function launchChromium(): Promise<Browser> {
  return launch(findChromium());
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
