/** The environment variable a `Deno.Command` child reads its `PeerSetup` from (JSON). */
export const COMMAND_SETUP_ENV = 'PARALAB_PEER_SETUP';
