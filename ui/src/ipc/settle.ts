import type { IpcError } from "../bindings";

/** What every generated command resolves to. */
export type Result<T, E = IpcError> = { status: "ok"; data: T } | { status: "error"; error: E };

/**
 * Awaits a command and always yields a Result: the generated bindings rethrow JavaScript
 * exceptions (a broken bridge, a bug), which become an `internal` IpcError here so that every
 * screen handles one shape of failure.
 */
export async function settle<T>(call: Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call;
  } catch (e) {
    return {
      status: "error",
      error: { code: "internal", message: e instanceof Error ? e.message : String(e), details: null },
    };
  }
}
