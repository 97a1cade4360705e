export { runCli, HELP, type CliIo } from './cli';
export { createApiClient, CliError, type ApiClient } from './client';
