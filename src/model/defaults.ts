// Default settings the entry points apply and the CLI's help names: plain values, so `rules --help` can show them
// without loading the modules that use them (issue 18 point 4).

/** `rules serve`'s listen port and address. */
export const DEFAULT_PORT = 9101;
export const DEFAULT_HOST = '127.0.0.1';

/** The default embedded store, relative to the working directory. */
export const DEFAULT_STORE = '.rules/rules.db';

/** StackStorm's `auth.token_ttl` default, also the maximum. */
export const DEFAULT_TOKEN_TTL_SECONDS = 86400;
