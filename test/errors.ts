// The AppError a promise is rejected with (any other outcome fails the test).
import { AppError } from '../src/platform/http/errors.ts';

export async function appErrorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}
