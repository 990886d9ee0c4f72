// The load generator's client lives in core (plain fetch, any runtime); `@paralab/host/load-client` keeps
// exporting it for existing users.
export { DEFAULT_DEADLINE_MS, loadGeneratorInfo, runLoad } from '@paralab/core';
