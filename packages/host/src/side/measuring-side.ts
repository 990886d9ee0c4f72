// The measuring side as the host sees it: a child process or a browser page that answers requests and
// streams events, and that can die or hang at any time. The supervisor works with this interface only.
import {
  type MeasureEvent,
  ParalabError,
  type SideIdentity,
  type SideReply,
  type SideRequest,
} from '@paralab/core';

/** The measuring side died, was killed, or stopped answering: what it reported before is kept. */
export class SideLost extends ParalabError {
  constructor(message: string) {
    super('ERR_SIDE_LOST', message);
    this.name = 'SideLost';
  }
}

/** A running measuring side. */
export interface MeasuringSide {
  readonly identity: SideIdentity;
  /**
   * Runs a request and resolves with its reply. Every event is handed to `onEvent` as it arrives. Rejects
   * with `SideLost` when the side dies, or says nothing for `silenceMs` (it is then killed), and with a
   * plain `ParalabError` when the side answers that the request failed.
   */
  request(
    request: SideRequest,
    onEvent: (event: MeasureEvent) => void,
    silenceMs: number,
  ): Promise<SideReply>;
  /** Ends the side at once (even one stuck in a synchronous loop); a request in progress rejects with `SideLost`. */
  kill(reason: string): Promise<void>;
  /** Ends the side gracefully, or kills it when it does not end in time. */
  close(): Promise<void>;
}

/** How the host starts a measuring side, and what it is called in messages (`the Node measuring process`). */
export interface SideFactory {
  readonly what: string;
  open(): Promise<MeasuringSide>;
  /**
   * True when each group (and the calibration) is measured in a side of its own, closed when it is done:
   * a side whose state outlives a group (a page that ran earlier groups' pools) would slow the next.
   */
  readonly sidePerGroup?: boolean;
  /** Releases what the factory holds between sides (a browser), once the run is over. */
  dispose?(): Promise<void>;
}
