// Waiting in the extension host for something VS Code does on its own time (an output, a diagnostic, a panel).

/** Polls `probe` until it gives a value; on timeout the error names what was awaited and, with `shown`, what there was. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined,
  timeoutMs = 90000,
  shown?: () => string,
  everyMs = 100,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${shown ? `; it shows:\n${shown()}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
