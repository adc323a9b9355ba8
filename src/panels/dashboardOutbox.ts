// What the host posts to a dashboard webview, and when: the newest state only, one post in flight, at most ~8 a
// second, and live epochs as deltas. (No vscode import: the unit tests drive it with a fake webview and clock.)
import type { DashboardSnapshot, HostMessage } from '../shared/dashboard';

/** Live updates go at most this often (the core's own pace): a busy window gets the newest state, not a queue of old ones. */
export const POST_INTERVAL_MS = 125;

export interface OutboxTimers {
  now(): number;
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: OutboxTimers = {
  now: () => Date.now(),
  setTimeout: (f, ms) => setTimeout(f, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class DashboardOutbox {
  private ready = false;
  /** The newest state; what is posted is read from it when a post goes, so stale updates are never sent. */
  private latest?: DashboardSnapshot;
  private dirty = false;
  /** Something only a whole snapshot carries changed (results, run history, running state, a new run, a reload). */
  private needsSnapshot = true;
  /** How many epochs of `latest.training`'s run the webview holds; undefined when it holds another run or none. */
  private webviewEpochs?: number;
  private lastPosted?: DashboardSnapshot;
  private posting = false;
  private timer?: unknown;
  private lastPostAt = -Infinity;
  private disposed = false;

  constructor(
    private readonly post: (m: HostMessage) => Thenable<unknown>,
    private readonly timers: OutboxTimers = realTimers,
  ) {}

  /** The webview (re)loaded and said `ready`: it holds nothing, so the next post is the whole state. */
  webviewReady(): void {
    this.ready = true;
    this.needsSnapshot = true;
    this.webviewEpochs = undefined;
    if (this.latest) this.dirty = true;
    this.schedule();
  }

  /** The webview went away (hidden without retained context): nothing is posted until it is ready again. */
  webviewGone(): void {
    this.ready = false;
  }

  /**
   * The dashboard's newest state. `liveOnly`: only the training payload moved on (a live update), so a delta of
   * the new epochs is enough; otherwise the webview gets the whole snapshot, unless it already shows the same.
   */
  update(snapshot: DashboardSnapshot, liveOnly: boolean): void {
    const before = this.latest?.training;
    const now = snapshot.training;
    // A new run (or a shorter history) does not continue what the webview holds.
    if (!now || !before || before.state === 'done' || now.epochs.length < before.epochs.length)
      this.webviewEpochs = undefined;
    if (!liveOnly) {
      if (!this.dirty && this.lastPosted && sameSnapshot(this.lastPosted, snapshot)) {
        this.latest = snapshot;
        return;
      }
      this.needsSnapshot = true;
    }
    this.latest = snapshot;
    this.dirty = true;
    this.schedule();
  }

  /** Said at once (it answers a click), ahead of any update waiting for its turn. */
  postNow(message: HostMessage): void {
    if (this.ready) void Promise.resolve(this.post(message)).catch(() => {});
  }

  private schedule(): void {
    if (!this.ready || !this.dirty || this.posting || this.timer !== undefined || this.disposed) return;
    // Live updates are paced; a whole snapshot (the end of a run, its results, a run recorded) goes once the post
    // in flight is taken.
    const wait = this.needsSnapshot ? 0 : this.lastPostAt + POST_INTERVAL_MS - this.timers.now();
    if (wait > 0) {
      this.timer = this.timers.setTimeout(() => {
        this.timer = undefined;
        this.schedule();
      }, wait);
      return;
    }
    void this.flush();
  }

  private async flush(): Promise<void> {
    const s = this.latest;
    if (!s) return;
    this.dirty = false;
    const training = s.training;
    let message: HostMessage;
    if (
      this.needsSnapshot ||
      !training ||
      this.webviewEpochs === undefined ||
      training.epochs.length < this.webviewEpochs
    ) {
      message = { type: 'snapshot', snapshot: s };
      this.needsSnapshot = false;
      this.lastPosted = s;
    } else {
      const from = this.webviewEpochs;
      message = { type: 'training', payload: { ...training, epochs: training.epochs.slice(from) }, from };
      this.lastPosted = { ...this.lastPosted!, training, running: true };
    }
    this.webviewEpochs = training?.epochs.length;
    this.posting = true;
    // One post in flight: its promise settles once the window has taken it, which paces us to a busy window.
    await Promise.resolve(this.post(message)).catch(() => {});
    this.posting = false;
    this.lastPostAt = this.timers.now();
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** Whether two snapshots show the same: payloads are replaced (never edited) when they change, runs only appended. */
function sameSnapshot(a: DashboardSnapshot, b: DashboardSnapshot): boolean {
  return (
    a.language === b.language &&
    a.notebookName === b.notebookName &&
    a.notebookUri === b.notebookUri &&
    a.running === b.running &&
    a.training === b.training &&
    a.evaluation === b.evaluation &&
    a.summary === b.summary &&
    (a.runs === b.runs ||
      (a.runs.length === b.runs.length &&
        a.runs.every((r, i) => r.startedAt === b.runs[i].startedAt && r.specHash === b.runs[i].specHash)))
  );
}
