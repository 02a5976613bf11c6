// Errors the entry points throw for their caller to show: the CLI prints a UsageError's message and exits with 2.

/** Bad flags, arguments or settings (a config file, an environment variable): the message says which. */
export class UsageError extends Error {}
