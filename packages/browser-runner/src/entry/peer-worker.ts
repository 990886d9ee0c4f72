// A module (or classic) Web Worker of every page strategy and probe: core's Web Worker peer loop. The page
// hands it the served URL of its workload module in the setup.
import { importWorkload, serveWebWorkerPeer } from '@paralab/core/peer';

serveWebWorkerPeer(importWorkload);
