// The load generator's protocol lives in core (portable, shared by every measuring side); the host's
// generator and its users import it from here as before.
export {
  type ExpectedResponse,
  type GeneratorInfo,
  type LatencySummary,
  type LoadRequest,
  type LoadResult,
  type ProcessUsage,
  type RequestSpec,
  validateLoadRequest,
} from '@paralab/core';
