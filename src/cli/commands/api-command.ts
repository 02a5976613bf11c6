// Shared by the API-reading commands: src/app/ loaded for the body; API errors print to stderr and set exit code 1.
import type * as App from '../../app/index.ts';
import { loadApp } from '../command.ts';

export async function runApi(body: (app: typeof App) => Promise<void>): Promise<void> {
  const app = await loadApp();
  try {
    await body(app);
  } catch (error) {
    if (!(error instanceof app.ApiError)) throw error;
    process.stderr.write(`rules: ${error.message}\n`);
    process.exitCode = 1;
  }
}
