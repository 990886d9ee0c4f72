import {
  CancelToken,
  type FromCalibrationPeer,
  Inbox,
  ParalabError,
  type ProbeScopeBase,
} from '@paralab/core';
import { crashError } from '../strategies/_web-workers.js';

/** What a page calibration probe starts its workers through; each is terminated when the probe ends. */
export interface PageProbeScope extends ProbeScopeBase {
  /** Starts a worker whose every message goes to the returned inbox; throws once the probe is cancelled. */
  worker(url: string, options?: WorkerOptions): { worker: Worker; inbox: Inbox<FromCalibrationPeer> };
  /** Terminates a worker now. */
  release(worker: Worker): void;
}

/** The scope of one probe run; `close` terminates every worker it started. */
export class PageScope implements PageProbeScope {
  readonly cancel: CancelToken = new CancelToken();
  readonly #workers = new Set<Worker>();

  worker(url: string, options?: WorkerOptions): { worker: Worker; inbox: Inbox<FromCalibrationPeer> } {
    this.cancel.throwIfCancelled();
    const worker = new Worker(url, options);
    this.#workers.add(worker);
    const inbox = new Inbox<FromCalibrationPeer>(this.cancel);
    worker.addEventListener('message', (event: MessageEvent<FromCalibrationPeer>) => inbox.push(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      inbox.fail(crashError(event));
    });
    worker.addEventListener('messageerror', () =>
      inbox.fail(new ParalabError('ERR_WORKER', 'a calibration message could not be deserialized')),
    );
    return { worker, inbox };
  }

  release(worker: Worker): void {
    this.#workers.delete(worker);
    worker.terminate();
  }

  async close(): Promise<void> {
    for (const worker of this.#workers) worker.terminate();
    this.#workers.clear();
  }
}
