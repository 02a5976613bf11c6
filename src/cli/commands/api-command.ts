// Shared by the API-reading commands: API errors print to stderr and set exit code 1.
import { ApiError } from '../../app/index.ts';

export async function runApi(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    process.stderr.write(`rules: ${error.message}\n`);
    process.exitCode = 1;
  }
}
