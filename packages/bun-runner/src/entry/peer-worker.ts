// A Bun Web Worker of any Web Worker strategy or calibration probe: core's Web Worker peer loop.
import { importWorkload, serveWebWorkerPeer } from '@paralab/core/peer';

serveWebWorkerPeer(importWorkload);
